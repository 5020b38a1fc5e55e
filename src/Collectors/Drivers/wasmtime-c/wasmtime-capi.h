/* The slice of Wasmtime's C API (wasm.h, wasmtime/ headers, wasi.h of Wasmtime 50) that host.c and spec.c call.
 * The NuGet Wasmtime package ships libwasmtime.so for each platform but no headers, so the
 * declarations the host needs are written out here from Wasmtime's C API documentation, and
 * checked against the library: wasi_config_preopen_dir takes one bool (fs_mutable) in 50.0.1
 * (the x86_64 build reads only four argument registers, the fourth as a byte), and the struct
 * sizes below are asserted for the 64-bit targets this host is built for (x86_64, aarch64). */
#ifndef OBS_WASMTIME_CAPI_H
#define OBS_WASMTIME_CAPI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* wasm.h: opaque objects and the vectors the host fills or reads. */
typedef struct wasm_engine_t wasm_engine_t;
typedef struct wasm_trap_t wasm_trap_t;
typedef struct wasm_functype_t wasm_functype_t;
typedef struct wasm_valtype_t wasm_valtype_t;
typedef struct wasm_config_t wasm_config_t;

typedef struct wasm_byte_vec_t {
  size_t size;
  char* data;
} wasm_byte_vec_t;

typedef struct wasm_valtype_vec_t {
  size_t size;
  wasm_valtype_t** data;
} wasm_valtype_vec_t;

wasm_engine_t* wasm_engine_new(void);
wasm_config_t* wasm_config_new(void);
/* Takes ownership of the config. */
wasm_engine_t* wasm_engine_new_with_config(wasm_config_t*);
void wasm_engine_delete(wasm_engine_t*);
void wasm_byte_vec_delete(wasm_byte_vec_t*);
void wasm_valtype_vec_new_empty(wasm_valtype_vec_t* out);
/* Takes ownership of both vectors. */
wasm_functype_t* wasm_functype_new(wasm_valtype_vec_t* params, wasm_valtype_vec_t* results);
void wasm_functype_delete(wasm_functype_t*);
const wasm_valtype_vec_t* wasm_functype_params(const wasm_functype_t*);
const wasm_valtype_vec_t* wasm_functype_results(const wasm_functype_t*);
/* The message includes its terminating NUL in size (wasm.h's convention). */
void wasm_trap_message(const wasm_trap_t*, wasm_byte_vec_t* out);
void wasm_trap_delete(wasm_trap_t*);

/* wasmtime/ headers */
typedef struct wasmtime_error wasmtime_error_t;
typedef struct wasmtime_store wasmtime_store_t;
typedef struct wasmtime_context wasmtime_context_t;
typedef struct wasmtime_module wasmtime_module_t;
typedef struct wasmtime_linker wasmtime_linker_t;
typedef struct wasmtime_caller wasmtime_caller_t;

typedef struct wasmtime_func {
  uint64_t store_id;
  size_t private_;
} wasmtime_func_t;

typedef struct wasmtime_memory {
  uint64_t store_id;
  size_t private1;
  uint32_t private2;
} wasmtime_memory_t;

typedef struct wasmtime_instance {
  uint64_t store_id;
  size_t private_;
} wasmtime_instance_t;

typedef struct wasmtime_global {
  uint64_t store_id;
  uint32_t private1;
  uint32_t private2;
  size_t private3;
} wasmtime_global_t;

/* A rooted GC reference (externref, anyref, exnref); null when store_id is 0. */
typedef struct wasmtime_gc_ref {
  uint64_t store_id;
  uint32_t private1;
  uint32_t private2;
  void* private3;
} wasmtime_externref_t, wasmtime_anyref_t, wasmtime_exnref_t;

#define WASMTIME_EXTERN_FUNC 0
#define WASMTIME_EXTERN_GLOBAL 1
#define WASMTIME_EXTERN_MEMORY 3

