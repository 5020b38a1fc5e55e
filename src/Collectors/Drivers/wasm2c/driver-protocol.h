/* The @obs lines of src/Collectors/Processes/DriverProtocol.cs: one per iteration, one per process. */
#ifndef OBS_DRIVER_PROTOCOL_H
#define OBS_DRIVER_PROTOCOL_H

#include <stdint.h>

#define OBS_ABSENT (-1)

typedef struct {
  int iteration;
  const char* outcome; /* "ok", "trap", "crash" */
  int64_t compile_ns, instantiate_ns, execute_ns, region_ns, cpu_ns, linear_memory_bytes; /* OBS_ABSENT when not measured */
  const uint64_t* spans;
  int span_count; /* regionsNs, when region_ns is present */
  int has_exit_code;
  int exit_code;
  const char* stdout_path;
  char message[512]; /* empty: none */
} obs_iteration_t;

void obs_iteration_clear(obs_iteration_t* r, int iteration);
void obs_emit_iteration(const obs_iteration_t* r);
void obs_emit_process(void);

/* A bad command line: "NAME: WHAT: ARG" on stderr and exit code 2 (NAME: obs_driver_name, set by each driver). */
extern const char* obs_driver_name;
__attribute__((noreturn)) void obs_usage_error(const char* what, const char* arg);
/* The value of an option that takes a count: 1 to 1,000,000,000, else a usage error naming the option. */
int obs_positive_option(const char* option, const char* value);

#endif
