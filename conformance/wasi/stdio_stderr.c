/* WASI preview1 conformance: stdio stderr (wasi-stdio). */
#include "wasi_test.h"
int main(void) {
    fprintf(stderr, "to stderr\n");
    printf("to stdout\n");
    return 0;
}
