/* WASI preview1 conformance: file read existing (wasi-fs). */
#include "wasi_test.h"
int main(void) {
    FILE *f = fopen("fs/hello.txt", "r");
    CHECK(f != NULL);
    char buf[64] = {0};
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    CHECK(fclose(f) == 0);
    printf("%zu: %s", n, buf);
    return 0;
}
