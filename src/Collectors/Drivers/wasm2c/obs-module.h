/* What bench-main.c needs of one module translated by wasm2c, whatever its imports and
 * exports: module-glue.c implements it over the generated header (compiled per module,
 * configured by -D flags the engine reads off that header). */
#ifndef OBS_MODULE_H
#define OBS_MODULE_H

#include "wasm-rt.h"

struct Z_wasi_snapshot_preview1_instance_t;
struct Z_bench_instance_t;

/* Once per process, after wasm_rt_init: registers the module's function types. */
void obs_module_init(void);
/* A fresh instance (memory, tables, data and element segments); may trap. */
void obs_module_instantiate(struct Z_wasi_snapshot_preview1_instance_t* wasi, struct Z_bench_instance_t* bench);
/* Calls the entry point: _start, else run (a kernel without WASI); may trap or proc_exit. */
void obs_module_run(void);
/* The exported "memory", or NULL when the module exports none. */
wasm_rt_memory_t* obs_module_memory(void);
void obs_module_free(void);

#endif
