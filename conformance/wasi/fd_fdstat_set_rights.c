/* WASI preview1 conformance: fd_fdstat_set_rights drops rights (then the dropped operation is refused) and cannot add them back. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    __wasi_size_t n = 0;
    SHOW("drop write", __wasi_fd_fdstat_set_rights(fd, RIGHTS_RO, 0));
    __wasi_fdstat_t st;
    SHOW("fdstat", __wasi_fd_fdstat_get(fd, &st));
    printf("write right: %d\n", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
    printf("read right: %d\n", (st.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);
    SHOW("write after drop", raw_write(fd, "x", &n));
    char buf[8];
    SHOW("read after drop", raw_read(fd, buf, 5, &n));
    printf("read %u bytes\n", (unsigned)n);
    SHOW("add write back", __wasi_fd_fdstat_set_rights(fd, RIGHTS_RW, 0));
    SHOW("bad fd", __wasi_fd_fdstat_set_rights(77, 0, 0));
    return 0;
}
