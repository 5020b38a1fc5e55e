/* Writes the @obs lines: JSON by hand (the only strings are paths and messages, escaped here). */
#include "driver-protocol.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void obs_iteration_clear(obs_iteration_t* r, int iteration) {
  memset(r, 0, sizeof *r);
  r->iteration = iteration;
  r->outcome = "ok";
  r->compile_ns = r->instantiate_ns = r->execute_ns = r->region_ns = r->cpu_ns = r->linear_memory_bytes = OBS_ABSENT;
}

static void json_string(const char* s) {
  putchar('"');
  for (const unsigned char* p = (const unsigned char*)s; *p; p++) {
    if (*p == '"' || *p == '\\') printf("\\%c", *p);
    else if (*p < 0x20) printf("\\u%04x", *p);
    else putchar(*p);
  }
  putchar('"');
}

static void number(const char* key, int64_t v) {
  if (v != OBS_ABSENT) printf(",\"%s\":%" PRId64, key, v);
}

void obs_emit_iteration(const obs_iteration_t* r) {
  printf("@obs {\"kind\":\"iteration\",\"iteration\":%d,\"outcome\":", r->iteration);
  json_string(r->outcome);
  number("compileNs", r->compile_ns);
  number("instantiateNs", r->instantiate_ns);
  number("executeNs", r->execute_ns);
  number("regionNs", r->region_ns);
  if (r->region_ns != OBS_ABSENT && r->spans) {
    printf(",\"regionsNs\":[");
    for (int i = 0; i < r->span_count; i++) printf("%s%" PRIu64, i ? "," : "", r->spans[i]);
    putchar(']');
  }
  number("cpuNs", r->cpu_ns);
  number("linearMemoryBytes", r->linear_memory_bytes);
  if (r->has_exit_code) printf(",\"exitCode\":%d", r->exit_code);
  if (r->stdout_path) {
    printf(",\"stdoutPath\":");
    json_string(r->stdout_path);
  }
  if (r->message[0]) {
    printf(",\"message\":");
    json_string(r->message);
  }
  printf("}\n");
  fflush(stdout);
}

/* Peak RSS of this process (VmHWM), read at the end like the other drivers do. */
void obs_emit_process(void) {
  long kb = -1;
  FILE* f = fopen("/proc/self/status", "r");
  char line[256];
  while (f && fgets(line, sizeof line, f))
    if (sscanf(line, "VmHWM: %ld kB", &kb) == 1) break;
  if (f) fclose(f);
  if (kb >= 0) printf("@obs {\"kind\":\"process\",\"peakRssKb\":%ld}\n", kb);
  else printf("@obs {\"kind\":\"process\",\"peakRssKb\":null}\n");
  fflush(stdout);
}

void obs_usage_error(const char* what, const char* arg) {
  fprintf(stderr, "%s: %s%s%s\n", obs_driver_name, what, arg ? ": " : "", arg ? arg : "");
  exit(2);
}

int obs_positive_option(const char* option, const char* value) {
  char* end;
  long n = strtol(value, &end, 10);
  if (*end || n < 1 || n > 1000000000) obs_usage_error(option, "must be a positive integer");
  return (int)n;
}
