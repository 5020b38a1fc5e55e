/* WASI preview1 conformance: O_DIRECTORY opens a directory (fdstat type 3, fd_readdir works) and refuses a file with ENOTDIR; a directory opened without it is still a directory. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_fdstat_t st;
    SHOW("dir with flag", __wasi_path_open(PRE, 0, "sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, 0, &fd));
    SHOW("fdstat", __wasi_fd_fdstat_get(fd, &st));
    printf("type %d\n", st.fs_filetype);
    __wasi_fd_t fd2;
    SHOW("dir without flag", __wasi_path_open(PRE, 0, "sub", 0, __WASI_RIGHTS_FD_READDIR, 0, 0, &fd2));
    SHOW("fdstat", __wasi_fd_fdstat_get(fd2, &st));
    printf("type %d\n", st.fs_filetype);
    __wasi_fd_t fd3;
    SHOW("file with flag", __wasi_path_open(PRE, 0, "hello.txt", __WASI_OFLAGS_DIRECTORY, RIGHTS_RO, 0, 0, &fd3));
    SHOW("missing with flag", __wasi_path_open(PRE, 0, "nothing", __WASI_OFLAGS_DIRECTORY, RIGHTS_RO, 0, 0, &fd3));
    SHOW("open . with flag", __wasi_path_open(PRE, 0, ".", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, 0, &fd3));
    SHOW("fdstat file", __wasi_fd_fdstat_get(1, &st));
    return 0;
}
