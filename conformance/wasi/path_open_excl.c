/* WASI preview1 conformance: O_CREAT|O_EXCL creates a new file once and refuses it the second time. */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/excl.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    printf("first: %s\n", fd >= 0 ? "created" : "refused");
    CHECK(fd >= 0 && write(fd, "1", 1) == 1);
    close(fd);
    errno = 0;
    fd = open("fs/excl.txt", O_CREAT | O_EXCL | O_WRONLY, 0644);
    printf("second: fd %d errno %d\n", fd < 0 ? -1 : 0, errno);
    errno = 0;
    fd = open("fs/sub", O_CREAT | O_EXCL | O_RDONLY, 0644);
    printf("on directory: fd %d errno %d\n", fd < 0 ? -1 : 0, errno);
    return 0;
}
