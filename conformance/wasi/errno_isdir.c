/* WASI preview1 conformance: EISDIR when a directory is used as a file: opened for writing, truncated, unlinked, renamed onto, read. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    SHOW("open dir for write", __wasi_path_open(PRE, 0, "sub", 0, RIGHTS_RW, 0, 0, &fd));
    SHOW("open dir trunc", __wasi_path_open(PRE, 0, "sub", __WASI_OFLAGS_TRUNC, RIGHTS_RW, 0, 0, &fd));
    SHOW("unlink dir", __wasi_path_unlink_file(PRE, "sub"));
    SHOW("rename file onto dir", __wasi_path_rename(PRE, "hello.txt", PRE, "sub"));
    __wasi_fd_t d = (__wasi_fd_t)-1;
    SHOW("open dir read-only", __wasi_path_open(PRE, 0, "sub", 0, RIGHTS_RO, 0, 0, &d));
    char buf[8]; __wasi_size_t n;
    SHOW("read dir", raw_read(d, buf, sizeof buf, &n));
    return 0;
}
