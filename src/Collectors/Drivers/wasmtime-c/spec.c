/* The spec-suite mode of the host (host --spec): Wasmtime as one more spec engine, on whatever ISA the host
 * was built for. The script logic stays in .NET (SpecRunner: which module is current, what an assertion
 * expects, how an outcome is judged, the same code that judges the in-process Wasmtime); this side only
 * compiles, instantiates, registers, calls and reads globals, one request line in, one reply line out
 * (flushed, so the harness knows which request a crash happened on). Many spec files go through one
 * process, which matters under qemu-user, where starting it costs seconds. Requests (spec-wire.h says
 * how bytes and values are written):
 *   reset                    a fresh store and linker (shadowing allowed), every module forgotten
 *   compile =HEX             -> ok M | rejected MSG
 *   instantiate M            -> ok I | unlinkable MSG | trap MSG | exhaustion MSG | exception MSG
 *   register I =NAME         -> ok | harness MSG
 *   invoke I =FIELD VALUE... -> values VALUE... | trap/exhaustion/exception MSG | refused MSG (the call's
 *                               types did not fit: the harness tries another null reference kind) | harness MSG
 *   get I =FIELD             -> values VALUE | harness MSG
 * The engine turns on the proposals the in-process WasmtimeSpecHost does, so the two differ only in the ISA. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec-wire.h"
#include "wasmtime-capi.h"

static wasm_engine_t* engine;
static wasmtime_store_t* store;
static wasmtime_context_t* ctx;
static wasmtime_linker_t* linker;
static wasmtime_module_t** modules;
static size_t module_count, module_cap;
static wasmtime_instance_t* instances;
static size_t instance_count, instance_cap;

static wasm_engine_t* spec_engine(void) {
  wasm_config_t* c = wasm_config_new();
  wasmtime_config_wasm_simd_set(c, true);
  wasmtime_config_wasm_relaxed_simd_set(c, true);
  wasmtime_config_wasm_bulk_memory_set(c, true);
  wasmtime_config_wasm_reference_types_set(c, true);
  wasmtime_config_wasm_multi_value_set(c, true);
  wasmtime_config_wasm_multi_memory_set(c, true);
  wasmtime_config_wasm_memory64_set(c, true);
  wasmtime_config_wasm_tail_call_set(c, true);
  wasmtime_config_wasm_function_references_set(c, true);
  wasmtime_config_wasm_gc_set(c, true);
  wasmtime_config_wasm_exceptions_set(c, true);
  wasmtime_config_wasm_threads_set(c, true);
  wasmtime_config_shared_memory_set(c, true);
  wasmtime_config_wasm_wide_arithmetic_set(c, true);
  wasmtime_config_wasm_custom_page_sizes_set(c, true);
  wasmtime_config_wasm_branch_hinting_set(c, true);
  /* One process per core already keeps the cores busy. */
  wasmtime_config_parallel_compilation_set(c, false);
  return wasm_engine_new_with_config(c);
}

static void reply_error(const char* verb, wasmtime_error_t* e) {
  wasm_byte_vec_t m = {0, NULL};
  wasmtime_error_message(e, &m);
  obs_wire_reply(stdout, verb, m.data ? m.data : "", m.size);
  wasm_byte_vec_delete(&m);
  wasmtime_error_delete(e);
}

/* trap, exhaustion (stack overflow) or exception (an uncaught Wasm throw left in the store). */
static void reply_trap(wasm_trap_t* t) {
  const char* verb = "trap";
  uint8_t code;
  if (wasmtime_context_has_exception(ctx)) {
    wasmtime_val_t exn = {.kind = WASMTIME_EXNREF};
    if (wasmtime_context_take_exception(ctx, &exn.of.exnref)) wasmtime_val_unroot(&exn);
    verb = "exception";
  } else if (wasmtime_trap_code(t, &code) && code == WASMTIME_TRAP_CODE_STACK_OVERFLOW) {
    verb = "exhaustion";
  }
  wasm_byte_vec_t m = {0, NULL};
  wasm_trap_message(t, &m);
  obs_wire_reply(stdout, verb, m.data ? m.data : "", m.size);
  wasm_byte_vec_delete(&m);
  wasm_trap_delete(t);
}

static void harness(const char* message) { obs_wire_reply(stdout, "harness", message, strlen(message)); }

static void forget(void) {
  if (linker) wasmtime_linker_delete(linker);
  if (store) wasmtime_store_delete(store);
  for (size_t i = 0; i < module_count; i++) wasmtime_module_delete(modules[i]);
  module_count = instance_count = 0;
  linker = NULL, store = NULL, ctx = NULL;
}

static void reset(void) {
  forget();
  store = wasmtime_store_new(engine, NULL, NULL);
  ctx = wasmtime_store_context(store);
  linker = wasmtime_linker_new(engine);
  wasmtime_linker_allow_shadowing(linker, true);
  puts("ok");
}

static void compile(const char* hex) {
  uint8_t* wasm;
  size_t len;
  if (obs_wire_bytes(hex, &wasm, &len)) { harness("compile needs =HEX"); return; }
  wasmtime_module_t* m = NULL;
  wasmtime_error_t* e = wasmtime_module_new(engine, wasm, len, &m);
  free(wasm);
  if (e) { reply_error("rejected", e); return; }
  if (module_count == module_cap) modules = realloc(modules, (module_cap = module_cap * 2 + 16) * sizeof *modules);
  modules[module_count] = m;
  printf("ok %zu\n", module_count++);
}

