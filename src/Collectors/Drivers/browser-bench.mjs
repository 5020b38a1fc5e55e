// The benchmark page of a browser engine: the browser's entry of bench-core.mjs (which says what
// an iteration reports: phases, bench.start/end spans, bursts, outcome, linear memory). It fetches
// the job, the module, stdin and the preopens' files from browser-server.mjs (same origin,
// cross-origin isolated), runs bench-core's iterations one at a time on the shared WASI shim over
// an in-memory file system (host-browser.mjs), and after each one POSTs its stdout, stderr and
// record back, so nothing crosses the network while an iteration is timed and a page that hangs
// later still leaves the earlier iterations. The harness hashes stdout itself (a page has only
// the asynchronous crypto.subtle). There is no CPU clock in a page: cpuNs is left out.
import { WasiShim } from './wasi-shim.mjs';
import { MemoryFs, browserHost } from './host-browser.mjs';
import { runBench } from './bench-core.mjs';

const post = (url, body) => fetch(url, { method: 'POST', body });

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
  return Math.round(best * 1e6);
}

const job = await (await fetchOk('/job')).json();
const memfs = new MemoryFs();
const host = browserHost(memfs);
memfs.mkdirSync('/job');
memfs.writeFile('/job/module.wasm', new Uint8Array(await (await fetchOk('/module')).arrayBuffer()));
memfs.writeFile('/job/stdin', new Uint8Array(await (await fetchOk('/stdin')).arrayBuffer()));
memfs.mkdirSync('/scratch');
const dirs = [];
for (let k = 0; k < job.preopens.length; k++) {
  memfs.load(`/preopen/${k}`, await (await fetchOk(`/preopen/${k}`)).json());
  dirs.push([`/preopen/${k}`, job.preopens[k]]);
}

const lines = [];
const driver = {
  fs: memfs,
  monotonicNs: host.monotonicNs,
  cpuNs: () => null,
  readFile: (p) => memfs.readFile(p),
  sha256File: () => undefined,
  emitLine: (line) => lines.push(line),
  gc: () => {},
  peakRssKb: () => undefined,
  compile: (bytes) => WebAssembly.compile(bytes),
  instantiate: (mod, imports) => WebAssembly.instantiate(mod, imports),
  makeWasi: (spec) => new WasiShim({ ...spec, host }),
};

// One bench-core iteration per call (its iteration 0), renumbered; the posts happen between them.
for (let i = 0; i < job.iterations; i++) {
  lines.length = 0;
  await runBench({ wasm: '/job/module.wasm', scratch: '/scratch', stdin: '/job/stdin', argv0: job.argv0, args: job.args,
                   env: job.env, dirs, iterations: 1, requests: job.requests ?? undefined }, driver);
  for (const line of lines) {
    const r = JSON.parse(line.slice('@obs '.length));
    if (r.kind !== 'iteration') continue;
    r.iteration = i;
    delete r.cpuNs; delete r.stdoutPath; delete r.stdoutSha256;
    await post(`/output/${i}/stdout`, memfs.readFile('/scratch/stdout-0.txt'));
    await post(`/output/${i}/stderr`, memfs.readFile('/scratch/stderr-0.txt'));
    await post('/iteration', JSON.stringify(r));
  }
}
for (let k = 0; k < job.preopens.length; k++) await post(`/preopen/${k}`, JSON.stringify(memfs.dump(`/preopen/${k}`)));
await post('/done', JSON.stringify({ timerResolutionNs: timerResolutionNs(), crossOriginIsolated: globalThis.crossOriginIsolated === true }));
