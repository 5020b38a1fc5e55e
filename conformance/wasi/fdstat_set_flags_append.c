/* WASI preview1 conformance: fcntl(F_SETFL, O_APPEND) (fd_fdstat_set_flags) makes later writes append; clearing it writes at the position again. */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/hello.txt", O_RDWR);
    CHECK(fd >= 0);
    printf("flags before: append %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(fcntl(fd, F_SETFL, O_APPEND) == 0);
    printf("flags after: append %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "END\n", 4) == 4);
    printf("position after append: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    CHECK(fcntl(fd, F_SETFL, 0) == 0);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "J", 1) == 1);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    char buf[64] = {0};
    ssize_t n = read(fd, buf, sizeof buf - 1);
    printf("content (%d bytes): %s", (int)n, buf);
    return 0;
}
