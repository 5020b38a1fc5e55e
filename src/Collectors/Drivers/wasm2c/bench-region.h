/* The "bench" imports (bench.start / bench.end, the Sightglass convention): each span's wall
 * time in call order, and the CPU time (CLOCK_THREAD_CPUTIME_ID) over all spans. */
#ifndef OBS_BENCH_REGION_H
#define OBS_BENCH_REGION_H

#include <stdint.h>

#define OBS_MAX_SPANS 4096

struct Z_bench_instance_t {
  uint64_t start_ns, start_cpu_ns;
  uint64_t cpu_ns;
  uint64_t spans[OBS_MAX_SPANS];
  int span_count; /* spans kept; more than OBS_MAX_SPANS are summed into the last */
  int seen;
};

typedef struct Z_bench_instance_t obs_bench_t;

void obs_bench_reset(obs_bench_t* b);
uint64_t obs_bench_total(const obs_bench_t* b);
uint64_t obs_now_ns(void);
uint64_t obs_thread_cpu_ns(void);

void Z_benchZ_start(obs_bench_t* b);
void Z_benchZ_end(obs_bench_t* b);

#endif
