// Runs a WASI preview1 module on a JavaScript engine's WebAssembly (V8 in Node and Deno,
// JavaScriptCore in Bun): the Node/Deno/Bun entry of bench-core.mjs, which says what the
// driver reports and which options it takes. Here --wasi is
//   --wasi node  the engine's own node:wasi (Node; Deno's Node compatibility layer)
//   --wasi shim  ./wasi-shim.mjs, plain JS over node:fs through host-node.mjs (Bun: its
//                node:wasi ignores the stdio fds it is given and its proc_exit ends the whole process)
// The default is shim under Bun, node elsewhere.
// --batch LIST runs many invocations in this one process (a V8 under qemu-user takes seconds to
// start): LIST is a JSON array of option lists as above; "@job K" precedes the K-th one's lines.
import fs from 'node:fs';
import crypto from 'node:crypto';
import process from 'node:process';
import { WasiShim } from './wasi-shim.mjs';
import { nodeHost } from './host-node.mjs';
import { peakRssKb } from './peak-rss.mjs';
import { parseArgs, runBench } from './bench-core.mjs';

async function run(argv) {
  const o = parseArgs(argv, globalThis.Bun ? ['shim', 'node'] : ['node', 'shim']);
  const NodeWASI = o.wasi === 'node' ? (await import('node:wasi')).WASI : null;
  await runBench(o, {
    fs,
    monotonicNs: nodeHost.monotonicNs,
    cpuNs: nodeHost.cpuNs,
    readFile: (p) => fs.readFileSync(p),
    sha256File: (p) => crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'),
    emitLine: (line) => process.stdout.write(line + '\n'),
    gc: () => { if (globalThis.gc) globalThis.gc(); else if (globalThis.Bun) globalThis.Bun.gc(true); },
    peakRssKb,
    compile: (bytes) => WebAssembly.compile(bytes),
    instantiate: (mod, imports) => WebAssembly.instantiate(mod, imports),
    makeWasi: (spec) => NodeWASI
      ? new NodeWASI({ version: 'preview1', ...spec, returnOnExit: true })
      : new WasiShim({ ...spec, host: nodeHost }),
  });
}

const argv = process.argv.slice(2);
if (argv[0] === '--batch') {
  const jobs = JSON.parse(fs.readFileSync(argv[1], 'utf8'));
  for (let k = 0; k < jobs.length; k++) {
    process.stdout.write(`@job ${k}\n`);
    await run(jobs[k]);
  }
} else {
  await run(argv);
}
