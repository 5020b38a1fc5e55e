/*
 * A stand-in wasm.h library for the observatory's tests: it implements just the symbols the
 * wasm.h engine resolves, and "runs" only the probe module (answer(x) = probe.double(x) + 1)
 * plus an empty _start, in either vector layout:
 *   default          upstream wasm.h vectors {size, data} (16 bytes), names without NUL
 *   -DWAMR_LAYOUT    WAMR's {size, data, num_elems, size_of_elem, lock} (40 bytes), names
 *                    counting their NUL, vectors it returns with capacity > num_elems, vectors
 *                    it is given checked for num_elems, and a 32 KiB "app heap" on memory
 *   -DWAMR_EXPORT    exports wasm_runtime_get_version (a WAMR-only symbol) whatever the layout
 *   -DNOISY          prints partial lines to stdout, as a library logging with printf does
 * A module whose bytes name no "probe" import has no imports (an empty _start module runs).
 * Written for these tests; no third-party code.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef WAMR_LAYOUT
#define VEC_TAIL size_t num_elems; size_t size_of_elem; void *lock;
#define COUNT(v) ((v)->num_elems)
#define SET_COUNT(v, n, elem) do { (v)->num_elems = (n); (v)->size_of_elem = (elem); (v)->lock = NULL; } while (0)
#define CAPACITY_EXTRA 1
#define APP_HEAP 32768
#else
#define VEC_TAIL
#define COUNT(v) ((v)->size)
#define SET_COUNT(v, n, elem) do { } while (0)
#define CAPACITY_EXTRA 0
#define APP_HEAP 0
#endif

#ifdef NOISY
#define NOISE(s) do { fputs(s, stdout); fflush(stdout); } while (0)
#else
#define NOISE(s) do { } while (0)
#endif

typedef struct { size_t size; char *data; VEC_TAIL } byte_vec;
typedef struct { size_t size; void **data; VEC_TAIL } ptr_vec;
typedef struct { uint8_t kind; uint8_t pad[7]; union { int32_t i32; int64_t i64; void *ref; } of; } val_t;
typedef struct { size_t size; val_t *data; VEC_TAIL } val_vec;

typedef struct { uint8_t kind; } valtype;
typedef struct { ptr_vec params, results; } functype;
typedef struct { uint8_t kind; functype *ft; } externtype;
typedef struct { byte_vec module, name; externtype type; } importtype;
typedef struct { byte_vec name; } exporttype;
typedef void *(*callback)(void *env, const val_vec *args, val_vec *results);
enum { HOST, ANSWER, START };
typedef struct func { uint8_t extern_kind; int which; callback cb; void *env; struct func *import; } func;
typedef struct { uint8_t extern_kind; char *data; size_t size; } memory;
typedef struct { func *host, *answer, *start; memory *mem; } instance;
typedef struct { byte_vec message; } trap;

static functype probe_type;

/* A name as this layout makes it: WAMR's counts the terminating NUL. */
static void make_name(byte_vec *out, const char *s)
{
    size_t n = strlen(s) + (CAPACITY_EXTRA ? 1 : 0);
    memset(out, 0, sizeof *out);
    out->size = n;
    out->data = malloc(n + 1);
    memcpy(out->data, s, strlen(s) + 1);
    SET_COUNT(out, n, 1);
}

/* A vector of n pointers the library returns: WAMR's capacity may exceed its element count. */
static void make_ptrs(ptr_vec *out, size_t n)
{
    memset(out, 0, sizeof *out);
    out->size = n + CAPACITY_EXTRA;
    out->data = calloc(n + 1, sizeof(void *));
    SET_COUNT(out, n, sizeof(void *));
}

void *wasm_engine_new(void) { NOISE("[fake wasm.h] engine up, no newline"); return malloc(1); }
void wasm_engine_delete(void *e) { free(e); }
void *wasm_store_new(void *e) { (void)e; return malloc(1); }
void wasm_store_delete(void *s) { free(s); }

void *wasm_module_new(void *store, const byte_vec *binary)
{
    (void)store;
    if (!binary || !binary->data || COUNT(binary) != binary->size || binary->size < 8) return NULL;
    int *has_import = malloc(sizeof *has_import);
    *has_import = memmem(binary->data, binary->size, "probe", 5) != NULL;
    return has_import;
}
void wasm_module_delete(void *m) { free(m); }

