/* WASI preview1 conformance: a directory descriptor cannot be seeked, told, read or written. */
#include "wasi_raw.h"
int main(void) {
    __wasi_filesize_t pos = 0;
    __wasi_size_t n = 0;
    char buf[8];
    SHOW("seek preopen", __wasi_fd_seek(PRE, 0, __WASI_WHENCE_SET, &pos));
    SHOW("tell preopen", __wasi_fd_tell(PRE, &pos));
    __wasi_fd_t d = raw_open("sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL, 0);
    SHOW("seek opened dir", __wasi_fd_seek(d, 1, __WASI_WHENCE_CUR, &pos));
    SHOW("read dir", raw_read(d, buf, sizeof buf, &n));
    SHOW("write dir", raw_write(d, "x", &n));
    SHOW("pread dir", __wasi_fd_pread(d, &(__wasi_iovec_t){ (uint8_t *)buf, 8 }, 1, 0, &n));
    return 0;
}
