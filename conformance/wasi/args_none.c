/* WASI preview1 conformance: args none (wasi-args). */
#include "wasi_test.h"
int main(int argc, char **argv) {
    (void)argv;
    printf("argc=%d\n", argc);
    return 0;
}
