/* WASI preview1 conformance: a trailing slash on a file's path means "a directory": open, stat, create, unlink, rename and link refuse it. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("open file/", __wasi_path_open(PRE, 0, "hello.txt/", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat file/", __wasi_path_filestat_get(PRE, 0, "hello.txt/", &st));
    SHOW("create new/", __wasi_path_open(PRE, 0, "new.txt/", __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, 0, &fd));
    SHOW("new exists", __wasi_path_filestat_get(PRE, 0, "new.txt", &st));
    SHOW("unlink file/", __wasi_path_unlink_file(PRE, "hello.txt/"));
    SHOW("rename file/ to x", __wasi_path_rename(PRE, "hello.txt/", PRE, "x.txt"));
    SHOW("rename file to x/", __wasi_path_rename(PRE, "hello.txt", PRE, "x.txt/"));
    SHOW("still there", __wasi_path_filestat_get(PRE, 0, "hello.txt", &st));
    return 0;
}
