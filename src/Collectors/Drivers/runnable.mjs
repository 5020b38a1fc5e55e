// Whether a compiled module can run here as a command, checked before instantiation so every
// JavaScript engine reports the same fault the same way as Wasmtime and the wasm.h engine:
// a missing import or a missing _start is `unsupported` (the module cannot be linked, or is no
// command), never `crash` (the engines' own TypeErrors for these name no WebAssembly fault).

/** Thrown for a module this host cannot run; the driver reports it as outcome `unsupported`. */
export class Unrunnable extends Error {}

/** Throws Unrunnable naming the first import the host does not provide, or the missing entry point. */
export function checkRunnable(mod, imports) {
  for (const i of WebAssembly.Module.imports(mod)) {
    const provided = imports[i.module];
    if (provided === undefined || provided === null || !(i.name in provided))
      throw new Unrunnable(`missing import ${i.module}.${i.name} (${i.kind}): this host does not provide it`);
  }
  const exports = WebAssembly.Module.exports(mod);
  const entry = exports.find(e => e.kind === 'function' && (e.name === '_start' || e.name === 'run'));
  if (!entry) throw new Unrunnable('module exports neither _start nor run');
}
