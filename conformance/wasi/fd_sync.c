/* WASI preview1 conformance: fd_sync and fd_datasync on a written file, a read-only file, a directory, stdout and a bad fd. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    __wasi_size_t n;
    SHOW("write", raw_write(fd, "sync", &n));
    SHOW("sync", __wasi_fd_sync(fd));
    SHOW("datasync", __wasi_fd_datasync(fd));
    __wasi_fd_t ro = raw_open("hello.txt", 0, RIGHTS_RO, 0);
    SHOW("sync read-only", __wasi_fd_sync(ro));
    SHOW("datasync read-only", __wasi_fd_datasync(ro));
    __wasi_fd_t d = raw_open("sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC, 0);
    SHOW("sync dir", __wasi_fd_sync(d));
    SHOW("bad fd", __wasi_fd_sync(77));
    SHOW("datasync bad fd", __wasi_fd_datasync(77));
    return 0;
}
