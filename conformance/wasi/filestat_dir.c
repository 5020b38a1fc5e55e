/* WASI preview1 conformance: filestat dir (wasi-fs). */
#include "wasi_test.h"
#include <sys/stat.h>
int main(void) {
    struct stat st;
    CHECK(stat("fs/sub", &st) == 0);
    printf("regular=%d dir=%d\n", S_ISREG(st.st_mode) != 0, S_ISDIR(st.st_mode) != 0);
    CHECK(stat("fs/nothing-here", &st) != 0 && errno == ENOENT);
    printf("missing: ENOENT\n");
    return 0;
}
