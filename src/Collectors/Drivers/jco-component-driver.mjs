// Runs a WASI 0.2 command component on V8 through `jco transpile --instantiation async`
// output and @bytecodealliance/preview2-shim, reporting phases like js-wasi-driver.mjs:
//   compile      WebAssembly.compile of every core module of the transpiled component
//   instantiate  the generated instantiate() (core instances, adapters, canonical ABI glue)
//   execute      wasi:cli/run.run()
// The component's stdout/stderr are file streams opened through the shim's own filesystem,
// so they never mix with the @obs lines; wasi:cli/exit is replaced by an exception carrying
// the code (the shim's exit would end this process).
//   node jco-component-driver.mjs --component DIR --shim .../preview2-shim/dist/nodejs/index.js WORKER-OPTIONS -- ARGS
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { peakRssKb } from './peak-rss.mjs';

function parseArgs(argv) {
  const o = { iterations: 1, env: {}, dirs: [], args: [], argv0: 'main.wasm' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { o.args = argv.slice(i + 1); break; }
    const v = argv[++i];
    switch (a) {
      case '--component': o.component = v; break;
      case '--shim': o.shim = v; break;
      case '--wasm': o.wasm = v; break;
      case '--scratch': o.scratch = v; break;
      case '--stdin': o.stdin = v; break;
      case '--argv0': o.argv0 = v; break;
      case '--iterations': o.iterations = Number(v); break;
      case '--env': { const k = v.indexOf('='); o.env[v.slice(0, k)] = v.slice(k + 1); break; }
      case '--dir': { const k = v.indexOf('::'); o.dirs.push([v.slice(0, k), v.slice(k + 2)]); break; }
      default: throw new Error(`unknown option ${a}`);
    }
  }
  return o;
}

class Exit extends Error { constructor(code) { super(`exit(${code})`); this.code = code; } }

const now = () => process.hrtime.bigint();
const emit = (obj) => process.stdout.write('@obs ' + JSON.stringify(obj, (k, v) => typeof v === 'bigint' ? Number(v) : v) + '\n');
const sha256 = (p) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');

const o = parseArgs(process.argv.slice(2));
const shim = await import(pathToFileURL(o.shim).href);
const { instantiate } = await import(pathToFileURL(path.join(o.component, 'component.js')).href);
const coreBytes = Object.fromEntries(fs.readdirSync(o.component).filter(f => f.endsWith('.wasm'))
  .map(f => [f, fs.readFileSync(path.join(o.component, f))]));

// 'wasi:cli/terminal-stdout' -> shim.cli.terminalStdout
const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const exitImpl = {
  exit(status) { throw new Exit(status.tag === 'err' ? 1 : 0); },
  exitWithCode(code) { throw new Exit(code); },
};
const imports = new Proxy({}, {
  get(_, key) {
    const [ns, iface] = String(key).replace(/^wasi:/, '').replace(/@.*$/, '').split('/');
    if (ns === 'cli' && iface === 'exit') return exitImpl;
    return shim[ns]?.[camel(iface)];
  },
});

function openFile(hostPath, write) {
  const dir = shim.filesystem._createPreopenDescriptor(path.dirname(hostPath));
  return dir.openAt({}, path.basename(hostPath), write ? { create: true, truncate: true } : {}, write ? { write: true } : { read: true });
}

for (let i = 0; i < o.iterations; i++) {
  if (globalThis.gc) globalThis.gc();
  const stdoutPath = `${o.scratch}/stdout-${i}.txt`;
  const r = { kind: 'iteration', iteration: i, outcome: 'ok' };
  const out = openFile(stdoutPath, true), err = openFile(`${o.scratch}/stderr-${i}.txt`, true);
  const outStream = out.writeViaStream(0n), errStream = err.writeViaStream(0n);
  const inFile = openFile(o.stdin ?? '/dev/null', false);
  shim.cli._setStdout(outStream);
  shim.cli._setStderr(errStream);
  shim.cli._setStdin(inFile.readViaStream(0n));
  shim.cli._setArgs([o.argv0, ...o.args]);
  shim.cli._setEnv(o.env);
  shim.filesystem._setPreopens(Object.fromEntries(o.dirs.map(([host, guest]) => [guest, host])));
  try {
    const t0 = now();
    const modules = {};
    for (const [name, bytes] of Object.entries(coreBytes)) modules[name] = await WebAssembly.compile(bytes);
    const t1 = now();
    r.compileNs = t1 - t0;
    const instance = await instantiate((name) => modules[name], imports);
    const t2 = now();
    r.instantiateNs = t2 - t1;
    try {
      instance.run.run();
      r.exitCode = 0;
    } catch (e) {
      if (e instanceof Exit) r.exitCode = e.code;
      else if (e && e.constructor && e.constructor.name === 'ComponentError') r.exitCode = 1; // run returned err
      else if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) { r.outcome = 'trap'; r.message = String(e.message); }
      else throw e;
    }
    r.executeNs = now() - t2;
  } catch (e) {
    r.outcome = (e instanceof WebAssembly.CompileError || e instanceof WebAssembly.LinkError) ? 'unsupported' : 'crash';
    r.message = String(e && e.message || e);
  } finally {
    // After a trap the adapter may have closed its streams: flushing them then throws.
    for (const s of [outStream, errStream]) { try { s.blockingFlush?.(); } catch { /* closed */ } }
    for (const x of [outStream, errStream, out, err, inFile]) { try { x[Symbol.dispose]?.(); } catch { /* closed */ } }
  }
  if (r.outcome === 'trap') {
    // The preview1 adapter reports its assertion failures on stderr before trapping.
    const said = fs.readFileSync(`${o.scratch}/stderr-${i}.txt`, 'utf8').trim();
    if (said) r.message = `stderr: ${said.slice(0, 200)} | ${r.message}`;
  }
  r.stdoutPath = stdoutPath;
  r.stdoutSha256 = sha256(stdoutPath);
  emit(r);
}
emit({ kind: 'process', peakRssKb: peakRssKb() });
// The shim's I/O worker thread keeps the event loop alive.
process.exit(0);
