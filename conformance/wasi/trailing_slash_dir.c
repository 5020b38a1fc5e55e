/* WASI preview1 conformance: a trailing slash on a directory's path is fine: open, stat, mkdir, rename and rmdir accept it. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("open sub/", __wasi_path_open(PRE, 0, "sub/", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, 0, &fd));
    SHOW("stat sub/", __wasi_path_filestat_get(PRE, 0, "sub/", &st));
    printf("type %d\n", st.filetype);
    SHOW("mkdir d/", __wasi_path_create_directory(PRE, "d/"));
    SHOW("rename d/ to e/", __wasi_path_rename(PRE, "d/", PRE, "e/"));
    SHOW("rmdir e/", __wasi_path_remove_directory(PRE, "e/"));
    SHOW("rmdir e/ again", __wasi_path_remove_directory(PRE, "e/"));
    SHOW("stat sub//a.txt", __wasi_path_filestat_get(PRE, 0, "sub//a.txt", &st));
    return 0;
}
