/* WASI preview1 conformance: fd_fdstat_get of stdout and stderr (file type and flags), and fd_fdstat_set_flags(APPEND) on stdout. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fdstat_t st;
    for (int fd = 1; fd <= 2; fd++) {
        SHOW("fdstat", __wasi_fd_fdstat_get(fd, &st));
        printf("fd %d write right %d seek right %d\n", fd, (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0,
               (st.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0);
    }
    SHOW("set nonblock on stdout", __wasi_fd_fdstat_set_flags(1, __WASI_FDFLAGS_NONBLOCK));
    printf("done\n");
    return 0;
}
