/* bench.h: marks the measured region of a workload (the Sightglass convention).
 *
 * In wasm, bench_start()/bench_end() are imports from module "bench" (names
 * "start" and "end"): the engine timestamps them, so the region excludes start-up,
 * input generation and output. Natively they read CLOCK_MONOTONIC and the process's
 * CPU clock and, when the harness sets OBSERVATORY_BENCH_FILE, append "region_ns <N>"
 * and "region_cpu_ns <N>" to that file, per start/end pair: the CPU time of the same
 * span the wasm engines report, so it excludes process start-up (and the sandbox's
 * set-up). Without the variable they do nothing, so the native binary also runs by hand.
 */
#ifndef OBSERVATORY_BENCH_H
#define OBSERVATORY_BENCH_H

#if defined(__wasm__)

__attribute__((import_module("bench"), import_name("start"))) void bench_start(void);
__attribute__((import_module("bench"), import_name("end"))) void bench_end(void);

/* The WASI preview1 component adapter keeps its state in memory it allocates with
 * memory.grow unless the module exports cabi_realloc; wasi-libc's malloc then
 * overwrites that state once the heap grows. A malloc-backed cabi_realloc lets the
 * same module run as a component. Declared by hand: bench.h may be included inside
 * extern "C" { } from C++, where <stdlib.h> must not go. */
void *realloc(void *ptr, __SIZE_TYPE__ size);
__attribute__((weak, export_name("cabi_realloc")))
void *cabi_realloc(void *ptr, __SIZE_TYPE__ old_size, __SIZE_TYPE__ align, __SIZE_TYPE__ new_size) {
    (void)old_size; (void)align;
    return realloc(ptr, new_size);
}

#else

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static struct timespec bench__t0, bench__cpu0;

static inline void bench_start(void) {
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &bench__cpu0);
    clock_gettime(CLOCK_MONOTONIC, &bench__t0);
}

static inline void bench_end(void) {
    struct timespec t1, cpu1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
    const char *path = getenv("OBSERVATORY_BENCH_FILE");
    if (!path || !*path) return;
    FILE *f = fopen(path, "a");
    if (!f) return;
    long long ns = (long long)(t1.tv_sec - bench__t0.tv_sec) * 1000000000LL + (t1.tv_nsec - bench__t0.tv_nsec);
    long long cpu = (long long)(cpu1.tv_sec - bench__cpu0.tv_sec) * 1000000000LL + (cpu1.tv_nsec - bench__cpu0.tv_nsec);
    fprintf(f, "region_ns %lld\nregion_cpu_ns %lld\n", ns, cpu);
    fclose(f);
}

#endif
#endif
