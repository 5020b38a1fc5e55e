// The benchmark page of a browser engine: the browser's counterpart of js-wasi-driver.mjs.
// It fetches the job, the module, stdin and the preopens' files from browser-server.mjs (same
// origin, cross-origin isolated), runs the iterations on the shared WASI shim over an in-memory
// file system (host-browser.mjs), and POSTs each iteration's stdout/stderr and its record
// (the driver protocol's iteration fields: phases from performance.now(), bench.start/end spans,
// exit code, outcome, linear memory) back; the harness hashes stdout itself. A burst iteration
// (job.requests) compiles once and runs that many fresh instances, each with fresh WASI.
// There is no CPU clock in a page: cpuNs stays unset and the stop rule works on wall time.
import { WasiShim } from './wasi-shim.mjs';
import { MemoryFs, browserHost } from './host-browser.mjs';
import { checkRunnable, Unrunnable } from './runnable.mjs';

const post = (url, body) => fetch(url, { method: 'POST', body });
const ns = (ms) => Math.round(ms * 1e6);
const now = () => performance.now();

async function fetchOk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return r;
}

/** The smallest non-zero step of performance.now(), in ns: the resolution this page is given. */
function timerResolutionNs() {
  let best = Infinity;
  for (let k = 0; k < 50; k++) {
    const a = performance.now();
    let b = a;
    while (b === a) b = performance.now();
    best = Math.min(best, b - a);
  }
  return ns(best);
}

const job = await (await fetchOk('/job')).json();
const bytes = new Uint8Array(await (await fetchOk('/module')).arrayBuffer());
const stdinBytes = new Uint8Array(await (await fetchOk('/stdin')).arrayBuffer());
const memfs = new MemoryFs();
const host = browserHost(memfs);
const preopens = {};
for (let k = 0; k < job.preopens.length; k++) {
  const root = `/preopen/${k}`;
  memfs.load(root, await (await fetchOk(`/preopen/${k}`)).json());
  preopens[job.preopens[k]] = root;
}
memfs.mkdirSync('/stdio', { recursive: true });
memfs.writeFile('/stdio/stdin', stdinBytes);
const args = [job.argv0, ...job.args];

// Fresh stdio files for one run of the guest: stdin from the start, empty stdout and stderr.
function openStdio() {
  const c = memfs.constants;
  return {
    stdin: memfs.openSync('/stdio/stdin', c.O_RDONLY),
    stdout: memfs.openSync('/stdio/stdout', c.O_WRONLY | c.O_CREAT | c.O_TRUNC),
    stderr: memfs.openSync('/stdio/stderr', c.O_WRONLY | c.O_CREAT | c.O_TRUNC),
  };
}

function closeStdio(io) {
  for (const fd of [io.stdin, io.stdout, io.stderr]) { try { memfs.closeSync(fd); } catch { /* closed by the guest */ } }
}

// Runs the instance's entry: _start through WASI, or run() for a kernel without WASI.
function enter(wasi, instance, r) {
  if (!instance.exports._start && typeof instance.exports.run === 'function') { instance.exports.run(); return 0; }
  return wasi.start(instance) ?? 0;
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError
  || (e instanceof Error && /too much recursion|stack overflow/i.test(e.message)); // Firefox: InternalError

async function iteration(i) {
  const r = { kind: 'iteration', iteration: i, outcome: 'ok' };
  const io = openStdio();
  try {
    const t0 = now();
    const mod = await WebAssembly.compile(bytes);
    const t1 = now();
    r.compileNs = ns(t1 - t0);
    if (job.requests) { burst(mod, r); return r; }
    const wasi = new WasiShim({ args, env: job.env, preopens, ...io, host });
    let regionStart = 0, seen = false;
    const spans = [];
    const imports = {
      wasi_snapshot_preview1: wasi.wasiImport,
      bench: { start() { regionStart = now(); }, end() { spans.push(now() - regionStart); seen = true; } },
    };
    checkRunnable(mod, imports);
    const t2 = now();
    const instance = await WebAssembly.instantiate(mod, imports);
    const t3 = now();
    r.instantiateNs = ns(t3 - t2);
    try { r.exitCode = enter(wasi, instance, r); }
    catch (e) { if (isTrap(e)) { r.outcome = 'trap'; r.message = String(e.message); } else throw e; }
    r.executeNs = ns(now() - t3);
    if (seen) { r.regionsNs = spans.map(ns); r.regionNs = r.regionsNs.reduce((a, b) => a + b, 0); }
    r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
  } catch (e) {
    r.outcome = (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || e instanceof Unrunnable) ? 'unsupported' : 'crash';
    r.message = String(e && e.message || e);
  } finally {
    closeStdio(io);
  }
  return r;
}

// One burst iteration: job.requests fresh WASI contexts and instances of the compiled module;
// the loop is the region, stdout is the last request's.
function burst(mod, r) {
  const n = job.requests;
  const noop = { start() {}, end() {} };
  const t0 = now();
  for (let q = 0; q < n; q++) {
    const io = openStdio();
    try {
      const wasi = new WasiShim({ args, env: job.env, preopens, ...io, host });
      const imports = { wasi_snapshot_preview1: wasi.wasiImport, bench: noop };
      if (q === 0) checkRunnable(mod, imports);
      const i0 = now();
      const instance = new WebAssembly.Instance(mod, imports);
      if (r.instantiateNs === undefined) r.instantiateNs = ns(now() - i0);
      try { r.exitCode = enter(wasi, instance, r); }
      catch (e) { if (isTrap(e)) { r.outcome = 'trap'; r.message = `request ${q + 1} of ${n}: ${e.message}`; } else throw e; }
      if (q === n - 1 || r.outcome !== 'ok' || r.exitCode !== 0) r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
    } finally {
      closeStdio(io);
    }
    if (r.outcome !== 'ok') break;
    if (r.exitCode !== 0) { r.message = `request ${q + 1} of ${n} exited with code ${r.exitCode}`; break; }
  }
  const loop = ns(now() - t0);
  r.executeNs = loop;
  if (r.outcome === 'ok') { r.regionNs = loop; r.regionsNs = [loop]; }
}

for (let i = 0; i < job.iterations; i++) {
  const r = await iteration(i);
  await post(`/output/${i}/stdout`, memfs.readFile('/stdio/stdout'));
  await post(`/output/${i}/stderr`, memfs.readFile('/stdio/stderr'));
  await post('/iteration', JSON.stringify(r));
}
for (let k = 0; k < job.preopens.length; k++) await post(`/preopen/${k}`, JSON.stringify(memfs.dump(`/preopen/${k}`)));
await post('/done', JSON.stringify({ timerResolutionNs: timerResolutionNs(), crossOriginIsolated: globalThis.crossOriginIsolated === true }));
