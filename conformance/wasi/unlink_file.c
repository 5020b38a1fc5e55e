/* WASI preview1 conformance: unlink file (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/doomed.txt", O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0 && close(fd) == 0);
    CHECK(unlink("fs/doomed.txt") == 0);
    CHECK(open("fs/doomed.txt", O_RDONLY) < 0 && errno == ENOENT);
    CHECK(unlink("fs/doomed.txt") != 0 && errno == ENOENT);
    CHECK(unlink("fs/sub") != 0);
    printf("unlink ok\n");
    return 0;
}
