/* WASI preview1 conformance: truncating needs write access: ftruncate on a read-only fd and O_TRUNC without write rights are refused. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t ro = raw_open("hello.txt", 0, RIGHTS_RO, 0);
    SHOW("set_size on read-only", __wasi_fd_filestat_set_size(ro, 0));
    printf("size: %lld\n", raw_size(ro));
    __wasi_fd_t t = (__wasi_fd_t)-1;
    SHOW("open trunc read-only", __wasi_path_open(PRE, 0, "hello.txt", __WASI_OFLAGS_TRUNC, RIGHTS_RO, 0, 0, &t));
    printf("size: %lld\n", raw_size(ro));
    SHOW("open trunc with write", __wasi_path_open(PRE, 0, "hello.txt", __WASI_OFLAGS_TRUNC, RIGHTS_RW, 0, 0, &t));
    printf("size: %lld\n", raw_size(ro));
    return 0;
}