static int index_of(const char* token, size_t count, size_t* out) {
  char* end;
  unsigned long long i = strtoull(token ? token : "", &end, 10);
  if (!token || end == token || *end || i >= count) return -1;
  *out = (size_t)i;
  return 0;
}

static void instantiate(const char* m) {
  size_t k;
  if (!ctx) { harness("no store: reset first"); return; }
  if (index_of(m, module_count, &k)) { harness("no such module"); return; }
  wasmtime_instance_t inst;
  wasm_trap_t* trap = NULL;
  wasmtime_error_t* e = wasmtime_linker_instantiate(linker, ctx, modules[k], &inst, &trap);
  if (e) { reply_error("unlinkable", e); return; }
  if (trap) { reply_trap(trap); return; }
  if (instance_count == instance_cap) instances = realloc(instances, (instance_cap = instance_cap * 2 + 16) * sizeof *instances);
  instances[instance_count] = inst;
  printf("ok %zu\n", instance_count++);
}

static void register_as(const char* i, const char* name) {
  size_t k;
  uint8_t* bytes;
  size_t len;
  if (index_of(i, instance_count, &k)) { harness("no such instance"); return; }
  if (!name || obs_wire_bytes(name, &bytes, &len)) { harness("register needs =NAME"); return; }
  wasmtime_error_t* e = wasmtime_linker_define_instance(linker, ctx, (const char*)bytes, len, &instances[k]);
  free(bytes);
  if (e) { reply_error("harness", e); return; }
  puts("ok");
}

/* Finds the export FIELD of instance I: 0, or -1 after a harness reply. */
static int export_of(const char* i, const char* field, wasmtime_extern_t* item) {
  size_t k;
  uint8_t* name;
  size_t len;
  if (index_of(i, instance_count, &k)) { harness("no such instance"); return -1; }
  if (!field || obs_wire_bytes(field, &name, &len)) { harness("a field is =HEX"); return -1; }
  int found = wasmtime_instance_export_get(ctx, &instances[k], (const char*)name, len, item);
  free(name);
  if (!found) { harness("no export by that name"); return -1; }
  return 0;
}

static void invoke(const char* i, const char* field, char** args, size_t nargs) {
  wasmtime_extern_t item;
  if (export_of(i, field, &item)) return;
  if (item.kind != WASMTIME_EXTERN_FUNC) { harness("the export is not a function"); return; }
  wasmtime_val_t* params = calloc(nargs + 1, sizeof *params);
  size_t made = 0;
  const char* bad = NULL;
  for (; made < nargs && !bad; made++) bad = obs_wire_value(args[made], ctx, &params[made]);
  if (!bad) {
    wasm_functype_t* type = wasmtime_func_type(ctx, &item.of.func);
    size_t nresults = wasm_functype_results(type)->size;
    wasm_functype_delete(type);
    wasmtime_val_t* results = calloc(nresults + 1, sizeof *results);
    wasm_trap_t* trap = NULL;
    wasmtime_error_t* e = wasmtime_func_call(ctx, &item.of.func, params, nargs, results, nresults, &trap);
    if (e) reply_error("refused", e);
    else if (trap) reply_trap(trap);
    else {
      fputs("values", stdout);
      for (size_t r = 0; r < nresults; r++) obs_wire_put_value(stdout, ctx, &results[r]);
      putchar('\n');
    }
    free(results);
  } else {
    harness(bad);
  }
  for (size_t a = 0; a < made; a++)
    if (params[a].kind == WASMTIME_EXTERNREF && params[a].of.externref.store_id) wasmtime_val_unroot(&params[a]);
  free(params);
}

static void get(const char* i, const char* field) {
  wasmtime_extern_t item;
  if (export_of(i, field, &item)) return;
  if (item.kind != WASMTIME_EXTERN_GLOBAL) { harness("the export is not a global"); return; }
  wasmtime_val_t v;
  wasmtime_global_get(ctx, &item.of.global, &v);
  fputs("values", stdout);
  obs_wire_put_value(stdout, ctx, &v);
  putchar('\n');
}

int obs_spec_main(void) {
  engine = spec_engine();
  if (!engine) {
    fprintf(stderr, "wasmtime-c host: wasmtime refused the spec engine's configuration\n");
    return 3;
  }
  char* line = NULL;
  size_t cap = 0;
  ssize_t n;
  char** tokens = NULL;
  size_t token_cap = 0;
  while ((n = getline(&line, &cap, stdin)) >= 0) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = 0;
    size_t count = 0;
    for (char* save = NULL, *t = strtok_r(line, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
      if (count == token_cap) tokens = realloc(tokens, (token_cap = token_cap * 2 + 8) * sizeof *tokens);
      tokens[count++] = t;
    }
    if (count == 0) continue;
    const char* verb = tokens[0];
    const char* a1 = count > 1 ? tokens[1] : NULL;
    const char* a2 = count > 2 ? tokens[2] : NULL;
    if (!strcmp(verb, "reset")) reset();
    else if (!ctx) harness("no store: reset first");
    else if (!strcmp(verb, "compile") && a1) compile(a1);
    else if (!strcmp(verb, "instantiate")) instantiate(a1);
    else if (!strcmp(verb, "register")) register_as(a1, a2);
    else if (!strcmp(verb, "invoke") && count >= 3) invoke(a1, a2, tokens + 3, count - 3);
    else if (!strcmp(verb, "get")) get(a1, a2);
    else harness("unknown request");
    fflush(stdout);
  }
  forget();
  wasm_engine_delete(engine);
  free(line);
  free(tokens);
  free(modules);
  free(instances);
  return 0;
}
