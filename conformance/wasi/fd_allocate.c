/* WASI preview1 conformance: fd_allocate on a file, a directory and a bad fd, and the size after it. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    printf("size before: %lld\n", raw_size(fd));
    SHOW("allocate within", __wasi_fd_allocate(fd, 0, 4));
    printf("size after within: %lld\n", raw_size(fd));
    SHOW("allocate beyond", __wasi_fd_allocate(fd, 0, 100));
    printf("size after beyond: %lld\n", raw_size(fd));
    SHOW("directory", __wasi_fd_allocate(PRE, 0, 10));
    SHOW("bad fd", __wasi_fd_allocate(77, 0, 10));
    return 0;
}
