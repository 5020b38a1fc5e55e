/* WASI preview1 conformance: fd_advise on a file (every advice), on a directory and a bad fd. */
#include "wasi_raw.h"
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    for (int a = 0; a <= 5; a++) { char l[32]; snprintf(l, sizeof l, "advice %d", a); SHOW(l, __wasi_fd_advise(fd, 0, 10, (__wasi_advice_t)a)); }
    SHOW("beyond end", __wasi_fd_advise(fd, 1000, 1000, __WASI_ADVICE_NORMAL));
    SHOW("directory", __wasi_fd_advise(PRE, 0, 10, __WASI_ADVICE_NORMAL));
    SHOW("bad fd", __wasi_fd_advise(77, 0, 10, __WASI_ADVICE_NORMAL));
    SHOW("close", __wasi_fd_close(fd));
    return 0;
}
