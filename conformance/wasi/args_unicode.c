/* WASI preview1 conformance: args unicode (wasi-args). */
#include "wasi_test.h"
int main(int argc, char **argv) {
    CHECK(argc == 2);
    printf("%s %zu bytes\n", argv[1], strlen(argv[1]));
    return 0;
}
