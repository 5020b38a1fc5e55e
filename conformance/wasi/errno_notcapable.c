/* WASI preview1 conformance: which errno leaving the preopen gets: an absolute path, '..' above the root, through a subdirectory, and a symlink out. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("absolute", __wasi_path_open(PRE, 0, "/etc/passwd", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("dotdot", __wasi_path_open(PRE, 0, "..", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("sub/../..", __wasi_path_filestat_get(PRE, 0, "sub/../../x", &st));
    SHOW("sub/.. stays inside", __wasi_path_filestat_get(PRE, 0, "sub/..", &st));
    SHOW("mkdir absolute", __wasi_path_create_directory(PRE, "/tmp/x"));
    SHOW("symlink to absolute", __wasi_path_symlink("/etc/passwd", PRE, "abs-link"));
    SHOW("symlink out", __wasi_path_symlink("../../outside", PRE, "out-link"));
    SHOW("open through link", __wasi_path_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "out-link", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat link nofollow", __wasi_path_filestat_get(PRE, 0, "out-link", &st));
    return 0;
}
