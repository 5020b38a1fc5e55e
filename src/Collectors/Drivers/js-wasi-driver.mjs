// Runs a WASI preview1 module on a JavaScript engine's WebAssembly (V8 in Node and Deno,
// JavaScriptCore in Bun) and reports each iteration's phases as one machine-readable line:
//   @obs {"kind":"iteration", "compileNs":..., "instantiateNs":..., "executeNs":..., ...}
// The module's own stdout goes to a file, never to our stdout, so the two can't mix.
// Options mirror Observatory.Collectors.Engines.WorkerArguments, plus
//   --wasi node  the engine's own node:wasi (Node; Deno's Node compatibility layer)
//   --wasi shim  ./wasi-shim.mjs, plain JS over node:fs through host-node.mjs (Bun: its node:wasi ignores the
//                stdio fds it is given and its proc_exit ends the whole process)
//   --requests N a burst (serverless) iteration: compile once, then N requests, each a new
//                WASI object and a new WebAssembly.Instance of the one compiled module running
//                _start; the loop is the region, stdout is the last request's.
// The default is shim under Bun, node elsewhere.
// Each bench.start/bench.end span is reported in call order as regionsNs (regionNs is their sum).
import fs from 'node:fs';
import crypto from 'node:crypto';
import { WasiShim } from './wasi-shim.mjs';
import { nodeHost } from './host-node.mjs';
import { peakRssKb } from './peak-rss.mjs';
import { checkRunnable, Unrunnable } from './runnable.mjs';

