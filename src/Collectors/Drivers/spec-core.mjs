// The host-agnostic core of the spec driver: runs one spec script on the WebAssembly API of
// whatever JavaScript engine imports it (Node's and Deno's V8, Bun's JavaScriptCore, gjs's
// SpiderMonkey, a browser page). It touches no file, process or console: the entry for each
// host (js-spec-driver.mjs, gjs-spec-driver.mjs, the browser page) reads the commands and the
// module bytes and prints what runSpec hands to its emit callback.
// Input: the commands in wabt's wast2json format (field names and order), plus an "index" per
// command. Output: one object per command, {index, kind, values?, message?}, where kind is what
// happened: ok, values, rejected (CompileError), unlinkable (LinkError), trap, exhaustion,
// exception, not-applicable (a value JS cannot carry: v128, NaN payloads), unsupported (a module
// importing a spectest export this engine refused), or error. The
// harness compares values with the expectations itself.

class NotApplicable extends Error {}

const hostRefs = new Map();
const hostIds = new Map();
function hostRef(id) {
  if (!hostRefs.has(id)) { const o = { hostRef: id }; hostRefs.set(id, o); hostIds.set(o, id); }
  return hostRefs.get(id);
}

// The harness's spectest module (SpectestModule.cs), the same bytes every other engine
// instantiates: the first of its variants ({file, omitted}, fullest first) this engine takes. The
// exports a variant leaves out are remembered with the engine's reason, so a module importing one
// is unsupported for that reason rather than a link failure. An old harness that sends none gets the
// same exports built in JavaScript, less those the API cannot make (table64, memory64).
class Unsupported extends Error {}

function spectest(readModule, variants, state) {
  let refusal = null;
  for (const v of variants ?? []) {
    try {
      const exports = new WebAssembly.Instance(new WebAssembly.Module(readModule(v.file)), {}).exports;
      state.spectestOmitted = new Set(v.omitted);
      state.spectestRefusal = refusal;
      return exports;
    } catch (e) { refusal ??= String(e && e.message || e); /* a proposal this engine does not ship: try the next, smaller variant */ }
  }
  const noop = () => {};
  const s = {
    print: noop, print_i32: noop, print_i64: noop, print_f32: noop, print_f64: noop, print_i32_f32: noop, print_f64_f64: noop,
    global_i32: new WebAssembly.Global({ value: 'i32' }, 666),
    global_f32: new WebAssembly.Global({ value: 'f32' }, 666.6),
    global_f64: new WebAssembly.Global({ value: 'f64' }, 666.6),
    table: new WebAssembly.Table({ element: 'anyfunc', initial: 10, maximum: 20 }),
    memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  };
  try { s.global_i64 = new WebAssembly.Global({ value: 'i64' }, 666n); } catch { /* engines without BigInt integration */ }
  try { s.shared_memory = new WebAssembly.Memory({ initial: 1, maximum: 2, shared: true }); } catch { /* no threads */ }
  return s;
}

const buf = new DataView(new ArrayBuffer(8));
function toJs(v) {
  switch (v.type) {
    case 'i32': return Number(BigInt.asIntN(32, BigInt(v.value)));
    case 'i64': return BigInt.asIntN(64, BigInt(v.value));
    case 'f32': {
      buf.setUint32(0, Number(v.value));
      const f = buf.getFloat32(0);
      if (Number.isNaN(f)) throw new NotApplicable('a NaN argument does not keep its payload through JavaScript');
      return f;
    }
    case 'f64': {
      buf.setBigUint64(0, BigInt(v.value));
      const f = buf.getFloat64(0);
      if (Number.isNaN(f)) throw new NotApplicable('a NaN argument does not keep its payload through JavaScript');
      return f;
    }
    case 'v128': throw new NotApplicable('v128 values cannot cross the JavaScript boundary');
    case 'exnref': throw new NotApplicable('exnref values cannot cross the JavaScript boundary');
    default:
      if (v.value === 'null') return null;
      return hostRef(Number(v.value));
  }
}

// GC references reach JavaScript as opaque objects (structs and arrays alike) or, for i31,
// as numbers: the driver says what JavaScript can tell and no more.
function fromJs(x, type, expected) {
  switch (type) {
    case 'i32': return { type, value: String(x >>> 0) };
    case 'i64': return { type, value: BigInt.asUintN(64, BigInt(x)).toString() };
    case 'f32': {
      if (Number.isNaN(x)) return { type, nan: true };
      buf.setFloat32(0, x);
      return { type, value: String(buf.getUint32(0)) };
    }
    case 'f64': {
      if (Number.isNaN(x)) return { type, nan: true };
      buf.setFloat64(0, x);
      return { type, value: buf.getBigUint64(0).toString() };
    }
    case 'v128': throw new NotApplicable('v128 values cannot cross the JavaScript boundary');
    default: {
      if (x === null || x === undefined) return { type, ref: 'null' };
      if (typeof x === 'function') return { type, ref: 'func' };
      if (hostIds.has(x)) return { type, ref: type === 'anyref' ? 'host' : 'extern', id: hostIds.get(x) };
      if (type === 'externref') return { type, ref: 'extern' };
      if (typeof x === 'number') return { type, ref: 'i31' };
      if (expected?.ref === 'struct' || expected?.ref === 'array')
        throw new NotApplicable('JavaScript cannot tell a GC struct from an array (both are opaque objects)');
      return { type, ref: 'eq' };
    }
  }
}

