// Runs spec scripts on a JavaScript engine's WebAssembly API: Node's and Deno's V8,
// Bun's JavaScriptCore. Only node: built-ins every one of them implements are used
// (Deno needs --allow-read). The work is spec-core.mjs's; this entry reads the files and
// prints one line per command on stdout, "@r {index, kind, values?, message?}".
// Input: a JSON file of commands in wabt's wast2json format plus an "index" per command; the
// modules are .wasm files beside it.
// Usage: node js-spec-driver.mjs COMMANDS.json [--skip i,j,...]
//        node js-spec-driver.mjs --batch LIST.json
//        deno run --allow-read js-spec-driver.mjs ...   |   bun js-spec-driver.mjs ...
// --batch runs many scripts in this one process (a V8 under qemu-user takes seconds to start):
// LIST is a JSON array of COMMANDS.json paths; "@f K" precedes the results of the K-th. Each
// script gets a fresh spectest instance and registry; between scripts the heap is collected
// (when gc is exposed) so one script's memories are gone before the next allocates its own.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { runSpec } from './spec-core.mjs';

const emit = (o) => process.stdout.write('@r ' + JSON.stringify(o) + '\n');

function runFile(file, skip) {
  const script = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  runSpec(script, (filename) => fs.readFileSync(path.join(dir, filename)), emit, skip);
}

if (process.argv[2] === '--batch') {
  const files = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
  files.forEach((file, k) => {
    if (k > 0 && globalThis.gc) globalThis.gc();
    process.stdout.write(`@f ${k}\n`);
    runFile(file, new Set());
  });
} else {
  const skipArg = process.argv.indexOf('--skip');
  const skip = new Set(skipArg > 0 ? process.argv[skipArg + 1].split(',').filter(Boolean).map(Number) : []);
  runFile(process.argv[2], skip);
}
