// The host-agnostic core of the benchmark drivers: runs a WASI preview1 module (or a kernel
// exporting run()) for a number of iterations and reports each iteration's phases as one
// machine-readable line:
//   @obs {"kind":"iteration", "compileNs":..., "instantiateNs":..., "executeNs":..., ...}
// then one {"kind":"process", "peakRssKb":...} line. The module's own stdout goes to a file,
// never to our stdout, so the two can't mix. Options mirror
// Observatory.Collectors.Engines.WorkerArguments, plus
//   --wasi NAME  which WASI the entry offers (js-wasi-driver.mjs: node or shim; gjs: shim)
//   --requests N a burst (serverless) iteration: compile once, then N requests, each a new
//                WASI object and a new WebAssembly.Instance of the one compiled module running
//                _start; the loop is the region, stdout is the last request's.
// Each bench.start/bench.end span is reported in call order as regionsNs (regionNs is their sum).
// Everything host-specific comes from the entry's `driver` object (see runBench).
import { checkRunnable, Unrunnable } from './runnable.mjs';

/** Parses the driver's options; `wasi` lists the --wasi values the entry accepts, the first being the default. */
export function parseArgs(argv, wasi) {
  const o = { iterations: 1, env: {}, dirs: [], args: [], argv0: 'main.wasm', wasi: wasi[0] };
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
      case '--wasi': if (!wasi.includes(v)) throw new Error(`--wasi must be ${wasi.join(' or ')}, not ${v}`); o.wasi = v; break;
      case '--env': { const k = v.indexOf('='); o.env[v.slice(0, k)] = v.slice(k + 1); break; }
      case '--dir': { const k = v.indexOf('::'); o.dirs.push([v.slice(0, k), v.slice(k + 2)]); break; }
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

/** A wasm fault the guest caused: a trap, or the engine's stack overflow (V8/JSC: RangeError; SpiderMonkey: InternalError "too much recursion"). */
function isTrap(e) {
  return e instanceof WebAssembly.RuntimeError || e instanceof RangeError ||
    (e instanceof Error && e.name === 'InternalError' && /recursion/i.test(e.message));
}

/**
 * Runs the iterations of options `o` (from parseArgs). driver: {
 *   fs: the WASI shim host's fs (openSync with numeric flags, closeSync, constants),
 *   monotonicNs(), cpuNs(): bigint clocks (cpuNs: the process's CPU time),
 *   readFile(path) -> bytes, sha256File(path) -> hex, emitLine(text) (one line, newline added),
 *   gc(): collect before an iteration is timed, peakRssKb() -> number or undefined,
 *   compile(bytes) -> module or promise, instantiate(module, imports) -> instance or promise,
 *   makeWasi({args, env, preopens, stdin, stdout, stderr}) -> object with wasiImport and start(instance) }.
 */
export async function runBench(o, driver) {
  const fs = driver.fs, C = fs.constants, now = driver.monotonicNs;
  const emit = (obj) => driver.emitLine('@obs ' + JSON.stringify(obj, (k, v) => typeof v === 'bigint' ? Number(v) : v));
  const cpuNs = () => driver.cpuNs() ?? 0n;
  const openWrite = (p) => fs.openSync(p, C.O_WRONLY | C.O_CREAT | C.O_TRUNC, 0o666);
  const openRead = (p) => fs.openSync(p, C.O_RDONLY);
  const closeAll = (fds) => { for (const fd of fds) { try { fs.closeSync(fd); } catch { /* closed by the module (yosys does) */ } } };
  const bytes = driver.readFile(o.wasm);
  const preopens = Object.fromEntries(o.dirs.map(([host, guest]) => [guest, host]));
  const wasiSpec = (stdin, stdout, stderr) => ({ args: [o.argv0, ...o.args], env: o.env, preopens, stdin, stdout, stderr });

  // A kernel without WASI exports run() instead of _start (and may have no memory).
  const runEntry = (instance, wasi, r) => {
    if (!instance.exports._start && typeof instance.exports.run === 'function') { instance.exports.run(); r.exitCode = 0; }
    else r.exitCode = wasi.start(instance) ?? 0;
  };

  for (let i = 0; i < o.iterations; i++) {
    // Collect the previous iteration's instance and WASI object before timing the next:
    // steadier numbers, and Node 20/22 segfault when a large earlier instance is
    // finalised by a GC that runs during the next iteration (seen with gemm 1024).
    driver.gc();
    const stdoutPath = `${o.scratch}/stdout-${i}.txt`;
    const outFd = openWrite(stdoutPath);
    const errFd = openWrite(`${o.scratch}/stderr-${i}.txt`);
    const inFd = openRead(o.stdin ?? '/dev/null');
    const r = { kind: 'iteration', iteration: i, outcome: 'ok' };
    try {
      const t0 = now();
      const mod = await driver.compile(bytes);
      const t1 = now();
      r.compileNs = t1 - t0;
      if (o.requests) {
        burst(mod, r, stdoutPath);
        r.stdoutPath = stdoutPath;
        r.stdoutSha256 = driver.sha256File(stdoutPath);
        emit(r);
        continue; // the finally below still closes this iteration's fds
      }
      const wasi = driver.makeWasi(wasiSpec(inFd, outFd, errFd));
      let regionStart = 0n, region = 0n, seen = false, cpuStart = 0n, regionCpu = 0n;
      const spans = [];
      const imports = {
        wasi_snapshot_preview1: wasi.wasiImport,
        bench: { start() { cpuStart = cpuNs(); regionStart = now(); },
                 end() { const span = now() - regionStart; region += span; spans.push(span); regionCpu += cpuNs() - cpuStart; seen = true; } },
      };
      checkRunnable(mod, imports);
      const t2 = now();
      const instance = await driver.instantiate(mod, imports);
      const t3 = now();
      r.instantiateNs = t3 - t2;
      // The CPU clock is read outside the timed span (on gjs it reads /proc files).
      const executeCpu0 = cpuNs();
      const t4 = now();
      try {
        runEntry(instance, wasi, r);
      } catch (e) {
        if (isTrap(e)) { r.outcome = 'trap'; r.message = String(e.message); }
        else throw e;
      }
      r.executeNs = now() - t4;
      r.cpuNs = seen ? regionCpu : cpuNs() - executeCpu0;
      if (seen) { r.regionNs = region; r.regionsNs = spans; }
      r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
    } catch (e) {
      r.outcome = (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError || e instanceof Unrunnable) ? 'unsupported' : 'crash';
      r.message = String(e && e.message || e);
    } finally {
      closeAll([outFd, errFd, inFd]);
    }
    r.stdoutPath = stdoutPath;
    r.stdoutSha256 = driver.sha256File(stdoutPath);
    emit(r);
  }

  // One burst iteration: `requests` fresh WASI contexts and instances of the compiled module.
  // The iteration's own stdout fd is left unused; each request writes the stdout file afresh.
  function burst(mod, r, stdoutPath) {
    const n = o.requests;
    const noop = { start() {}, end() {} };
    const cpu0 = cpuNs();
    const t0 = now();
    for (let q = 0; q < n; q++) {
      const out = openWrite(stdoutPath);
      const err = openWrite(`${o.scratch}/stderr-${r.iteration}.txt`);
      const inp = openRead(o.stdin ?? '/dev/null');
      try {
        const wasi = driver.makeWasi(wasiSpec(inp, out, err));
        const imports = { wasi_snapshot_preview1: wasi.wasiImport, bench: noop };
        if (q === 0) checkRunnable(mod, imports);
        const i0 = now();
        const instance = new WebAssembly.Instance(mod, imports);
        if (r.instantiateNs === undefined) r.instantiateNs = now() - i0;
        try {
          runEntry(instance, wasi, r);
        } catch (e) {
          if (isTrap(e)) { r.outcome = 'trap'; r.message = `request ${q + 1} of ${n}: ${e.message}`; }
          else throw e;
        }
        if (q === n - 1 || r.outcome !== 'ok' || r.exitCode !== 0) r.linearMemoryBytes = instance.exports.memory?.buffer.byteLength;
      } finally {
        closeAll([out, err, inp]);
      }
      if (r.outcome !== 'ok') break;
      if (r.exitCode !== 0) { r.message = `request ${q + 1} of ${n} exited with code ${r.exitCode}`; break; }
    }
    const loop = now() - t0;
    r.executeNs = loop;
    r.cpuNs = cpuNs() - cpu0;
    if (r.outcome === 'ok') { r.regionNs = loop; r.regionsNs = [loop]; }
  }

  emit({ kind: 'process', peakRssKb: driver.peakRssKb() });
}
