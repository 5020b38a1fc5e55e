/* WASI preview1 conformance: clock res (wasi-clocks). */
#include "wasi_test.h"
#include <time.h>
int main(void) {
    struct timespec r;
    CHECK(clock_getres(CLOCK_MONOTONIC, &r) == 0);
    CHECK(r.tv_sec > 0 || r.tv_nsec > 0);
    CHECK(clock_getres(CLOCK_REALTIME, &r) == 0);
    printf("resolution ok\n");
    return 0;
}
