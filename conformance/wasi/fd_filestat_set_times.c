/* WASI preview1 conformance: fd_filestat_set_times sets atime and mtime exactly, one at a time, and refuses ATIM with ATIM_NOW. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    __wasi_filestat_t st;
    SHOW("set both", __wasi_fd_filestat_set_times(fd, 1000000000ULL * 1000, 1000000000ULL * 2000, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    SHOW("stat", __wasi_fd_filestat_get(fd, &st));
    printf("atime %llu mtime %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
    SHOW("set mtime only", __wasi_fd_filestat_set_times(fd, 0, 1000000000ULL * 3000 + 500, __WASI_FSTFLAGS_MTIM));
    SHOW("stat", __wasi_fd_filestat_get(fd, &st));
    printf("atime %llu mtime %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
    SHOW("atim with atim_now", __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    SHOW("mtim with mtim_now", __wasi_fd_filestat_set_times(fd, 1, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("set mtime now", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("stat", __wasi_fd_filestat_get(fd, &st));
    printf("mtime is recent: %d\n", st.mtim > 1000000000ULL * 1600000000ULL);
    SHOW("bad fd", __wasi_fd_filestat_set_times(77, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    return 0;
}
