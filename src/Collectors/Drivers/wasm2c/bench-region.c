/* bench.start / bench.end: the region a workload marks around its measured work. */
#include "bench-region.h"

#include <string.h>
#include <time.h>

static uint64_t ns_on(clockid_t clock) {
  struct timespec t;
  clock_gettime(clock, &t);
  return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

uint64_t obs_now_ns(void) { return ns_on(CLOCK_MONOTONIC); }
uint64_t obs_thread_cpu_ns(void) { return ns_on(CLOCK_THREAD_CPUTIME_ID); }

void obs_bench_reset(obs_bench_t* b) {
  b->cpu_ns = 0;
  b->span_count = 0;
  b->seen = 0;
}

uint64_t obs_bench_total(const obs_bench_t* b) {
  uint64_t sum = 0;
  for (int i = 0; i < b->span_count; i++) sum += b->spans[i];
  return sum;
}

void Z_benchZ_start(obs_bench_t* b) {
  b->start_cpu_ns = obs_thread_cpu_ns();
  b->start_ns = obs_now_ns();
}

void Z_benchZ_end(obs_bench_t* b) {
  uint64_t span = obs_now_ns() - b->start_ns;
  b->cpu_ns += obs_thread_cpu_ns() - b->start_cpu_ns;
  if (b->span_count < OBS_MAX_SPANS) b->spans[b->span_count++] = span;
  else b->spans[OBS_MAX_SPANS - 1] += span;
  b->seen = 1;
}
