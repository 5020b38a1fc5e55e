// Runs one spec script on SpiderMonkey's WebAssembly API through gjs: the gjs entry of
// spec-core.mjs, which says what is reported. Output: one line per command on stdout,
// "@r {index, kind, values?, message?}".
// Usage: gjs -m gjs-spec-driver.mjs COMMANDS.json [--skip i,j,...]
import System from 'system';
import * as path from './posix-path.mjs';
import { readFile, writeLine } from './gjs-io.mjs';
import { runSpec } from './spec-core.mjs';

try {
  const file = ARGV[0];
  const skipArg = ARGV.indexOf('--skip');
  const skip = new Set(skipArg > 0 ? ARGV[skipArg + 1].split(',').filter(Boolean).map(Number) : []);
  const script = JSON.parse(new TextDecoder().decode(readFile(file)));
  const dir = path.dirname(file);
  runSpec(script, (filename) => readFile(path.join(dir, filename)), (o) => writeLine('@r ' + JSON.stringify(o)), skip);
} catch (e) {
  // An exception escaping a gjs module is logged, yet the process exits 0: say it and fail.
  printerr(`gjs-spec-driver: ${e && e.message || e}`);
  System.exit(1);
}
