/* WASI preview1 conformance: with O_APPEND every write lands at the end whatever the seek position, fdstat reports APPEND, and pwrite is refused or lands at its offset as Wasmtime decides. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, __WASI_FDFLAGS_APPEND);
    __wasi_fdstat_t st;
    SHOW("fdstat", __wasi_fd_fdstat_get(fd, &st));
    printf("append flag: %d\n", (st.fs_flags & __WASI_FDFLAGS_APPEND) != 0);
    __wasi_filesize_t pos = 0;
    __wasi_size_t n = 0;
    SHOW("seek 0", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    SHOW("write", raw_write(fd, "one\n", &n));
    SHOW("tell", __wasi_fd_tell(fd, &pos));
    printf("position: %llu\n", (unsigned long long)pos);
    SHOW("pwrite at 0", __wasi_fd_pwrite(fd, &(__wasi_ciovec_t){ (const uint8_t *)"P", 1 }, 1, 0, &n));
    printf("size: %lld\n", raw_size(fd));
    char buf[64] = {0};
    SHOW("pread", __wasi_fd_pread(fd, &(__wasi_iovec_t){ (uint8_t *)buf, 63 }, 1, 0, &n));
    printf("content: %s", buf);
    return 0;
}
