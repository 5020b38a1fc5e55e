/* WASI preview1 conformance: stdio stdin eof (wasi-stdio). */
#include "wasi_test.h"
int main(void) {
    char buf[16];
    size_t n = fread(buf, 1, sizeof buf, stdin);
    printf("read %zu, eof=%d\n", n, feof(stdin) != 0);
    return 0;
}
