/* WASI preview1 conformance: write and pwrite on a file opened read-only are refused; read on a write-only fd is refused. */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/hello.txt", O_RDONLY);
    CHECK(fd >= 0);
    errno = 0;
    printf("write: %d errno %d\n", (int)write(fd, "x", 1), errno);
    errno = 0;
    printf("pwrite: %d errno %d\n", (int)pwrite(fd, "x", 1, 0), errno);
    close(fd);
    fd = open("fs/hello.txt", O_WRONLY);
    CHECK(fd >= 0);
    char c;
    errno = 0;
    printf("read: %d errno %d\n", (int)read(fd, &c, 1), errno);
    errno = 0;
    printf("pread: %d errno %d\n", (int)pread(fd, &c, 1, 0), errno);
    close(fd);
    return 0;
}
