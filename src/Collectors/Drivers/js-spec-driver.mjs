// Runs one spec script on a JavaScript engine's WebAssembly API: Node's and Deno's V8,
// Bun's JavaScriptCore. Only node: built-ins every one of them implements are used
// (Deno needs --allow-read). The work is spec-core.mjs's; this entry reads the files and
// prints one line per command on stdout, "@r {index, kind, values?, message?}".
// Input: a JSON file of commands in wabt's wast2json format plus an "index" per command; the
// modules are .wasm files beside it.
// Usage: node js-spec-driver.mjs COMMANDS.json [--skip i,j,...]
//        deno run --allow-read js-spec-driver.mjs ...   |   bun js-spec-driver.mjs ...
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { runSpec } from './spec-core.mjs';

const file = process.argv[2];
const skipArg = process.argv.indexOf('--skip');
const skip = new Set(skipArg > 0 ? process.argv[skipArg + 1].split(',').filter(Boolean).map(Number) : []);
const script = JSON.parse(fs.readFileSync(file, 'utf8'));
const dir = path.dirname(file);

runSpec(script, (filename) => fs.readFileSync(path.join(dir, filename)),
        (o) => process.stdout.write('@r ' + JSON.stringify(o) + '\n'), skip);
