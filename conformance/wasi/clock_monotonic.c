/* WASI preview1 conformance: clock monotonic (wasi-clocks). */
#include "wasi_test.h"
#include <time.h>
int main(void) {
    struct timespec a, b;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    for (volatile int i = 0; i < 100000; i++) { }
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
    printf("monotonic ok\n");
    return 0;
}
