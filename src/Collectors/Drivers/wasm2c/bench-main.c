/* The main program of a module compiled ahead of time by wasm2c + clang: runs it like every
 * other driver runs a module and prints the same @obs lines. Options mirror
 * Observatory.Collectors.Engines.WorkerArguments:
 *   --scratch DIR --iterations N --argv0 NAME [--stdin FILE] [--requests N] [--env K=V]...
 *   [--dir HOST::GUEST]... [--wasm FILE (ignored: the module is compiled in)] -- ARGS
 * Each iteration is a fresh instance (memory, tables, segments) with fresh WASI; the module's
 * stdout and stderr go to DIR/stdout-N.txt and DIR/stderr-N.txt. Traps come back through
 * wasm_rt_impl_try (setjmp; wasm2c's runtime longjmps there from wasm_rt_trap and from its
 * SIGSEGV handler when an access hits the guard region); proc_exit longjmps to the WASI
 * instance's exit target. With --requests N an iteration is a burst: N fresh instances in a
 * row, the loop being its region, stdout the last request's. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-region.h"
#include "driver-protocol.h"
#include "obs-module.h"
#include "wasi-host.h"
#include "wasm-rt-impl.h"

typedef struct {
  const char* scratch;
  const char* stdin_path;
  int iterations;
  int requests; /* 0: not a burst */
  obs_wasi_options_t wasi;
} options_t;

const char* obs_driver_name = "wasm2c driver";

static void parse(int argc, char** argv, options_t* o) {
  memset(o, 0, sizeof *o);
  o->iterations = 1;
  const char* argv0 = "main.wasm";
  o->wasi.env = calloc((size_t)argc, sizeof(char*));
  int i = 1;
  for (; i < argc; i++) {
    const char* a = argv[i];
    if (!strcmp(a, "--")) { i++; break; }
    if (i + 1 >= argc) obs_usage_error("option needs a value", a);
    char* v = argv[++i];
    if (!strcmp(a, "--wasm")) continue;
    else if (!strcmp(a, "--scratch")) o->scratch = v;
    else if (!strcmp(a, "--stdin")) o->stdin_path = v;
    else if (!strcmp(a, "--argv0")) argv0 = v;
    else if (!strcmp(a, "--iterations")) o->iterations = obs_positive_option(a, v);
    else if (!strcmp(a, "--requests")) o->requests = obs_positive_option(a, v);
    else if (!strcmp(a, "--env")) {
      if (!strchr(v, '=')) obs_usage_error("--env needs KEY=VALUE", v);
      o->wasi.env[o->wasi.envc++] = v;
    } else if (!strcmp(a, "--dir")) {
      char* sep = strstr(v, "::");
      if (!sep) obs_usage_error("--dir needs HOST::GUEST", v);
      if (o->wasi.preopen_count == OBS_MAX_PREOPENS) obs_usage_error("too many --dir", v);
      *sep = 0;
      o->wasi.preopens[o->wasi.preopen_count++] = (obs_preopen_t){v, sep + 2};
    } else obs_usage_error("unknown option", a);
  }
  if (!o->scratch) obs_usage_error("--scratch is required", NULL);
  o->wasi.argc = 1 + (argc - i);
  o->wasi.argv = calloc((size_t)o->wasi.argc + 1, sizeof(char*));
  o->wasi.argv[0] = (char*)argv0;
  for (int k = 1; i < argc; i++, k++) o->wasi.argv[k] = argv[i];
}

static const char* trap_name(wasm_rt_trap_t trap) {
  switch (trap) {
    case WASM_RT_TRAP_OOB: return "out of bounds memory or table access";
    case WASM_RT_TRAP_INT_OVERFLOW: return "integer overflow";
    case WASM_RT_TRAP_DIV_BY_ZERO: return "integer divide by zero";
    case WASM_RT_TRAP_INVALID_CONVERSION: return "invalid conversion to integer";
    case WASM_RT_TRAP_UNREACHABLE: return "unreachable";
    case WASM_RT_TRAP_CALL_INDIRECT: return "indirect call: null, out of table bounds or signature mismatch";
    case WASM_RT_TRAP_UNCAUGHT_EXCEPTION: return "uncaught exception";
    case WASM_RT_TRAP_EXHAUSTION: return "call stack exhausted";
    default: return "unknown trap";
  }
}

/* State of the one instance alive at a time (wasm2c output keeps it in a static too). */
static obs_wasi_t wasi;
static obs_bench_t bench;

static void instantiate_step(void) { obs_module_instantiate(&wasi, &bench); }

/* Runs step under both landing pads: a trap returns its code, proc_exit returns 0 with
 * wasi.exited set. Both setjmps are in this frame, which outlives every longjmp to them. */
static wasm_rt_trap_t guarded(void (*step)(void)) {
  if (sigsetjmp(wasi.exit_target, 1)) return WASM_RT_TRAP_NONE;
  wasm_rt_trap_t trap = (wasm_rt_trap_t)wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) return trap;
  step();
  return WASM_RT_TRAP_NONE;
}

static void set_trap(obs_iteration_t* r, wasm_rt_trap_t trap, const char* context) {
  r->outcome = "trap";
  snprintf(r->message, sizeof r->message, "%swasm trap: %s (%s)", context, trap_name(trap), wasm_rt_strerror(trap));
}

