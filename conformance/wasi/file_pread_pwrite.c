/* WASI preview1 conformance: file pread pwrite (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/pp.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "0123456789", 10) == 10);
    CHECK(pwrite(fd, "AB", 2, 4) == 2);
    char buf[8] = {0};
    CHECK(pread(fd, buf, 4, 3) == 4);
    printf("pread: %s\n", buf);
    /* pread/pwrite leave the file position alone. */
    CHECK(lseek(fd, 0, SEEK_CUR) == 10);
    CHECK(close(fd) == 0);
    return 0;
}
