/* A benchmark driver over Wasmtime's C API: the observatory's way to run Wasmtime on an
 * instruction set where .NET is not (aarch64 under qemu-user), built by clang-22 against the
 * libwasmtime.so that the NuGet Wasmtime package ships for that platform. It takes the options
 * of every driver (host-options.h) and prints the same @obs lines (../wasm2c/driver-protocol.h).
 * Each iteration compiles the module (wasmtime_module_new: Cranelift, the engine's defaults),
 * instantiates it in a fresh store with a fresh WASI preview1 context (Wasmtime's own: argv,
 * env, preopens, stdin/stdout/stderr files) and calls _start, else run(); the three phases are
 * timed with CLOCK_MONOTONIC. bench.start/bench.end mark regions (../wasm2c/bench-region.h).
 * With --requests N an iteration compiles once and runs N fresh instances, the loop being its
 * region. The module's stdout goes to SCRATCH/stdout-N.txt, its stderr to SCRATCH/stderr-N.txt;
 * the harness hashes stdout. With the single argument --spec the host serves spec-suite requests
 * instead (spec.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-region.h"
#include "driver-protocol.h"
#include "host-options.h"
#include "wasmtime-capi.h"

static wasm_engine_t* engine;
static wasmtime_linker_t* linker;
static obs_bench_t bench;

/* Copies an error's message into out and frees the error. */
static void take_error(wasmtime_error_t* e, const char* context, char* out, size_t n) {
  wasm_byte_vec_t m = {0, NULL};
  wasmtime_error_message(e, &m);
  snprintf(out, n, "%s%.*s", context, (int)m.size, m.data ? m.data : "");
  wasm_byte_vec_delete(&m);
  wasmtime_error_delete(e);
}

static void take_trap(wasm_trap_t* t, const char* context, char* out, size_t n) {
  wasm_byte_vec_t m = {0, NULL};
  wasm_trap_message(t, &m);
  size_t len = m.size;
  while (len > 0 && m.data[len - 1] == 0) len--; /* the NUL wasm.h counts in */
  snprintf(out, n, "%swasm trap: %.*s", context, (int)len, m.data ? m.data : "");
  wasm_byte_vec_delete(&m);
  wasm_trap_delete(t);
}

/* bench.start (env NULL) and bench.end (env non-NULL). A burst's requests call them too: no-ops then,
 * the burst's loop being its region. */
static int bench_enabled = 1;

static wasm_trap_t* bench_call(void* env, wasmtime_caller_t* caller, const wasmtime_val_t* args, size_t nargs,
                               wasmtime_val_t* results, size_t nresults) {
  (void)caller, (void)args, (void)nargs, (void)results, (void)nresults;
  if (bench_enabled) {
    if (env) Z_benchZ_end(&bench);
    else Z_benchZ_start(&bench);
  }
  return NULL;
}

/* The linker every store shares: Wasmtime's WASI preview1 and the two bench imports, () -> (). */
static int make_linker(char* error, size_t n) {
  linker = wasmtime_linker_new(engine);
  wasmtime_error_t* e = wasmtime_linker_define_wasi(linker);
  if (e) { take_error(e, "wasmtime_linker_define_wasi: ", error, n); return -1; }
  static int end_marker;
  const char* names[] = {"start", "end"};
  for (int k = 0; k < 2; k++) {
    wasm_valtype_vec_t params, results;
    wasm_valtype_vec_new_empty(&params);
    wasm_valtype_vec_new_empty(&results);
    wasm_functype_t* type = wasm_functype_new(&params, &results);
    e = wasmtime_linker_define_func(linker, "bench", 5, names[k], strlen(names[k]), type, bench_call, k ? &end_marker : NULL, NULL);
    wasm_functype_delete(type);
    if (e) { take_error(e, "wasmtime_linker_define_func(bench): ", error, n); return -1; }
  }
  return 0;
}