/* wasmtime_valkind_t */
#define WASMTIME_I32 0
#define WASMTIME_I64 1
#define WASMTIME_F32 2
#define WASMTIME_F64 3
#define WASMTIME_V128 4
#define WASMTIME_FUNCREF 5
#define WASMTIME_EXTERNREF 6
#define WASMTIME_ANYREF 7
#define WASMTIME_EXNREF 8

/* wasmtime_trap_code_t */
#define WASMTIME_TRAP_CODE_STACK_OVERFLOW 0

/* kind + a union of func, global, table, memory (the largest, 24 bytes) and a shared-memory pointer. */
typedef struct wasmtime_extern {
  uint8_t kind;
  union {
    wasmtime_func_t func;
    wasmtime_global_t global;
    wasmtime_memory_t memory;
    void* sharedmemory;
  } of;
} wasmtime_extern_t;

/* kind + wasmtime_valunion_t (i32 ... v128, anyref: 24 bytes, 8-aligned). */
typedef struct wasmtime_val {
  uint8_t kind;
  union {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint8_t v128[16];
    wasmtime_func_t funcref; /* null: store_id 0 */
    wasmtime_externref_t externref;
    wasmtime_anyref_t anyref;
    wasmtime_exnref_t exnref;
    uint64_t words[3];
  } of;
} wasmtime_val_t;

_Static_assert(sizeof(void*) != 8 || sizeof(wasmtime_extern_t) == 32, "wasmtime_extern_t is 32 bytes on 64-bit targets");
_Static_assert(sizeof(void*) != 8 || sizeof(wasmtime_val_t) == 32, "wasmtime_val_t is 32 bytes on 64-bit targets");
_Static_assert(sizeof(void*) != 8 || sizeof(wasmtime_instance_t) == 16, "wasmtime_instance_t is 16 bytes on 64-bit targets");

typedef wasm_trap_t* (*wasmtime_func_callback_t)(void* env, wasmtime_caller_t* caller, const wasmtime_val_t* args, size_t nargs,
                                                 wasmtime_val_t* results, size_t nresults);

void wasmtime_error_message(const wasmtime_error_t*, wasm_byte_vec_t* message);
void wasmtime_error_delete(wasmtime_error_t*);
/* True when the error is WASI's proc_exit, with its status. */
bool wasmtime_error_exit_status(const wasmtime_error_t*, int* status);

wasmtime_error_t* wasmtime_module_new(wasm_engine_t*, const uint8_t* wasm, size_t wasm_len, wasmtime_module_t** ret);
void wasmtime_module_delete(wasmtime_module_t*);

wasmtime_store_t* wasmtime_store_new(wasm_engine_t*, void* data, void (*finalizer)(void*));
wasmtime_context_t* wasmtime_store_context(wasmtime_store_t*);
void wasmtime_store_delete(wasmtime_store_t*);

wasmtime_linker_t* wasmtime_linker_new(wasm_engine_t*);
void wasmtime_linker_delete(wasmtime_linker_t*);
void wasmtime_linker_allow_shadowing(wasmtime_linker_t*, bool allow);
wasmtime_error_t* wasmtime_linker_define_instance(wasmtime_linker_t*, wasmtime_context_t*, const char* name, size_t name_len,
                                                  const wasmtime_instance_t* instance);
wasmtime_error_t* wasmtime_linker_define_wasi(wasmtime_linker_t*);
wasmtime_error_t* wasmtime_linker_define_func(wasmtime_linker_t*, const char* module, size_t module_len, const char* name,
                                              size_t name_len, const wasm_functype_t* type, wasmtime_func_callback_t callback,
                                              void* data, void (*finalizer)(void*));
wasmtime_error_t* wasmtime_linker_instantiate(const wasmtime_linker_t*, wasmtime_context_t*, const wasmtime_module_t*,
                                              wasmtime_instance_t* instance, wasm_trap_t** trap);

bool wasmtime_instance_export_get(wasmtime_context_t*, const wasmtime_instance_t*, const char* name, size_t name_len,
                                  wasmtime_extern_t* item);
