/* WASI preview1 conformance: EEXIST for mkdir on an existing name, CREAT|EXCL on a file or a directory, and symlink onto an existing name. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    SHOW("mkdir existing dir", __wasi_path_create_directory(PRE, "sub"));
    SHOW("mkdir existing file", __wasi_path_create_directory(PRE, "hello.txt"));
    SHOW("creat excl file", __wasi_path_open(PRE, 0, "hello.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RIGHTS_RW, 0, 0, &fd));
    SHOW("creat excl dir", __wasi_path_open(PRE, 0, "sub", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, RIGHTS_RW, 0, 0, &fd));
    SHOW("symlink onto file", __wasi_path_symlink("x", PRE, "hello.txt"));
    SHOW("link onto dir", __wasi_path_link(PRE, 0, "hello.txt", PRE, "sub"));
    return 0;
}
