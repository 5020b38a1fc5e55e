/* WASI preview1 conformance: ENOTDIR when a file is used as a directory: in the middle of a path, with O_DIRECTORY, rmdir, readdir and as a dirfd. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("open file/x", __wasi_path_open(PRE, 0, "hello.txt/x", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat file/x", __wasi_path_filestat_get(PRE, 0, "hello.txt/x", &st));
    SHOW("open directory flag", __wasi_path_open(PRE, 0, "hello.txt", __WASI_OFLAGS_DIRECTORY, RIGHTS_RO, 0, 0, &fd));
    SHOW("rmdir file", __wasi_path_remove_directory(PRE, "hello.txt"));
    __wasi_fd_t f = raw_open("hello.txt", 0, RIGHTS_RW | __WASI_RIGHTS_FD_READDIR, 0);
    uint8_t buf[64]; __wasi_size_t used;
    SHOW("readdir on file", __wasi_fd_readdir(f, buf, sizeof buf, 0, &used));
    SHOW("file as dirfd", __wasi_path_open(f, 0, "x", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("mkdir under file", __wasi_path_create_directory(PRE, "hello.txt/d"));
    SHOW("rename dir onto file", __wasi_path_rename(PRE, "sub", PRE, "hello.txt"));
    return 0;
}
