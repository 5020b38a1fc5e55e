// A minimal runtime CLI over Node's node:wasi, in the shape runtime CLIs have:
//   node node-wasi-cli.mjs [--dir HOST::GUEST]... [--env NAME=VALUE]... MODULE.wasm [ARGS...]
// The module's stdio is the process's stdio and its exit code the process's. It exists so
// a [[cli]] entry of runtimes.toml can run a real runtime on machines without any wasm CLI
// (the observatory's own tests use it); it is not one of the measured engines.
import { WASI } from 'node:wasi';
import fs from 'node:fs';

const argv = process.argv.slice(2);
const preopens = {}, env = {};
while (argv.length && argv[0].startsWith('--')) {
  const opt = argv.shift(), v = argv.shift();
  if (opt === '--dir') { const k = v.indexOf('::'); preopens[v.slice(k + 2)] = v.slice(0, k); }
  else if (opt === '--env') { const k = v.indexOf('='); env[v.slice(0, k)] = v.slice(k + 1); }
  else { console.error(`node-wasi-cli: unknown option ${opt}`); process.exit(2); }
}
if (argv.length === 0) { console.error('usage: node-wasi-cli.mjs [--dir HOST::GUEST] [--env K=V] MODULE.wasm [ARGS...]'); process.exit(2); }
const [wasm, ...args] = argv;
const wasi = new WASI({ version: 'preview1', args: [wasm, ...args], env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(wasm));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance) ?? 0;