static int read_file(const char* path, uint8_t** data, size_t* len) {
  FILE* f = fopen(path, "rb");
  if (!f) return -1;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  *data = malloc(size > 0 ? (size_t)size : 1);
  *len = fread(*data, 1, (size_t)size, f) == (size_t)size ? (size_t)size : 0;
  fclose(f);
  return size >= 0 && *len == (size_t)size ? 0 : -1;
}

/* One instance from store creation to its deletion. */
typedef struct {
  const char* outcome; /* "ok", "trap", "crash", "unsupported" */
  char message[512];
  int has_exit_code, exit_code;
  int64_t instantiate_ns, execute_ns, cpu_ns, memory_bytes;
} instance_run_t;

static void fail(instance_run_t* r, const char* outcome) { r->outcome = outcome; }

static int configure_wasi(const obs_options_t* o, wasmtime_context_t* ctx, const char* out_path, const char* err_path, instance_run_t* r) {
  wasi_config_t* wasi = wasi_config_new();
  const char* problem = NULL;
  if (!wasi_config_set_argv(wasi, (size_t)o->argc, o->argv)) problem = "an argument is not valid UTF-8";
  else if (!wasi_config_set_env(wasi, (size_t)o->envc, o->env_names, o->env_values)) problem = "an environment variable is not valid UTF-8";
  else if (o->stdin_path && !wasi_config_set_stdin_file(wasi, o->stdin_path)) problem = o->stdin_path;
  else if (!wasi_config_set_stdout_file(wasi, out_path)) problem = out_path;
  else if (!wasi_config_set_stderr_file(wasi, err_path)) problem = err_path;
  for (int d = 0; !problem && d < o->dir_count; d++)
    if (!wasi_config_preopen_dir(wasi, o->dir_hosts[d], o->dir_guests[d], true)) problem = o->dir_hosts[d];
  if (problem) {
    snprintf(r->message, sizeof r->message, "WASI configuration failed: %s", problem);
    wasi_config_delete(wasi);
    fail(r, "crash");
    return -1;
  }
  wasmtime_error_t* e = wasmtime_context_set_wasi(ctx, wasi);
  if (e) { take_error(e, "wasmtime_context_set_wasi: ", r->message, sizeof r->message); fail(r, "crash"); return -1; }
  return 0;
}

/* The entry point: _start, else run() (a kernel without WASI); it must take no parameters. */
static int find_entry(wasmtime_context_t* ctx, const wasmtime_instance_t* inst, wasmtime_func_t* entry, size_t* nresults, instance_run_t* r) {
  wasmtime_extern_t item;
  const char* name = "_start";
  if (!wasmtime_instance_export_get(ctx, inst, name, strlen(name), &item) || item.kind != WASMTIME_EXTERN_FUNC) {
    name = "run";
    if (!wasmtime_instance_export_get(ctx, inst, name, strlen(name), &item) || item.kind != WASMTIME_EXTERN_FUNC) {
      snprintf(r->message, sizeof r->message, "the module exports neither _start() nor run()");
      fail(r, "unsupported");
      return -1;
    }
  }
  *entry = item.of.func;
  wasm_functype_t* type = wasmtime_func_type(ctx, entry);
  size_t nparams = wasm_functype_params(type)->size;
  *nresults = wasm_functype_results(type)->size;
  wasm_functype_delete(type);
  if (nparams != 0 || *nresults > 16) {
    snprintf(r->message, sizeof r->message, "%s takes %zu parameters and returns %zu results: the host calls it with none", name, nparams, *nresults);
    fail(r, "unsupported");
    return -1;
  }
  return 0;
}

