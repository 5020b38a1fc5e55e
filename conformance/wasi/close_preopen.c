/* WASI preview1 conformance: a preopen can be closed; afterwards path calls on it are EBADF and its prestat is gone. */
#include "wasi_raw.h"
int main(void) {
    __wasi_prestat_t ps;
    __wasi_fd_t fd;
    SHOW("prestat", __wasi_fd_prestat_get(PRE, &ps));
    SHOW("close preopen", __wasi_fd_close(PRE));
    SHOW("prestat after", __wasi_fd_prestat_get(PRE, &ps));
    SHOW("open after", __wasi_path_open(PRE, 0, "hello.txt", 0, RIGHTS_RO, 0, 0, &fd));
    SHOW("close stdin", __wasi_fd_close(0));
    SHOW("fdstat stdin", __wasi_fd_fdstat_get(0, &(__wasi_fdstat_t){0}));
    return 0;
}
