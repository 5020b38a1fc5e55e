/* WASI preview1 conformance: environ missing (wasi-environ). */
#include "wasi_test.h"
int main(void) {
    printf("%s\n", getenv("SURELY_NOT_SET") == NULL ? "unset" : "set");
    return 0;
}
