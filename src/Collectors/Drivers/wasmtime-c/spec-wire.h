/* The text of the spec host's line protocol (spec.c; the .NET side is WasmtimeCSpecWire.cs): byte strings
 * (module bytes, export and registration names) as '=' followed by hex digits, so an empty name is "=";
 * values as KIND:BITS with the bits in hex (i32:2a, f32:7fc00000, v128:LO:HI as two 64-bit halves),
 * references as KIND:null and, for a non-null one, what the C API can tell of it (funcref:func,
 * externref:ID with the host id the harness gave it, anyref:struct|array|i31|host, exnref:exn);
 * messages with backslash and newline escaped, so a reply is always one line. */
#ifndef OBS_SPEC_WIRE_H
#define OBS_SPEC_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "wasmtime-capi.h"

/* Decodes "=HEX" into a fresh buffer (*out, freed by the caller); -1 when the token is not one. */
int obs_wire_bytes(const char* token, uint8_t** out, size_t* len);

/* Parses one argument token into v; a non-null externref is made in ctx (its host id + 1 is the data
 * pointer, never null). Returns NULL, or what is wrong with the token. */
const char* obs_wire_value(const char* token, wasmtime_context_t* ctx, wasmtime_val_t* v);

/* Writes " KIND:BITS" for a result and unroots it when it is a GC reference. */
void obs_wire_put_value(FILE* out, wasmtime_context_t* ctx, wasmtime_val_t* v);

/* Writes "VERB MESSAGE\n" with the message escaped (len bytes; trailing NULs dropped). */
void obs_wire_reply(FILE* out, const char* verb, const char* message, size_t len);

#endif
