/* WASI preview1 conformance: EBADF for closed and never-opened descriptors on every kind of call, and prestat of a non-preopen. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    SHOW("close", __wasi_fd_close(fd));
    SHOW("close again", __wasi_fd_close(fd));
    __wasi_size_t n; char buf[4]; __wasi_filesize_t pos; __wasi_fdstat_t fs; __wasi_filestat_t st; __wasi_prestat_t ps;
    SHOW("write closed", raw_write(fd, "x", &n));
    SHOW("read closed", raw_read(fd, buf, 4, &n));
    SHOW("seek closed", __wasi_fd_seek(fd, 0, 0, &pos));
    SHOW("fdstat 99", __wasi_fd_fdstat_get(99, &fs));
    SHOW("filestat 99", __wasi_fd_filestat_get(99, &st));
    SHOW("sync 99", __wasi_fd_sync(99));
    SHOW("path_open on 99", __wasi_path_open(99, 0, "x", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("prestat stdout", __wasi_fd_prestat_get(1, &ps));
    SHOW("prestat 99", __wasi_fd_prestat_get(99, &ps));
    SHOW("set_flags 99", __wasi_fd_fdstat_set_flags(99, 0));
    return 0;
}
