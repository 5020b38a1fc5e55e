/* WASI preview1 conformance: file create write read (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/created.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "created\n", 8) == 8);
    CHECK(close(fd) == 0);
    CHECK(open("fs/created.txt", O_CREAT | O_EXCL | O_WRONLY, 0644) < 0 && errno == EEXIST);
    fd = open("fs/created.txt", O_RDONLY);
    CHECK(fd >= 0);
    char buf[32] = {0};
    CHECK(read(fd, buf, sizeof buf) == 8);
    CHECK(close(fd) == 0);
    printf("%s", buf);
    return 0;
}
