/* The one file compiled with each module's generated code (m.c / m.h, module name "m"):
 * adapts the module's own signatures to obs-module.h. wasm2c 1.0.32 passes one context per
 * imported module to Z_m_instantiate, in the order of their names ("bench" before
 * "wasi_snapshot_preview1"), so the engine says which the module imports:
 *   -DOBS_IMPORTS_BENCH=0|1 -DOBS_IMPORTS_WASI=0|1 -DOBS_EXPORTS_MEMORY=0|1 -DOBS_ENTRY=Z_mZ__start|Z_mZ_run */
#include "obs-module.h"
#include "m.h"

static Z_m_instance_t instance;

void obs_module_init(void) { Z_m_init_module(); }

void obs_module_instantiate(struct Z_wasi_snapshot_preview1_instance_t* wasi, struct Z_bench_instance_t* bench) {
  (void)wasi;
  (void)bench;
  Z_m_instantiate(&instance
#if OBS_IMPORTS_BENCH
                  , bench
#endif
#if OBS_IMPORTS_WASI
                  , wasi
#endif
  );
}

/* run() of a kernel may return a value: it is not output, only the call is. */
void obs_module_run(void) { (void)OBS_ENTRY(&instance); }

wasm_rt_memory_t* obs_module_memory(void) {
#if OBS_EXPORTS_MEMORY
  return Z_mZ_memory(&instance);
#else
  return NULL;
#endif
}

void obs_module_free(void) { Z_m_free(&instance); }
