/* WASI preview1 conformance: path_filestat_get with and without SYMLINK_FOLLOW on a link to a file, and fd_filestat_get of the file opened through it. */
#include "wasi_raw.h"
int main(void) {
    __wasi_filestat_t st;
    SHOW("symlink", __wasi_path_symlink("hello.txt", PRE, "ln"));
    SHOW("stat follow", __wasi_path_filestat_get(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "ln", &st));
    printf("type %d size %llu nlink %llu\n", st.filetype, (unsigned long long)st.size, (unsigned long long)st.nlink);
    SHOW("stat nofollow", __wasi_path_filestat_get(PRE, 0, "ln", &st));
    printf("type %d size %llu\n", st.filetype, (unsigned long long)st.size);
    __wasi_fd_t fd = raw_open("ln", 0, RIGHTS_RO, 0);
    SHOW("fd stat", __wasi_fd_filestat_get(fd, &st));
    printf("type %d size %llu\n", st.filetype, (unsigned long long)st.size);
    __wasi_filestat_t a, b;
    SHOW("stat hello", __wasi_path_filestat_get(PRE, 0, "hello.txt", &a));
    SHOW("stat hello again", __wasi_fd_filestat_get(fd, &b));
    printf("same inode: %d same dev: %d\n", a.ino == b.ino, a.dev == b.dev);
    return 0;
}