static void run_instance(const obs_options_t* o, const wasmtime_module_t* module, const char* out_path, const char* err_path, instance_run_t* r) {
  memset(r, 0, sizeof *r);
  r->outcome = "ok";
  r->instantiate_ns = r->execute_ns = r->cpu_ns = r->memory_bytes = OBS_ABSENT;
  wasmtime_store_t* store = wasmtime_store_new(engine, NULL, NULL);
  wasmtime_context_t* ctx = wasmtime_store_context(store);
  if (configure_wasi(o, ctx, out_path, err_path, r) != 0) { wasmtime_store_delete(store); return; }
  obs_bench_reset(&bench);
  wasmtime_instance_t inst;
  wasm_trap_t* trap = NULL;
  uint64_t t0 = obs_now_ns();
  wasmtime_error_t* e = wasmtime_linker_instantiate(linker, ctx, module, &inst, &trap);
  r->instantiate_ns = (int64_t)(obs_now_ns() - t0);
  int status;
  if (e && wasmtime_error_exit_status(e, &status)) { /* a start function that called proc_exit */
    wasmtime_error_delete(e);
    r->has_exit_code = 1, r->exit_code = status;
  } else if (e) {
    take_error(e, "while instantiating: ", r->message, sizeof r->message); /* an import the host lacks, a bad segment */
    fail(r, "unsupported");
  } else if (trap) {
    take_trap(trap, "while instantiating: ", r->message, sizeof r->message);
    fail(r, "trap");
  } else {
    wasmtime_func_t entry;
    size_t nresults;
    if (find_entry(ctx, &inst, &entry, &nresults, r) == 0) {
      wasmtime_val_t results[16];
      uint64_t cpu0 = obs_thread_cpu_ns();
      uint64_t t2 = obs_now_ns();
      e = wasmtime_func_call(ctx, &entry, NULL, 0, results, nresults, &trap);
      r->execute_ns = (int64_t)(obs_now_ns() - t2);
      r->cpu_ns = (int64_t)(bench.seen ? bench.cpu_ns : obs_thread_cpu_ns() - cpu0);
      if (e && wasmtime_error_exit_status(e, &status)) {
        wasmtime_error_delete(e);
        r->has_exit_code = 1, r->exit_code = status;
      } else if (e) {
        take_error(e, "", r->message, sizeof r->message);
        fail(r, "crash");
      } else if (trap) {
        take_trap(trap, "", r->message, sizeof r->message);
        fail(r, "trap");
      } else {
        r->has_exit_code = 1, r->exit_code = 0;
      }
    }
    wasmtime_extern_t memory;
    if (wasmtime_instance_export_get(ctx, &inst, "memory", 6, &memory) && memory.kind == WASMTIME_EXTERN_MEMORY)
      r->memory_bytes = (int64_t)wasmtime_memory_data_size(ctx, &memory.of.memory);
  }
  wasmtime_store_delete(store);
}

/* Compiles the module; on failure the iteration is unsupported (the JS drivers' CompileError). */
static wasmtime_module_t* compile(const uint8_t* wasm, size_t len, obs_iteration_t* it, int64_t* compile_ns) {
  wasmtime_module_t* module = NULL;
  uint64_t t0 = obs_now_ns();
  wasmtime_error_t* e = wasmtime_module_new(engine, wasm, len, &module);
  *compile_ns = (int64_t)(obs_now_ns() - t0);
  if (e) {
    take_error(e, "compile: ", it->message, sizeof it->message);
    it->outcome = "unsupported";
    return NULL;
  }
  return module;
}

static void copy_run(obs_iteration_t* it, const instance_run_t* r) {
  it->outcome = r->outcome;
  snprintf(it->message, sizeof it->message, "%s", r->message);
  it->instantiate_ns = r->instantiate_ns;
  it->execute_ns = r->execute_ns;
  it->cpu_ns = r->cpu_ns;
  it->linear_memory_bytes = r->memory_bytes;
  it->has_exit_code = r->has_exit_code;
  it->exit_code = r->exit_code;
}

