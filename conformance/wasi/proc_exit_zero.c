/* WASI preview1 conformance: proc exit zero (wasi-proc). */
#include "wasi_test.h"
int main(void) {
    printf("before exit\n");
    exit(0);
    printf("never\n");
}
