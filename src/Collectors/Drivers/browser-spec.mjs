// The spec page of a browser engine: the browser's counterpart of js-spec-driver.mjs. For each
// spec file of the job (/spec/N/commands, modules at /spec/N/module/NAME) it runs spec-core.mjs
// in a fresh module worker and POSTs the file's results (/spec/results); the server prints them
// as '@r' lines and the file as complete. A command that makes no progress for job.stallMs is a
// hang: the page reports it ({kind: 'hang'}), ends the worker, and runs the file again without
// that command (as the harness restarts a hung JS runtime); after job.maxRestarts hangs in a
// file its remaining commands are reported as not run.
const job = await (await fetch('/job')).json();

async function fetchOk(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return r;
}

// One pass over a file in a worker: resolves with what it reported and whether it finished.
function pass(script, modules, skip) {
  return new Promise((resolve) => {
    const worker = new Worker('browser-spec-worker.mjs', { type: 'module' });
    const results = [];
    let timer = null;
    const end = (finished, error) => { clearTimeout(timer); worker.terminate(); resolve({ results, finished, error }); };
    const arm = () => { clearTimeout(timer); timer = setTimeout(() => end(false, null), job.stallMs); };
    worker.onmessage = (e) => {
      if (e.data.done) return end(true, null);
      results.push(e.data.result);
      arm();
    };
    worker.onerror = (e) => { e.preventDefault(); end(false, e.message || 'worker error'); };
    arm();
    // Copies, not transfers: a later pass needs the bytes again.
    worker.postMessage({ script, modules, skip: [...skip] });
  });
}

async function runFile(n) {
  const script = await (await fetchOk(`/spec/${n}/commands`)).json();
  const modules = {};
  for (const name of new Set([...script.commands.map((c) => c.filename).filter(Boolean), ...(script.spectest ?? []).map((v) => v.file)]))
    modules[name] = await (await fetchOk(`/spec/${n}/module/${encodeURIComponent(name)}`)).arrayBuffer();
  const reported = new Map();
  const skip = new Set();
  for (let attempt = 0; ; attempt++) {
    const { results, finished, error } = await pass(script, modules, skip);
    for (const r of results) if (!reported.has(r.index)) reported.set(r.index, r);
    if (finished) break;
    const culprit = script.commands.find((c) => !reported.has(c.index) && !skip.has(c.index));
    if (!culprit) break;
    reported.set(culprit.index, error
      ? { index: culprit.index, kind: 'error', message: `the spec worker failed: ${error}` }
      : { index: culprit.index, kind: 'hang', message: `no result within ${job.stallMs / 1000} s; the worker was ended` });
    skip.add(culprit.index);
    if (attempt + 1 >= job.maxRestarts) {
      for (const c of script.commands)
        if (!reported.has(c.index)) reported.set(c.index, { index: c.index, kind: 'error', message: `not run: the file hung or failed ${job.maxRestarts} times` });
      break;
    }
  }
  await fetch('/spec/results', { method: 'POST', body: JSON.stringify({ file: n, results: [...reported.values()] }) });
}

for (let n = 0; n < job.files; n++) await runFile(n);
await fetch('/done', { method: 'POST', body: JSON.stringify({ crossOriginIsolated: globalThis.crossOriginIsolated === true }) });
