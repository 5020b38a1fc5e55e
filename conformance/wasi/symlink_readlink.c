/* WASI preview1 conformance: symlink readlink (wasi-fs). */
#include "wasi_test.h"
#include <unistd.h>
int main(void) {
    CHECK(symlink("hello.txt", "fs/link") == 0);
    char target[64] = {0};
    ssize_t n = readlink("fs/link", target, sizeof target - 1);
    CHECK(n == 9);
    printf("link -> %s\n", target);
    CHECK(unlink("fs/link") == 0);
    return 0;
}
