// Runs a WASI preview1 module on SpiderMonkey through gjs: the gjs entry of bench-core.mjs
// (which says what the driver reports and which options it takes), with WASI from
// wasi-shim.mjs over host-gjs.mjs. gjs has no WebAssembly promise API ("not supported in this
// runtime": it provides no event-loop dispatch for off-thread compilation), so the module is
// compiled and instantiated with the synchronous constructors.
// Usage: gjs -m gjs-wasi-driver.mjs [WorkerArguments options]
import System from 'system';
import { WasiShim } from './wasi-shim.mjs';
import { gjsHost } from './host-gjs.mjs';
import { readFile, writeLine, sha256File, peakRssKb } from './gjs-io.mjs';
import { parseArgs, runBench } from './bench-core.mjs';

try {
  await runBench(parseArgs(ARGV, ['shim']), {
    fs: gjsHost.fs,
    monotonicNs: gjsHost.monotonicNs,
    cpuNs: gjsHost.cpuNs,
    readFile,
    sha256File,
    emitLine: writeLine,
    // Also picks up threads SpiderMonkey started since (compilation helpers) for the CPU clock.
    gc: () => { System.gc(); gjsHost.refreshThreads(); },
    peakRssKb,
    compile: (bytes) => new WebAssembly.Module(bytes),
    instantiate: (mod, imports) => new WebAssembly.Instance(mod, imports),
    makeWasi: (spec) => new WasiShim({ ...spec, host: gjsHost }),
  });
} catch (e) {
  // An exception escaping a gjs module is logged, yet the process exits 0: say it and fail.
  printerr(`gjs-wasi-driver: ${e && e.message || e}`);
  System.exit(1);
}
