/* WASI preview1 conformance: prestat name (wasi-fs). */
#include "wasi_test.h"
#include <wasi/api.h>
int main(void) {
    __wasi_prestat_t p;
    CHECK(__wasi_fd_prestat_get(3, &p) == 0);
    CHECK(p.tag == __WASI_PREOPENTYPE_DIR);
    char name[64] = {0};
    CHECK(p.u.dir.pr_name_len < sizeof name);
    CHECK(__wasi_fd_prestat_dir_name(3, (uint8_t *)name, p.u.dir.pr_name_len) == 0);
    printf("fd 3 is preopened as %s\n", name);
    CHECK(__wasi_fd_prestat_get(4, &p) == __WASI_ERRNO_BADF);
    return 0;
}
