/* WASI preview1 conformance: proc exit code (wasi-proc). */
#include "wasi_test.h"
int main(void) {
    printf("exiting with 3\n");
    exit(3);
}
