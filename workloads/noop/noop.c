/* noop: the harness-overhead probe. It does no work: an empty bench region and one
 * line of output. Whatever an engine reports for it (process start, compile,
 * instantiate, WASI start-up, the bench.start/bench.end calls) is harness and runtime
 * overhead, shown beside every result so nobody mistakes it for the workload's time. */
#include <stdio.h>
#include "../bench.h"

int main(void) {
    bench_start();
    bench_end();
    printf("noop\n");
    return 0;
}