function classify(e) {
  if (e instanceof NotApplicable) return { kind: 'not-applicable', message: e.message };
  if (e instanceof Unsupported) return { kind: 'unsupported', message: e.message };
  if (e instanceof WebAssembly.CompileError) return { kind: 'rejected', message: e.message };
  if (e instanceof WebAssembly.LinkError) return { kind: 'unlinkable', message: e.message };
  if (e instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: e.message };
  if (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception) return { kind: 'exception', message: 'wasm exception' };
  if (e instanceof RangeError && /call stack/i.test(e.message)) return { kind: 'exhaustion', message: e.message };
  // SpiderMonkey's stack overflow is an InternalError (a global only it has).
  if (e instanceof Error && e.name === 'InternalError' && /too much recursion/i.test(e.message)) return { kind: 'exhaustion', message: e.message };
  // V8: "type incompatibility when transforming from/to JS"; JavaScriptCore: "an exported wasm function
  // cannot contain an invalid parameter or return value" (v128 and exnref signatures); SpiderMonkey
  // (Firefox 153): "cannot pass value to or from JS".
  if (e instanceof TypeError && /BigInt|v128|type incompatib|cannot be converted|exnref|invalid parameter or return value|cannot pass value to or from JS/i.test(e.message)) return { kind: 'not-applicable', message: e.message };
  return { kind: 'error', message: String(e && e.message || e) };
}

function imports(registry, mod) {
  const o = {};
  for (const imp of WebAssembly.Module.imports(mod)) {
    const src = registry[imp.module];
    if (src === undefined) continue; // missing: the engine reports it as a link error
    (o[imp.module] ??= {});
    if (imp.name in src) o[imp.module][imp.name] = src[imp.name];
  }
  return o;
}

function load(state, filename, instantiate) {
  const mod = new WebAssembly.Module(state.readModule(filename));
  if (!instantiate) return null;
  for (const imp of WebAssembly.Module.imports(mod))
    if (imp.module === 'spectest' && state.spectestOmitted.has(imp.name))
      throw new Unsupported(`this engine refused the spectest module's "${imp.name}" (${state.spectestRefusal}), so it is left out`);
  try {
    return new WebAssembly.Instance(mod, imports(state.registry, mod));
  } catch (e) {
    // A missing import module or field surfaces as a TypeError from the Instance constructor
    // (V8: "Import #0 ...", SpiderMonkey: "import object field 'M' is not an Object").
    if (e instanceof TypeError && /Import #|import object field .* is not an Object/.test(e.message)) throw new WebAssembly.LinkError(e.message);
    throw e;
  }
}

function perform(state, action, expected) {
  const inst = action.module ? state.named[action.module] : state.current;
  if (!inst) return { kind: 'error', message: `no module ${action.module ?? '(current)'}` };
  const exp = inst.exports[action.field];
  if (exp === undefined) return { kind: 'error', message: `no export "${action.field}"` };
  if (action.type === 'get') {
    const v = exp.value;
    return { kind: 'values', values: [fromJs(v, expected[0]?.type ?? 'i32', expected[0])] };
  }
  const args = action.args.map(toJs);
  const r = exp(...args);
  const results = expected.length === 1 ? [r] : expected.length === 0 ? [] : Array.from(r);
  return { kind: 'values', values: results.map((x, i) => fromJs(x, expected[i].type, expected[i])) };
}

/**
 * Runs the commands of one spec script in order, calling emit once per command not skipped.
 * script: the parsed commands JSON (its spectest: the spectest module's variant files); readModule(filename): that module's bytes (a Uint8Array or
 * ArrayBuffer); skip: a Set of command indices to leave out.
 */
export function runSpec(script, readModule, emit, skip = new Set()) {
  const state = { readModule, registry: {}, named: {}, current: null, spectestOmitted: new Set(), spectestRefusal: null };
  state.registry.spectest = spectest(readModule, script.spectest, state);
  for (const c of script.commands) {
    if (skip.has(c.index)) continue;
    let out;
    try {
      switch (c.type) {
        case 'module': {
          const inst = load(state, c.filename, true);
          state.current = inst;
          if (c.name) state.named[c.name] = inst;
          out = { kind: 'ok' };
          break;
        }
        case 'register': {
          const inst = c.name ? state.named[c.name] : state.current;
          if (!inst) { out = { kind: 'error', message: 'no module to register' }; break; }
          state.registry[c.as] = inst.exports;
          out = { kind: 'ok' };
          break;
        }
        case 'assert_invalid':
        case 'assert_malformed':
          load(state, c.filename, false);
          out = { kind: 'ok' };
          break;
        case 'assert_unlinkable':
        case 'assert_uninstantiable':
          load(state, c.filename, true);
          out = { kind: 'ok' };
          break;
        default:
          out = perform(state, c.action, c.expected ?? []);
      }
    } catch (e) {
      out = classify(e);
    }
    // A module that failed leaves no current module behind (unlike wabt, which keeps the last one).
    if (c.type === 'module' && out.kind !== 'ok') { state.current = null; if (c.name) delete state.named[c.name]; }
    emit({ index: c.index, ...out });
  }
}
