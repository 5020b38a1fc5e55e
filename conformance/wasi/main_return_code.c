/* WASI preview1 conformance: main return code (wasi-proc). */
#include "wasi_test.h"
int main(void) {
    printf("returning 7\n");
    return 7;
}
