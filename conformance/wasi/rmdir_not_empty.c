/* WASI preview1 conformance: rmdir not empty (wasi-fs). */
#include "wasi_test.h"
#include <unistd.h>
int main(void) {
    CHECK(rmdir("fs/sub") != 0);
    printf("rmdir of a non-empty directory fails: %s\n", errno == ENOTEMPTY || errno == EEXIST ? "yes" : "wrong errno");
    return 0;
}
