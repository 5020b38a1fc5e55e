/* WASI preview1 conformance: path_link makes a hard link (same content, nlink 2) and refuses an existing target, a missing source and a directory. */
#include "wasi_raw.h"
int main(void) {
    __wasi_filestat_t st;
    SHOW("link", __wasi_path_link(PRE, 0, "hello.txt", PRE, "sub/hello-link.txt"));
    SHOW("stat", __wasi_path_filestat_get(PRE, 0, "sub/hello-link.txt", &st));
    printf("nlink %llu size %llu type %d\n", (unsigned long long)st.nlink, (unsigned long long)st.size, st.filetype);
    __wasi_fd_t fd = raw_open("sub/hello-link.txt", 0, RIGHTS_RW, 0);
    char buf[64]; __wasi_size_t n = 0;
    SHOW("read", raw_read(fd, buf, sizeof buf - 1, &n));
    buf[n] = 0;
    printf("content: %s", buf);
    SHOW("target exists", __wasi_path_link(PRE, 0, "hello.txt", PRE, "sub/a.txt"));
    SHOW("source missing", __wasi_path_link(PRE, 0, "nope.txt", PRE, "x.txt"));
    SHOW("source is a directory", __wasi_path_link(PRE, 0, "sub", PRE, "sub2"));
    SHOW("target escapes", __wasi_path_link(PRE, 0, "hello.txt", PRE, "../x.txt"));
    SHOW("unlink original", __wasi_path_unlink_file(PRE, "hello.txt"));
    SHOW("stat link", __wasi_path_filestat_get(PRE, 0, "sub/hello-link.txt", &st));
    printf("nlink %llu\n", (unsigned long long)st.nlink);
    return 0;
}
