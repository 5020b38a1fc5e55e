/* WASI preview1 conformance: clock realtime (wasi-clocks). */
#include "wasi_test.h"
#include <time.h>
int main(void) {
    struct timespec ts;
    CHECK(clock_gettime(CLOCK_REALTIME, &ts) == 0);
    CHECK(ts.tv_sec > 1577836800); /* after 2020-01-01 */
    CHECK(ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
    printf("realtime ok\n");
    return 0;
}
