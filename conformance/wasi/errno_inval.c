/* WASI preview1 conformance: EINVAL for a seek before the start, DIRECTORY|CREAT and a too-short prestat buffer (an out-of-range enum, e.g. whence 3, makes Wasmtime trap instead). */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    __wasi_filesize_t pos = 0;
    __wasi_timestamp_t t;
    SHOW("seek to -1", __wasi_fd_seek(fd, -1, __WASI_WHENCE_SET, &pos));
    SHOW("seek cur -100", __wasi_fd_seek(fd, -100, __WASI_WHENCE_CUR, &pos));
    SHOW("seek end -13", __wasi_fd_seek(fd, -13, __WASI_WHENCE_END, &pos));
    printf("position: %llu\n", (unsigned long long)pos);
    __wasi_fd_t f2;
    SHOW("oflags directory|creat", __wasi_path_open(PRE, 0, "newdir", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, 0, &f2));
    SHOW("prestat_dir_name short", __wasi_fd_prestat_dir_name(PRE, (uint8_t *)&t, 1));
    return 0;
}
