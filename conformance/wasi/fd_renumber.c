/* WASI preview1 conformance: fd_renumber moves an open file onto another descriptor (closing what was there) and frees the old number. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t a = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    __wasi_fd_t b = raw_open("sub/a.txt", 0, RIGHTS_RW, 0);
    char buf[64]; __wasi_size_t n = 0;
    SHOW("renumber a onto b", __wasi_fd_renumber(a, b));
    SHOW("read old a", raw_read(a, buf, sizeof buf, &n));
    SHOW("read b", raw_read(b, buf, sizeof buf - 1, &n));
    buf[n] = 0;
    printf("b now reads: %s", buf);
    SHOW("renumber onto itself", __wasi_fd_renumber(b, b));
    SHOW("renumber to unopened", __wasi_fd_renumber(b, 90));
    SHOW("renumber from unopened", __wasi_fd_renumber(91, b));
    SHOW("close b", __wasi_fd_close(b));
    SHOW("close a", __wasi_fd_close(a));
    return 0;
}
