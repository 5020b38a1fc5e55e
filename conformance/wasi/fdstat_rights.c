/* WASI preview1 conformance: fd_fdstat_get of a file opened read-only and read-write, and of a directory: type, flags and the exact rights words. */
#include "wasi_raw.h"
static void show(const char *what, __wasi_fd_t fd) {
    __wasi_fdstat_t st;
    memset(&st, 0, sizeof st);
    __wasi_errno_t e = __wasi_fd_fdstat_get(fd, &st);
    printf("%s: errno %d type %d flags %d base 0x%llx inheriting 0x%llx\n", what, e, st.fs_filetype, st.fs_flags,
           (unsigned long long)st.fs_rights_base, (unsigned long long)st.fs_rights_inheriting);
}
int main(void) {
    show("read-only file", raw_open("hello.txt", 0, RIGHTS_RO, 0));
    show("read-write file", raw_open("hello.txt", 0, RIGHTS_RW, 0));
    show("directory", raw_open("sub", __WASI_OFLAGS_DIRECTORY, RIGHTS_ALL & ~(__wasi_rights_t)__WASI_RIGHTS_FD_WRITE, 0));
    show("preopen", PRE);
    return 0;
}