function parseArgs(argv) {
  const o = { iterations: 1, env: {}, dirs: [], args: [], argv0: 'main.wasm', wasi: globalThis.Bun ? 'shim' : 'node' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { o.args = argv.slice(i + 1); break; }
    const v = argv[++i];
    switch (a) {
      case '--wasm': o.wasm = v; break;
      case '--scratch': o.scratch = v; break;
      case '--stdin': o.stdin = v; break;
      case '--argv0': o.argv0 = v; break;
      case '--iterations': o.iterations = Number(v); break;
      case '--requests': o.requests = Number(v); break;
      case '--wasi': if (v !== 'node' && v !== 'shim') throw new Error(`--wasi must be node or shim, not ${v}`); o.wasi = v; break;
      case '--env': { const k = v.indexOf('='); o.env[v.slice(0, k)] = v.slice(k + 1); break; }
      case '--dir': { const k = v.indexOf('::'); o.dirs.push([v.slice(0, k), v.slice(k + 2)]); break; }
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

const now = () => process.hrtime.bigint();
const emit = (obj) => process.stdout.write('@obs ' + JSON.stringify(obj, (k, v) => typeof v === 'bigint' ? Number(v) : v) + '\n');
const sha256 = (path) => crypto.createHash('sha256').update(fs.readFileSync(path)).digest('hex');

const o = parseArgs(process.argv.slice(2));
const bytes = fs.readFileSync(o.wasm);
const NodeWASI = o.wasi === 'node' ? (await import('node:wasi')).WASI : null;
const preopens = Object.fromEntries(o.dirs.map(([host, guest]) => [guest, host]));

for (let i = 0; i < o.iterations; i++) {
  // Collect the previous iteration's instance and WASI object before timing the next:
  // steadier numbers, and Node 20/22 segfault when a large earlier instance is
  // finalised by a GC that runs during the next iteration (seen with gemm 1024).
  if (globalThis.gc) globalThis.gc();
  else if (globalThis.Bun) globalThis.Bun.gc(true);
  const stdoutPath = `${o.scratch}/stdout-${i}.txt`;
  const outFd = fs.openSync(stdoutPath, 'w');
  const errFd = fs.openSync(`${o.scratch}/stderr-${i}.txt`, 'w');
  const inFd = fs.openSync(o.stdin ?? '/dev/null', 'r');
  const r = { kind: 'iteration', iteration: i, outcome: 'ok' };
  try {
    const t0 = now();
    const mod = await WebAssembly.compile(bytes);
    const t1 = now();
    r.compileNs = t1 - t0;
    const wasi = NodeWASI
      ? new NodeWASI({ version: 'preview1', args: [o.argv0, ...o.args], env: o.env, preopens,
                       stdin: inFd, stdout: outFd, stderr: errFd, returnOnExit: true })
      : new WasiShim({ args: [o.argv0, ...o.args], env: o.env, preopens, stdin: inFd, stdout: outFd, stderr: errFd, host: nodeHost });
    let regionStart = 0n, region = 0n, seen = false, cpuStart = 0, regionCpuUs = 0;
    const spans = [];
    const cpuUs = () => { const u = process.cpuUsage(); return u.user + u.system; }; // process CPU time, microseconds
    if (o.requests) {
      burst(mod, r, stdoutPath, cpuUs);
      r.stdoutPath = stdoutPath;
      r.stdoutSha256 = sha256(stdoutPath);
      emit(r);
      continue; // the finally below still closes this iteration's fds
    }
    const imports = {
      wasi_snapshot_preview1: wasi.wasiImport,
      bench: { start() { cpuStart = cpuUs(); regionStart = now(); },
               end() { const span = now() - regionStart; region += span; spans.push(span); regionCpuUs += cpuUs() - cpuStart; seen = true; } },
    };
    checkRunnable(mod, imports);
    const t2 = now();
    const instance = await WebAssembly.instantiate(mod, imports);
    const t3 = now();
    r.instantiateNs = t3 - t2;
    const executeCpu0 = cpuUs();
    try {
      // A kernel without WASI exports run() instead of _start (and may have no memory).
      if (!instance.exports._start && typeof instance.exports.run === 'function') { instance.exports.run(); r.exitCode = 0; }
      else r.exitCode = wasi.start(instance) ?? 0;
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) { r.outcome = 'trap'; r.message = String(e.message); }
      else throw e;
    }
    r.executeNs = now() - t3;
    r.cpuNs = (seen ? regionCpuUs : cpuUs() - executeCpu0) * 1000;
    if (seen) { r.regionNs = region; r.regionsNs = spans; }
    r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
  } catch (e) {
    r.outcome = (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || e instanceof Unrunnable) ? 'unsupported' : 'crash';
    r.message = String(e && e.message || e);
  } finally {
    // The module may have closed its own stdio through WASI fd_close (yosys does).
    for (const fd of [outFd, errFd, inFd]) { try { fs.closeSync(fd); } catch { /* already closed */ } }
  }
  r.stdoutPath = stdoutPath;
  r.stdoutSha256 = sha256(stdoutPath);
  emit(r);
}

// One burst iteration: `requests` fresh WASI contexts and instances of the compiled module.
// The iteration's own stdout fd is left unused; each request writes the stdout file afresh.
function burst(mod, r, stdoutPath, cpuUs) {
  const n = o.requests;
  const noop = { start() {}, end() {} };
  const cpu0 = cpuUs();
  const t0 = now();
  for (let q = 0; q < n; q++) {
    const out = fs.openSync(stdoutPath, 'w');
    const err = fs.openSync(`${o.scratch}/stderr-${r.iteration}.txt`, 'w');
    const inp = fs.openSync(o.stdin ?? '/dev/null', 'r');
    try {
      const wasi = NodeWASI
        ? new NodeWASI({ version: 'preview1', args: [o.argv0, ...o.args], env: o.env, preopens,
                         stdin: inp, stdout: out, stderr: err, returnOnExit: true })
        : new WasiShim({ args: [o.argv0, ...o.args], env: o.env, preopens, stdin: inp, stdout: out, stderr: err, host: nodeHost });
      const imports = { wasi_snapshot_preview1: wasi.wasiImport, bench: noop };
      if (q === 0) checkRunnable(mod, imports);
      const i0 = now();
      const instance = new WebAssembly.Instance(mod, imports);
      if (r.instantiateNs === undefined) r.instantiateNs = now() - i0;
      try {
        if (!instance.exports._start && typeof instance.exports.run === 'function') { instance.exports.run(); r.exitCode = 0; }
        else r.exitCode = wasi.start(instance) ?? 0;
      } catch (e) {
        if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) { r.outcome = 'trap'; r.message = `request ${q + 1} of ${n}: ${e.message}`; }
        else throw e;
      }
      if (q === n - 1 || r.outcome !== 'ok' || r.exitCode !== 0) r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
    } finally {
      for (const fd of [out, err, inp]) { try { fs.closeSync(fd); } catch { /* closed by the module */ } }
    }
    if (r.outcome !== 'ok') break;
    if (r.exitCode !== 0) { r.message = `request ${q + 1} of ${n} exited with code ${r.exitCode}`; break; }
  }
  const loop = now() - t0;
  r.executeNs = loop;
  r.cpuNs = (cpuUs() - cpu0) * 1000;
  if (r.outcome === 'ok') { r.regionNs = loop; r.regionsNs = [loop]; }
}
emit({ kind: 'process', peakRssKb: peakRssKb() });
