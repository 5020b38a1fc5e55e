/* WASI preview1 conformance: stdio stdout (wasi-stdio). */
#include "wasi_test.h"
int main(void) {
    printf("line one\n");
    fputs("line two\n", stdout);
    fwrite("bytes\n", 1, 6, stdout);
    printf("%d %s %.2f\n", 42, "mixed", 3.25);
    return 0;
}
