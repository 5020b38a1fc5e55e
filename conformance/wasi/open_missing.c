/* WASI preview1 conformance: open missing (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
int main(void) {
    CHECK(open("fs/does-not-exist", O_RDONLY) < 0);
    printf("errno is ENOENT: %d\n", errno == ENOENT);
    CHECK(open("fs/sub/x/y", O_RDONLY) < 0);
    printf("errno is ENOENT: %d\n", errno == ENOENT);
    return 0;
}
