/* WASI preview1 conformance: poll clock (wasi-poll). */
#include "wasi_test.h"
#include <wasi/api.h>
#include <time.h>
int main(void) {
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 0x1234;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 20 * 1000000ull; /* 20 ms, relative */
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    CHECK(__wasi_poll_oneoff(&sub, &ev, 1, &n) == 0);
    clock_gettime(CLOCK_MONOTONIC, &b);
    long long elapsed = (b.tv_sec - a.tv_sec) * 1000000000ll + (b.tv_nsec - a.tv_nsec);
    printf("events=%u userdata=%llx type=clock:%d error=%d\n", (unsigned)n, (unsigned long long)ev.userdata, ev.type == __WASI_EVENTTYPE_CLOCK, ev.error);
    CHECK(elapsed >= 15 * 1000000ll); /* slept at least most of the 20 ms */
    return 0;
}
