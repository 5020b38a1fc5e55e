/* WASI preview1 conformance: a symlink loop is ELOOP; readlink of a file is EINVAL; open with NOFOLLOW on a link is ELOOP; a link to a directory followed by a slash. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    char buf[64]; __wasi_size_t n;
    SHOW("link a->b", __wasi_path_symlink("b", PRE, "a"));
    SHOW("link b->a", __wasi_path_symlink("a", PRE, "b"));
    SHOW("open loop", __wasi_path_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "a", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat loop follow", __wasi_path_filestat_get(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "a", &st));
    SHOW("readlink file", __wasi_path_readlink(PRE, "hello.txt", (uint8_t *)buf, sizeof buf, &n));
    SHOW("link d->sub", __wasi_path_symlink("sub", PRE, "d"));
    SHOW("open nofollow on link", __wasi_path_open(PRE, 0, "d", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("stat d/a.txt", __wasi_path_filestat_get(PRE, 0, "d/a.txt", &st));
    printf("size %llu\n", (unsigned long long)st.size);
    SHOW("stat d/ nofollow", __wasi_path_filestat_get(PRE, 0, "d/", &st));
    printf("type %d\n", st.filetype);
    SHOW("unlink d/", __wasi_path_unlink_file(PRE, "d/"));
    SHOW("unlink d", __wasi_path_unlink_file(PRE, "d"));
    SHOW("rmdir link", __wasi_path_remove_directory(PRE, "a"));
    return 0;
}
