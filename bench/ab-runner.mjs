// A runtime CLI for the sensitivity benchmark's A/B check, declared twice in a
// runtimes.toml ([[cli]] "ab-base" and "ab-head"): node's WASI preview1 running a
// module, the head copy then spinning for FACTOR x the time the process has taken so
// far, on the same thread. It stands for a head build that is FACTOR slower, with the
// output unchanged (so outputs still verify), which no real pair of builds offers
// on demand.
//
//   node ab-runner.mjs FACTOR [--dir=HOST::GUEST]... MODULE [ARGS...]
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";
import { performance } from "node:perf_hooks";

const [factorText, ...rest] = process.argv.slice(2);
const factor = Number(factorText);
if (!(factor >= 0 && factor < 1)) {
  console.error(`ab-runner: FACTOR must be a fraction in [0, 1), got '${factorText}'`);
  process.exit(2);
}
const preopens = {};
while (rest.length && rest[0].startsWith("--dir=")) {
  const [host, guest] = rest.shift().slice("--dir=".length).split("::");
  preopens[guest] = host;
}
const [module, ...args] = rest;
const wasi = new WASI({ version: "preview1", args: [module, ...args], env: {}, preopens, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(module), wasi.getImportObject());
const code = wasi.start(instance);
if (factor > 0) {
  // performance.now() counts from the process's start: the whole time the CLI engine measures.
  const until = performance.now() * (1 + factor);
  while (performance.now() < until) { /* the head build's extra work */ }
}
process.exitCode = code;