static valtype i32 = { 0 };
static void init_probe_type(void)
{
    make_ptrs(&probe_type.params, 1);
    probe_type.params.data[0] = &i32;
    make_ptrs(&probe_type.results, 1);
    probe_type.results.data[0] = &i32;
}

void wasm_module_imports(const int *has_import, ptr_vec *out)
{
    if (!*has_import) { make_ptrs(out, 0); return; }
    if (!probe_type.params.data) init_probe_type();
    importtype *it = calloc(1, sizeof *it);
    make_name(&it->module, "probe");
    make_name(&it->name, "double");
    it->type.kind = 0;
    it->type.ft = &probe_type;
    make_ptrs(out, 1);
    out->data[0] = it;
}

void wasm_module_exports(const void *module, ptr_vec *out)
{
    (void)module;
    static const char *names[] = { "memory", "answer", "_start" };
    make_ptrs(out, 3);
    for (int i = 0; i < 3; i++) {
        exporttype *et = calloc(1, sizeof *et);
        make_name(&et->name, names[i]);
        out->data[i] = et;
    }
}

void wasm_importtype_vec_delete(ptr_vec *v)
{
    for (size_t i = 0; i < COUNT(v); i++) {
        importtype *it = v->data[i];
        free(it->module.data);
        free(it->name.data);
        free(it);
    }
    free(v->data);
}
void wasm_exporttype_vec_delete(ptr_vec *v)
{
    for (size_t i = 0; i < COUNT(v); i++) {
        exporttype *et = v->data[i];
        free(et->name.data);
        free(et);
    }
    free(v->data);
}
const byte_vec *wasm_importtype_module(const importtype *it) { return &it->module; }
const byte_vec *wasm_importtype_name(const importtype *it) { return &it->name; }
const externtype *wasm_importtype_type(const importtype *it)
{
    if (!it) { fputs("fake wasm.h: read an import past the vector's element count\n", stderr); abort(); }
    return &it->type;
}
const byte_vec *wasm_exporttype_name(const exporttype *et)
{
    if (!et) { fputs("fake wasm.h: read an export past the vector's element count\n", stderr); abort(); }
    return &et->name;
}
uint8_t wasm_externtype_kind(const externtype *t) { return t->kind; }
const functype *wasm_externtype_as_functype_const(const externtype *t) { return t->ft; }
const ptr_vec *wasm_functype_params(const functype *f) { return &f->params; }
const ptr_vec *wasm_functype_results(const functype *f) { return &f->results; }
uint8_t wasm_valtype_kind(const valtype *v) { return v->kind; }
valtype *wasm_valtype_new(uint8_t kind) { valtype *v = malloc(sizeof *v); v->kind = kind; return v; }
void wasm_valtype_vec_new(ptr_vec *out, size_t n, void *const data[])
{
    make_ptrs(out, n);
    memcpy(out->data, data, n * sizeof(void *));
}
void wasm_valtype_vec_new_empty(ptr_vec *out) { make_ptrs(out, 0); }
functype *wasm_functype_new(ptr_vec *params, ptr_vec *results)
{
    functype *f = malloc(sizeof *f);
    f->params = *params;
    f->results = *results;
    return f;
}
void wasm_functype_delete(functype *f)
{
    for (size_t i = 0; i < COUNT(&f->params); i++) free(f->params.data[i]);
    for (size_t i = 0; i < COUNT(&f->results); i++) free(f->results.data[i]);
    free(f->params.data);
    free(f->results.data);
    free(f);
}
func *wasm_func_new_with_env(void *store, const functype *type, callback cb, void *env, void (*fin)(void *))
{
    (void)store; (void)type; (void)fin;
    func *f = calloc(1, sizeof *f);
    f->which = HOST;
    f->cb = cb;
    f->env = env;
    return f;
}
void wasm_func_delete(func *f) { free(f); }
void *wasm_func_as_extern(func *f) { return f; }
size_t wasm_func_param_arity(const func *f) { return f->which == START ? 0 : 1; }
size_t wasm_func_result_arity(const func *f) { return f->which == START ? 0 : 1; }