/* One instance from instantiation to free: fills instantiate/execute times, exit code or trap. */
typedef struct {
  wasm_rt_trap_t trap;
  int instantiation_trapped;
  int exit_code;
  uint64_t instantiate_ns, execute_ns, execute_cpu_ns;
  int64_t memory_bytes;
} instance_run_t;

static int run_instance(const options_t* o, const char* stdout_path, const char* stderr_path, instance_run_t* out,
                        char* error, size_t error_size) {
  memset(out, 0, sizeof *out);
  out->memory_bytes = OBS_ABSENT;
  if (obs_wasi_init(&wasi, &o->wasi, o->stdin_path, stdout_path, stderr_path) != 0) {
    snprintf(error, error_size, "cannot open the module's stdio (%s, %s, %s): %m", o->stdin_path ? o->stdin_path : "/dev/null",
             stdout_path, stderr_path);
    obs_wasi_close(&wasi);
    return -1;
  }
  obs_bench_reset(&bench);
  uint64_t t0 = obs_now_ns();
  out->trap = guarded(instantiate_step);
  out->instantiate_ns = obs_now_ns() - t0;
  if (out->trap != WASM_RT_TRAP_NONE || wasi.exited) {
    out->instantiation_trapped = out->trap != WASM_RT_TRAP_NONE;
    out->exit_code = wasi.exit_code;
  } else {
    wasm_rt_memory_t* memory = obs_module_memory();
    wasi.memory = memory;
    uint64_t cpu0 = obs_thread_cpu_ns();
    uint64_t t2 = obs_now_ns();
    out->trap = guarded(obs_module_run);
    out->execute_ns = obs_now_ns() - t2;
    out->execute_cpu_ns = obs_thread_cpu_ns() - cpu0;
    out->exit_code = wasi.exited ? wasi.exit_code : 0;
    if (memory) out->memory_bytes = memory->size;
  }
  obs_module_free();
  obs_wasi_close(&wasi);
  return 0;
}

static void paths(const options_t* o, int i, char* out_path, char* err_path, size_t n) {
  snprintf(out_path, n, "%s/stdout-%d.txt", o->scratch, i);
  snprintf(err_path, n, "%s/stderr-%d.txt", o->scratch, i);
}

static void run_once(const options_t* o, int i) {
  char out_path[4096], err_path[4096];
  paths(o, i, out_path, err_path, sizeof out_path);
  obs_iteration_t r;
  obs_iteration_clear(&r, i);
  r.stdout_path = out_path;
  instance_run_t run;
  if (run_instance(o, out_path, err_path, &run, r.message, sizeof r.message) != 0) {
    r.outcome = "crash";
    obs_emit_iteration(&r);
    return;
  }
  r.instantiate_ns = (int64_t)run.instantiate_ns;
  if (run.instantiation_trapped) {
    set_trap(&r, run.trap, "while instantiating: ");
  } else {
    r.execute_ns = (int64_t)run.execute_ns;
    if (run.trap != WASM_RT_TRAP_NONE) set_trap(&r, run.trap, "");
    else { r.has_exit_code = 1; r.exit_code = run.exit_code; }
    r.cpu_ns = (int64_t)(bench.seen ? bench.cpu_ns : run.execute_cpu_ns);
    if (bench.seen) {
      r.region_ns = (int64_t)obs_bench_total(&bench);
      r.spans = bench.spans;
      r.span_count = bench.span_count;
    }
    r.linear_memory_bytes = run.memory_bytes;
  }
  obs_emit_iteration(&r);
}

static void run_burst(const options_t* o, int i) {
  char out_path[4096], err_path[4096];
  paths(o, i, out_path, err_path, sizeof out_path);
  obs_iteration_t r;
  obs_iteration_clear(&r, i);
  r.stdout_path = out_path;
  uint64_t cpu0 = obs_thread_cpu_ns();
  uint64_t t0 = obs_now_ns();
  for (int q = 0; q < o->requests; q++) {
    instance_run_t run;
    if (run_instance(o, out_path, err_path, &run, r.message, sizeof r.message) != 0) { r.outcome = "crash"; break; }
    if (q == 0) r.instantiate_ns = (int64_t)run.instantiate_ns;
    if (q == o->requests - 1 || run.trap != WASM_RT_TRAP_NONE || run.exit_code != 0) r.linear_memory_bytes = run.memory_bytes;
    if (run.trap != WASM_RT_TRAP_NONE) {
      char context[64];
      snprintf(context, sizeof context, "request %d of %d: ", q + 1, o->requests);
      set_trap(&r, run.trap, context);
      break;
    }
    r.has_exit_code = 1;
    r.exit_code = run.exit_code;
    if (run.exit_code != 0) {
      snprintf(r.message, sizeof r.message, "request %d of %d exited with code %d", q + 1, o->requests, run.exit_code);
      break;
    }
  }
  uint64_t loop = obs_now_ns() - t0;
  r.execute_ns = (int64_t)loop;
  r.cpu_ns = (int64_t)(obs_thread_cpu_ns() - cpu0);
  if (!strcmp(r.outcome, "ok")) {
    r.region_ns = (int64_t)loop;
    r.spans = &loop;
    r.span_count = 1;
  }
  obs_emit_iteration(&r);
}

int main(int argc, char** argv) {
  options_t o;
  parse(argc, argv, &o);
  wasm_rt_init();
  obs_module_init();
  for (int i = 0; i < o.iterations; i++) {
    if (o.requests) run_burst(&o, i);
    else run_once(&o, i);
  }
  obs_emit_process();
  wasm_rt_free();
  return 0;
}
