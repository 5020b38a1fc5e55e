/* WASI preview1 conformance: path_filestat_set_times on a file and a directory by path, errors for a missing path and bad flags. */
#include "wasi_raw.h"
int main(void) {
    __wasi_filestat_t st;
    SHOW("file", __wasi_path_filestat_set_times(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "hello.txt", 1000000000ULL * 111, 1000000000ULL * 222, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    SHOW("stat", __wasi_path_filestat_get(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "hello.txt", &st));
    printf("atime %llu mtime %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
    SHOW("dir", __wasi_path_filestat_set_times(PRE, 0, "sub", 0, 1000000000ULL * 333, __WASI_FSTFLAGS_MTIM));
    SHOW("stat", __wasi_path_filestat_get(PRE, 0, "sub", &st));
    printf("dir mtime %llu\n", (unsigned long long)st.mtim);
    SHOW("missing", __wasi_path_filestat_set_times(PRE, 0, "nope.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("both mtim flags", __wasi_path_filestat_set_times(PRE, 0, "hello.txt", 0, 0, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    SHOW("escape", __wasi_path_filestat_set_times(PRE, 0, "../x", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    return 0;
}
