#include "spec-wire.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int obs_wire_bytes(const char* token, uint8_t** out, size_t* len) {
  if (token[0] != '=') return -1;
  size_t n = strlen(token + 1);
  if (n % 2) return -1;
  uint8_t* b = malloc(n / 2 + 1);
  for (size_t i = 0; i < n / 2; i++) {
    int hi = nibble(token[1 + 2 * i]), lo = nibble(token[2 + 2 * i]);
    if (hi < 0 || lo < 0) { free(b); return -1; }
    b[i] = (uint8_t)(hi << 4 | lo);
  }
  *out = b;
  *len = n / 2;
  return 0;
}

/* Reads hex bits after "KIND:" up to end or ':'; -1 when there are none or they are not hex. */
static int hex64(const char* s, uint64_t* v, const char** end) {
  char* e;
  if (!*s) return -1;
  *v = strtoull(s, &e, 16);
  if (e == s || (*e && *e != ':')) return -1;
  *end = e;
  return 0;
}

const char* obs_wire_value(const char* token, wasmtime_context_t* ctx, wasmtime_val_t* v) {
  memset(v, 0, sizeof *v);
  const char* colon = strchr(token, ':');
  if (!colon) return "a value needs KIND:BITS";
  size_t kind = (size_t)(colon - token);
  const char* bits = colon + 1;
  const char* end;
  uint64_t lo, hi;
#define IS(k) (kind == strlen(k) && !strncmp(token, k, kind))
  if (IS("i32") || IS("f32") || IS("i64") || IS("f64")) {
    if (hex64(bits, &lo, &end) || *end) return "bad number bits";
    if (IS("i32")) v->kind = WASMTIME_I32, v->of.i32 = (int32_t)(uint32_t)lo;
    else if (IS("i64")) v->kind = WASMTIME_I64, v->of.i64 = (int64_t)lo;
    else if (IS("f32")) { uint32_t b = (uint32_t)lo; v->kind = WASMTIME_F32; memcpy(&v->of.f32, &b, 4); }
    else { v->kind = WASMTIME_F64; memcpy(&v->of.f64, &lo, 8); }
    return NULL;
  }
  if (IS("v128")) {
    if (hex64(bits, &lo, &end) || *end != ':' || hex64(end + 1, &hi, &end) || *end) return "bad v128 bits (LO:HI)";
    v->kind = WASMTIME_V128;
    memcpy(v->of.v128, &lo, 8); /* lanes little-endian, as Wasm numbers them, on x86_64 and aarch64 alike */
    memcpy(v->of.v128 + 8, &hi, 8);
    return NULL;
  }
  int null = !strcmp(bits, "null");
  if (IS("funcref") && null) { v->kind = WASMTIME_FUNCREF; return NULL; }
  if (IS("anyref") && null) { v->kind = WASMTIME_ANYREF; return NULL; }
  if (IS("exnref") && null) { v->kind = WASMTIME_EXNREF; return NULL; }
  if (IS("externref")) {
    v->kind = WASMTIME_EXTERNREF;
    if (null) return NULL;
    char* e;
    unsigned long long id = strtoull(bits, &e, 10);
    if (e == bits || *e) return "bad externref host id";
    if (!wasmtime_externref_new(ctx, (void*)(uintptr_t)(id + 1), NULL, &v->of.externref)) return "wasmtime could not allocate an externref";
    return NULL;
  }
#undef IS
  return "a value this host cannot make";
}

void obs_wire_put_value(FILE* out, wasmtime_context_t* ctx, wasmtime_val_t* v) {
  uint32_t b32;
  uint64_t b64, hi;
  switch (v->kind) {
    case WASMTIME_I32: fprintf(out, " i32:%" PRIx32, (uint32_t)v->of.i32); return;
    case WASMTIME_I64: fprintf(out, " i64:%" PRIx64, (uint64_t)v->of.i64); return;
    case WASMTIME_F32: memcpy(&b32, &v->of.f32, 4); fprintf(out, " f32:%" PRIx32, b32); return;
    case WASMTIME_F64: memcpy(&b64, &v->of.f64, 8); fprintf(out, " f64:%" PRIx64, b64); return;
    case WASMTIME_V128:
      memcpy(&b64, v->of.v128, 8);
      memcpy(&hi, v->of.v128 + 8, 8);
      fprintf(out, " v128:%" PRIx64 ":%" PRIx64, b64, hi);
      return;
    case WASMTIME_FUNCREF: fprintf(out, " funcref:%s", v->of.funcref.store_id ? "func" : "null"); return;
    case WASMTIME_EXTERNREF: {
      if (!v->of.externref.store_id) { fputs(" externref:null", out); return; }
      uintptr_t data = (uintptr_t)wasmtime_externref_data(ctx, &v->of.externref);
      if (data) fprintf(out, " externref:%" PRIuPTR, data - 1);
      else fputs(" externref:extern", out);
      break;
    }
    case WASMTIME_ANYREF: {
      if (!v->of.anyref.store_id) { fputs(" anyref:null", out); return; }
      /* Struct and array first, then eq: this libwasmtime's wasmtime_anyref_is_i31 also answers true for
       * structs and internalized host references (the in-process WasmtimeSpecHost asks the same way). */
      const char* kind = wasmtime_anyref_is_struct(ctx, &v->of.anyref) ? "struct"
                         : wasmtime_anyref_is_array(ctx, &v->of.anyref) ? "array"
                         : wasmtime_anyref_is_eqref(ctx, &v->of.anyref) ? "i31"
                                                                       : "host";
      fprintf(out, " anyref:%s", kind);
      break;
    }
    case WASMTIME_EXNREF:
      if (!v->of.exnref.store_id) { fputs(" exnref:null", out); return; }
      fputs(" exnref:exn", out);
      break;
    default: fprintf(out, " unknown:%d", v->kind); return;
  }
  wasmtime_val_unroot(v);
}

void obs_wire_reply(FILE* out, const char* verb, const char* message, size_t len) {
  while (len > 0 && message[len - 1] == 0) len--;
  fputs(verb, out);
  fputc(' ', out);
  for (size_t i = 0; i < len; i++) {
    char c = message[i];
    if (c == '\\') fputs("\\\\", out);
    else if (c == '\n') fputs("\\n", out);
    else if (c == '\r' || c == 0) fputc(' ', out);
    else fputc(c, out);
  }
  fputc('\n', out);
}
