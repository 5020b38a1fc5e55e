/* WASI preview1 conformance: environ basic (wasi-environ). */
#include "wasi_test.h"
int main(void) {
    const char *foo = getenv("FOO");
    const char *empty = getenv("EMPTY");
    CHECK(foo != NULL && empty != NULL);
    printf("FOO=%s\nEMPTY=[%s]\n", foo, empty);
    return 0;
}