wasm_functype_t* wasmtime_func_type(const wasmtime_context_t*, const wasmtime_func_t*);
wasmtime_error_t* wasmtime_func_call(wasmtime_context_t*, const wasmtime_func_t*, const wasmtime_val_t* args, size_t nargs,
                                     wasmtime_val_t* results, size_t nresults, wasm_trap_t** trap);
size_t wasmtime_memory_data_size(const wasmtime_context_t*, const wasmtime_memory_t*);
void wasmtime_global_get(wasmtime_context_t*, const wasmtime_global_t*, wasmtime_val_t* out);

/* GC references: an externref carries the host's data pointer; every rooted value is unrooted once read. */
bool wasmtime_externref_new(wasmtime_context_t*, void* data, void (*finalizer)(void*), wasmtime_externref_t* out);
void* wasmtime_externref_data(wasmtime_context_t*, const wasmtime_externref_t*);
bool wasmtime_anyref_is_struct(wasmtime_context_t*, const wasmtime_anyref_t*);
bool wasmtime_anyref_is_array(wasmtime_context_t*, const wasmtime_anyref_t*);
bool wasmtime_anyref_is_eqref(wasmtime_context_t*, const wasmtime_anyref_t*);
void wasmtime_val_unroot(wasmtime_val_t*);

/* A trap's code (false when it has none), and the exception an uncaught throw left in the store. */
bool wasmtime_trap_code(const wasm_trap_t*, uint8_t* code);
bool wasmtime_context_has_exception(wasmtime_context_t*);
bool wasmtime_context_take_exception(wasmtime_context_t*, wasmtime_exnref_t* out);

/* wasmtime/config.h: the proposals the spec host turns on (the in-process WasmtimeSpecHost's set). */
void wasmtime_config_wasm_simd_set(wasm_config_t*, bool);
void wasmtime_config_wasm_relaxed_simd_set(wasm_config_t*, bool);
void wasmtime_config_wasm_bulk_memory_set(wasm_config_t*, bool);
void wasmtime_config_wasm_reference_types_set(wasm_config_t*, bool);
void wasmtime_config_wasm_multi_value_set(wasm_config_t*, bool);
void wasmtime_config_wasm_multi_memory_set(wasm_config_t*, bool);
void wasmtime_config_wasm_memory64_set(wasm_config_t*, bool);
void wasmtime_config_wasm_tail_call_set(wasm_config_t*, bool);
void wasmtime_config_wasm_function_references_set(wasm_config_t*, bool);
void wasmtime_config_wasm_gc_set(wasm_config_t*, bool);
void wasmtime_config_wasm_exceptions_set(wasm_config_t*, bool);
void wasmtime_config_wasm_threads_set(wasm_config_t*, bool);
void wasmtime_config_shared_memory_set(wasm_config_t*, bool);
void wasmtime_config_wasm_wide_arithmetic_set(wasm_config_t*, bool);
void wasmtime_config_wasm_custom_page_sizes_set(wasm_config_t*, bool);
void wasmtime_config_wasm_branch_hinting_set(wasm_config_t*, bool);
void wasmtime_config_parallel_compilation_set(wasm_config_t*, bool);

/* wasi.h */
typedef struct wasi_config_t wasi_config_t;

wasi_config_t* wasi_config_new(void);
void wasi_config_delete(wasi_config_t*);
bool wasi_config_set_argv(wasi_config_t*, size_t argc, const char* argv[]);
bool wasi_config_set_env(wasi_config_t*, size_t envc, const char* names[], const char* values[]);
bool wasi_config_set_stdin_file(wasi_config_t*, const char* path);
bool wasi_config_set_stdout_file(wasi_config_t*, const char* path);
bool wasi_config_set_stderr_file(wasi_config_t*, const char* path);
bool wasi_config_preopen_dir(wasi_config_t*, const char* host_path, const char* guest_path, bool fs_mutable);
/* Takes ownership of the config. */
wasmtime_error_t* wasmtime_context_set_wasi(wasmtime_context_t*, wasi_config_t*);

#endif
