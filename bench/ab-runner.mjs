// A runtime CLI for the sensitivity benchmark's A/B check, declared twice in a
// runtimes.toml ([[cli]] "ab-base" and "ab-head"): node's WASI preview1 running a
// module, the head copy then spinning until the process has used FACTOR x more CPU time
// than it had so far, on the same thread. It stands for a head build doing FACTOR more
// work, with the output unchanged (so outputs still verify), which no real pair of
// builds offers on demand. The extra is CPU time, not a wall-clock deadline: a slower
// build does more work, and under other jobs' load a wall-clock spin would stretch and
// shrink with the run queue instead of adding FACTOR to what the process computes.
//
//   node ab-runner.mjs FACTOR [--dir=HOST::GUEST]... MODULE [ARGS...]
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

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
  // process.cpuUsage() counts every thread since the process started (start-up, V8's compile
  // threads): the process's CPU time the CLI engine polls, short of the sandbox's own few ms.
  const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
  const until = cpu() * (1 + factor);
  while (cpu() < until) { /* the head build's extra work */ }
}
process.exitCode = code;