static void run_once(const obs_options_t* o, const uint8_t* wasm, size_t len, int i, const char* out_path, const char* err_path) {
  obs_iteration_t it;
  obs_iteration_clear(&it, i);
  it.stdout_path = out_path;
  int64_t compile_ns;
  wasmtime_module_t* module = compile(wasm, len, &it, &compile_ns);
  if (module) {
    instance_run_t r;
    run_instance(o, module, out_path, err_path, &r);
    copy_run(&it, &r);
    if (bench.seen) {
      it.region_ns = (int64_t)obs_bench_total(&bench);
      it.spans = bench.spans;
      it.span_count = bench.span_count;
    }
    wasmtime_module_delete(module);
  }
  it.compile_ns = compile_ns;
  obs_emit_iteration(&it);
}

static void run_burst(const obs_options_t* o, const uint8_t* wasm, size_t len, int i, const char* out_path, const char* err_path) {
  obs_iteration_t it;
  obs_iteration_clear(&it, i);
  it.stdout_path = out_path;
  int64_t compile_ns;
  wasmtime_module_t* module = compile(wasm, len, &it, &compile_ns);
  if (module) {
    bench_enabled = 0;
    uint64_t cpu0 = obs_thread_cpu_ns();
    uint64_t t0 = obs_now_ns();
    int64_t first_instantiate = OBS_ABSENT;
    for (int q = 0; q < o->requests; q++) {
      instance_run_t r;
      run_instance(o, module, out_path, err_path, &r);
      if (q == 0) first_instantiate = r.instantiate_ns;
      copy_run(&it, &r);
      if (strcmp(r.outcome, "ok")) {
        char inner[sizeof it.message];
        snprintf(inner, sizeof inner, "%s", it.message);
        snprintf(it.message, sizeof it.message, "request %d of %d: %s", q + 1, o->requests, inner);
        break;
      }
      if (r.exit_code != 0) {
        snprintf(it.message, sizeof it.message, "request %d of %d exited with code %d", q + 1, o->requests, r.exit_code);
        break;
      }
    }
    uint64_t loop = obs_now_ns() - t0;
    it.instantiate_ns = first_instantiate;
    it.execute_ns = (int64_t)loop;
    it.cpu_ns = (int64_t)(obs_thread_cpu_ns() - cpu0);
    static uint64_t span;
    if (!strcmp(it.outcome, "ok")) {
      span = loop;
      it.region_ns = (int64_t)loop;
      it.spans = &span;
      it.span_count = 1;
    }
    bench_enabled = 1;
    wasmtime_module_delete(module);
  }
  it.compile_ns = compile_ns;
  obs_emit_iteration(&it);
}

int obs_spec_main(void); /* spec.c */

int main(int argc, char** argv) {
  if (argc == 2 && !strcmp(argv[1], "--spec")) return obs_spec_main();
  obs_options_t o;
  obs_parse_options(argc, argv, &o);
  uint8_t* wasm;
  size_t len;
  if (read_file(o.wasm, &wasm, &len) != 0) {
    fprintf(stderr, "wasmtime-c host: cannot read --wasm %s\n", o.wasm);
    return 2;
  }
  engine = wasm_engine_new();
  char error[512];
  if (make_linker(error, sizeof error) != 0) {
    fprintf(stderr, "wasmtime-c host: %s\n", error);
    return 3;
  }
  for (int i = 0; i < o.iterations; i++) {
    char out_path[4096], err_path[4096];
    snprintf(out_path, sizeof out_path, "%s/stdout-%d.txt", o.scratch, i);
    snprintf(err_path, sizeof err_path, "%s/stderr-%d.txt", o.scratch, i);
    if (o.requests) run_burst(&o, wasm, len, i, out_path, err_path);
    else run_once(&o, wasm, len, i, out_path, err_path);
  }
  obs_emit_process();
  wasmtime_linker_delete(linker);
  wasm_engine_delete(engine);
  free(wasm);
  return 0;
}
