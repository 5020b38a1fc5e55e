/* WASI preview1 conformance: fd_filestat_set_size grows (zero-filled) and shrinks a file; refused on a read-only fd, a directory and a bad fd. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    SHOW("grow", __wasi_fd_filestat_set_size(fd, 40));
    printf("size: %lld\n", raw_size(fd));
    char buf[64]; __wasi_size_t n = 0;
    SHOW("pread", __wasi_fd_pread(fd, &(__wasi_iovec_t){ (uint8_t *)buf, 64 }, 1, 0, &n));
    printf("read %u, byte 39 is %d\n", (unsigned)n, buf[39]);
    SHOW("shrink", __wasi_fd_filestat_set_size(fd, 3));
    printf("size: %lld\n", raw_size(fd));
    __wasi_fd_t ro = raw_open("hello.txt", 0, RIGHTS_RO, 0);
    SHOW("read-only fd", __wasi_fd_filestat_set_size(ro, 1));
    printf("size: %lld\n", raw_size(ro));
    SHOW("directory", __wasi_fd_filestat_set_size(PRE, 1));
    SHOW("bad fd", __wasi_fd_filestat_set_size(77, 1));
    return 0;
}
