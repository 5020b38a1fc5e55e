/* The Sightglass benchmark convention: the module imports bench.start and bench.end and calls
 * them around the measured work; the host times the span between them. Natively (to record the
 * expected output) they do nothing. */
#ifndef SIGHTGLASS_H
#define SIGHTGLASS_H
#ifdef __wasm__
__attribute__((import_module("bench"), import_name("start"))) void bench_start(void);
__attribute__((import_module("bench"), import_name("end"))) void bench_end(void);
#else
static inline void bench_start(void) {}
static inline void bench_end(void) {}
#endif
#endif
