/* WASI preview1 conformance: ENOENT for an empty path, a missing file, a missing parent and a dangling symlink. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("open empty", __wasi_path_open(PRE, 0, "", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat empty", __wasi_path_filestat_get(PRE, 0, "", &st));
    SHOW("mkdir empty", __wasi_path_create_directory(PRE, ""));
    SHOW("open missing", __wasi_path_open(PRE, 0, "missing.txt", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("create in missing dir", __wasi_path_open(PRE, 0, "nodir/x.txt", __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, 0, &fd));
    SHOW("mkdir in missing dir", __wasi_path_create_directory(PRE, "nodir/x"));
    SHOW("rename missing", __wasi_path_rename(PRE, "missing.txt", PRE, "y.txt"));
    SHOW("symlink dangling", __wasi_path_symlink("nowhere.txt", PRE, "dangling"));
    SHOW("open dangling", __wasi_path_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat dangling nofollow", __wasi_path_filestat_get(PRE, 0, "dangling", &st));
    printf("type %d\n", st.filetype);
    return 0;
}
