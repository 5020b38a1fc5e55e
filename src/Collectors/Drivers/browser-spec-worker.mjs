// Runs one spec script with spec-core.mjs inside a worker of the spec page: the page's main
// thread stays free to notice a command that never returns and to end this worker (which stops
// even a wasm loop). In: {script, modules: {filename: ArrayBuffer}, skip: [index...]}.
// Out: {result} per command as spec-core emits it, then {done: true}.
import { runSpec } from './spec-core.mjs';

onmessage = (e) => {
  const { script, modules, skip } = e.data;
  runSpec(script, (name) => {
    if (!(name in modules)) throw new Error(`module ${name} was not sent`);
    return new Uint8Array(modules[name]);
  }, (result) => postMessage({ result }), new Set(skip));
  postMessage({ done: true });
};
