/* noop: the harness-overhead probe. It does no work: an empty bench region and one
 * line of output. Whatever an engine reports for it (process start, compile,
 * instantiate, WASI start-up, the bench.start/bench.end calls) is harness and runtime
 * overhead, shown beside every result so nobody mistakes it for the workload's time.
 *
 * The line goes out with one write(2), not printf: jco 1.35's preview1 component
 * adapter loses bytes that sit in stdio's buffer when its lazy initialisation runs
 * inside that buffer's first flush (a module exporting cabi_realloc, built at -O2;
 * -O0 or an earlier WASI call hides it). The probe must run on every engine, so it
 * does not depend on that path; the bug is described in workloads/README.md. */
#include <unistd.h>
#include "../bench.h"

int main(void) {
    bench_start();
    bench_end();
    static const char line[] = "noop\n";
    return write(1, line, sizeof line - 1) == (long)(sizeof line - 1) ? 0 : 1;
}
