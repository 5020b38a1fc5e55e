/* WASI preview1 conformance: file seek (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/hello.txt", O_RDONLY);
    CHECK(fd >= 0);
    char c;
    CHECK(lseek(fd, 7, SEEK_SET) == 7);
    CHECK(read(fd, &c, 1) == 1);
    printf("at 7: %c\n", c);
    CHECK(lseek(fd, 2, SEEK_CUR) == 10);
    CHECK(read(fd, &c, 1) == 1);
    printf("at 10: %c\n", c);
    off_t end = lseek(fd, -2, SEEK_END);
    CHECK(end == 11);
    CHECK(read(fd, &c, 1) == 1);
    printf("at end-2: %c\n", c);
    CHECK(lseek(fd, 0, SEEK_END) == 13);
    CHECK(read(fd, &c, 1) == 0);
    CHECK(close(fd) == 0);
    return 0;
}
