/* WASI preview1 conformance: a path that is not UTF-8 is EILSEQ (for open, stat, mkdir and unlink), not ENOTCAPABLE or ENOENT. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd;
    __wasi_filestat_t st;
    SHOW("open", __wasi_path_open(PRE, 0, "bad\xff.txt", __WASI_OFLAGS_CREAT, RIGHTS_RW, 0, 0, &fd));
    SHOW("stat", __wasi_path_filestat_get(PRE, 0, "bad\xc3(", &st));
    SHOW("mkdir", __wasi_path_create_directory(PRE, "\xe2\x28\xa1"));
    SHOW("unlink", __wasi_path_unlink_file(PRE, "\x80"));
    return 0;
}
