/* WASI preview1 conformance: file truncate (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/hello.txt", O_RDWR);
    CHECK(fd >= 0);
    CHECK(ftruncate(fd, 5) == 0);
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("size after truncate: %lld\n", (long long)st.st_size);
    CHECK(ftruncate(fd, 20) == 0);
    CHECK(fstat(fd, &st) == 0);
    printf("size after extend: %lld\n", (long long)st.st_size);
    CHECK(close(fd) == 0);
    return 0;
}