static trap *new_trap(const char *message)
{
    trap *t = calloc(1, sizeof *t);
    make_name(&t->message, message);
    return t;
}

instance *wasm_instance_new(void *store, const int *has_import, const ptr_vec *imports, trap **out)
{
    (void)store;
    if (out) *out = NULL;
    /* Like WAMR, read the element count where this layout keeps it. */
    size_t wanted = *has_import ? 1 : 0;
    if (!imports || COUNT(imports) != wanted || (wanted && !imports->data[0])) return NULL;
    instance *in = calloc(1, sizeof *in);
    in->host = wanted ? imports->data[0] : NULL;
    in->answer = calloc(1, sizeof(func));
    in->answer->which = ANSWER;
    in->answer->import = in->host;
    in->start = calloc(1, sizeof(func));
    in->start->which = START;
    in->mem = calloc(1, sizeof(memory));
    in->mem->extern_kind = 3;
    in->mem->size = 65536 + APP_HEAP;
    in->mem->data = calloc(1, in->mem->size);
    return in;
}
void wasm_instance_delete(instance *in)
{
    free(in->answer);
    free(in->start);
    free(in->mem->data);
    free(in->mem);
    free(in);
}
void wasm_instance_exports(const instance *in, ptr_vec *out)
{
    make_ptrs(out, 3);
    out->data[0] = in->mem;
    out->data[1] = in->answer;
    out->data[2] = in->start;
}
void wasm_extern_vec_delete(ptr_vec *v) { free(v->data); }
uint8_t wasm_extern_kind(const uint8_t *e) { return *e; }
void *wasm_extern_as_func(void *e) { return e; }
void *wasm_extern_as_memory(void *e) { return e; }
char *wasm_memory_data(memory *m) { return m->data; }
size_t wasm_memory_data_size(const memory *m) { return m->size; }

trap *wasm_func_call(const func *f, const val_vec *args, val_vec *results)
{
    NOISE("[fake wasm.h] call, partial line");
    if (f->which == START) return NULL;
    if (f->which != ANSWER) return new_trap("only answer and _start can be called");
    if (!args || COUNT(args) != 1 || !results || results->size < 1) return new_trap("params count mismatch");
    val_t arg = args->data[0], res = { 0 };
    val_vec a, r;
    memset(&a, 0, sizeof a);
    memset(&r, 0, sizeof r);
    a.size = 1; a.data = &arg;
    r.size = 1; r.data = &res;
    SET_COUNT(&a, 1, sizeof(val_t));
    SET_COUNT(&r, 0, sizeof(val_t));
    trap *t = f->import->cb(f->import->env, &a, &r);
    if (t) return t;
    results->data[0].kind = 0;
    results->data[0].of.i32 = res.of.i32 + 1;
    SET_COUNT(results, 1, sizeof(val_t));
    return NULL;
}

trap *wasm_trap_new(void *store, const byte_vec *message)
{
    (void)store;
    trap *t = calloc(1, sizeof *t);
    t->message.size = message->size;
    t->message.data = malloc(message->size + 1);
    memcpy(t->message.data, message->data, message->size);
    SET_COUNT(&t->message, message->size, 1);
    return t;
}
void wasm_trap_message(const trap *t, byte_vec *out)
{
    memset(out, 0, sizeof *out);
    out->size = t->message.size;
    out->data = malloc(out->size + 1);
    memcpy(out->data, t->message.data, out->size);
    SET_COUNT(out, out->size, 1);
}
void wasm_trap_delete(trap *t) { free(t->message.data); free(t); }
void wasm_byte_vec_delete(byte_vec *v) { free(v->data); }
void wasm_byte_vec_new_uninitialized(byte_vec *out, size_t n)
{
    memset(out, 0, sizeof *out);
    out->size = n;
    out->data = malloc(n ? n : 1);
    SET_COUNT(out, 0, 1);
}

#if defined(WAMR_EXPORT)
void wasm_runtime_get_version(uint32_t *major, uint32_t *minor, uint32_t *patch) { *major = 0; *minor = 0; *patch = 1; }
#endif
