/* WASI preview1 conformance: random get (wasi-random). */
#include "wasi_test.h"
#include <unistd.h>
int main(void) {
    unsigned char a[64], b[64];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    CHECK(getentropy(a, sizeof a) == 0);
    CHECK(getentropy(b, sizeof b) == 0);
    int nonzero = 0;
    for (size_t i = 0; i < sizeof a; i++) nonzero |= a[i];
    CHECK(nonzero != 0);
    CHECK(memcmp(a, b, sizeof a) != 0);
    printf("random ok\n");
    return 0;
}
