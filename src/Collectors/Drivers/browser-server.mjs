// The loopback side of a browser engine, run with the system Node INSIDE the browser's sandbox
// (bubblewrap's network namespace has a loopback of its own, so the browser never sees the host
// network and the harness needs no port of its own). It serves the page and what the page needs
// to run one invocation, launches the browser headless as its child in a process group of its
// own, writes what the page POSTs back into the scratch directory, prints the driver protocol's
// @obs lines (or the spec driver's @r lines) on stdout, and kills the browser's whole process
// group when the page is done, when the browser dies, or when it is itself told to stop.
// Usage: node browser-server.mjs JOB.json   (the job is written by BrowserEngine / BrowserSpecEngine)
// Spec sessions print, per spec file the page completes, its '@r {file, index, kind, ...}' lines and then '@f FILE'.
// Every response is cross-origin isolated (COOP same-origin + COEP require-corp) so that
// performance.now() runs at the browser's finest resolution.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import process from 'node:process';

const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const drivers = path.resolve(job.drivers);
const types = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                '.json': 'application/json', '.wasm': 'application/wasm' };
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

let browser = null;
let finished = false;
const browserOutput = [];
const remember = (chunk) => { browserOutput.push(chunk.toString('utf8')); while (browserOutput.length > 200) browserOutput.shift(); };

// The live descendants of a process, from /proc/PID/stat parent links.
function descendants(root) {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone meanwhile */ }
  }
  const found = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const p = frontier.pop();
    for (const [child, of] of parent) if (of === p && !found.includes(child)) { found.push(child); frontier.push(child); }
  }
  return found;
}

const alive = (pid) => {
  try { return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
};

// The browser forks renderers, GPU and utility processes (Chromium's zygote in a group of its
// own): kill its process group and every descendant of ours, then wait until they are gone.
async function stopBrowser() {
  const pids = descendants(process.pid);
  if (browser) { try { process.kill(-browser.pid, 'SIGKILL'); } catch { /* already gone */ } }
  for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
  for (let waited = 0; waited < 5000 && pids.some(alive); waited += 20) await new Promise((r) => setTimeout(r, 20));
}

async function finish(code, message) {
  if (finished) return;
  finished = true;
  if (message) process.stderr.write(message + '\n');
  await stopBrowser();
  // Let stdout drain before leaving: the @obs lines are the result.
  process.stdout.write('', () => process.exit(code));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts)));
    req.on('error', reject);
  });
}

function send(res, status, body, type = 'application/octet-stream') {
  res.writeHead(status, { ...isolation, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// A directory tree as the page's in-memory file system takes it: paths relative to the root,
// directories first, file contents in base64.
function snapshot(root) {
  const entries = [];
  const walk = (rel) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { entries.push({ path: p, dir: true }); walk(p); }
      else if (e.isFile()) entries.push({ path: p, data: fs.readFileSync(path.join(root, p)).toString('base64') });
    }
  };
  if (fs.existsSync(root)) walk('');
  return entries;
}

// Mirrors the page's final tree of a preopen onto its host directory: what the guest wrote,
// created or removed there is visible afterwards, as with every other engine.
function restore(root, entries) {
  const wanted = new Set(entries.map((e) => e.path));
  const present = snapshot(root).map((e) => e.path).reverse(); // children before parents
  for (const p of present) {
    if (wanted.has(p)) continue;
    fs.rmSync(path.join(root, p), { recursive: true, force: true });
  }
  for (const e of entries) {
    const full = path.join(root, e.path);
    if (e.dir) fs.mkdirSync(full, { recursive: true });
    else fs.writeFileSync(full, Buffer.from(e.data, 'base64'));
  }
}

// Only the drivers directory is served as files; everything else is a named route.
function serveDriver(res, name) {
  const full = path.resolve(drivers, name);
  if (!full.startsWith(drivers + '/') || !fs.existsSync(full)) return send(res, 404, `no ${name}`, 'text/plain');
  send(res, 200, fs.readFileSync(full), types[path.extname(full)] ?? 'application/octet-stream');
}

async function route(req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  const p = url.pathname;
  if (req.method === 'GET') {
    if (p.startsWith('/drivers/')) return serveDriver(res, p.slice('/drivers/'.length));
    if (p === '/job') return send(res, 200, JSON.stringify(job.page), 'application/json');
    if (p === '/module') return send(res, 200, fs.readFileSync(job.wasm), 'application/wasm');
    if (p === '/stdin') return send(res, 200, job.stdin ? fs.readFileSync(job.stdin) : Buffer.alloc(0));
    if (p.startsWith('/preopen/')) {
      const dir = job.preopens[Number(p.slice('/preopen/'.length))];
      return dir ? send(res, 200, JSON.stringify(snapshot(dir.host)), 'application/json') : send(res, 404, 'no such preopen', 'text/plain');
    }
    // /spec/FILE/commands and /spec/FILE/module/NAME: a spec file's commands and the modules beside them.
    const spec = /^\/spec\/(\d+)\/(commands|module\/(.+))$/.exec(p);
    if (spec) {
      const commands = job.specFiles[Number(spec[1])];
      if (!commands) return send(res, 404, 'no such spec file', 'text/plain');
      const full = spec[3] ? path.join(path.dirname(commands), path.basename(decodeURIComponent(spec[3]))) : commands;
      return fs.existsSync(full) ? send(res, 200, fs.readFileSync(full), spec[3] ? 'application/wasm' : 'application/json')
        : send(res, 404, `no ${path.basename(full)}`, 'text/plain');
    }
    return send(res, 404, 'not found', 'text/plain');
  }
  if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain');
  const body = await readBody(req);
  if (p.startsWith('/output/')) {
    // /output/ITERATION/stdout|stderr: the guest's bytes, exactly as written.
    const [, , iteration, stream] = p.split('/');
    if (!/^\d+$/.test(iteration) || (stream !== 'stdout' && stream !== 'stderr')) return send(res, 400, 'bad output path', 'text/plain');
    fs.writeFileSync(path.join(job.scratch, `${stream}-${iteration}.txt`), body);
  } else if (p === '/iteration') {
    const r = JSON.parse(body.toString('utf8'));
    r.stdoutPath = path.join(job.scratch, `stdout-${r.iteration}.txt`);
    process.stdout.write('@obs ' + JSON.stringify(r) + '\n');
  } else if (p === '/spec/results') {
    // One spec file's results, then the line that says the file is complete.
    const { file, results } = JSON.parse(body.toString('utf8'));
    for (const r of results) process.stdout.write('@r ' + JSON.stringify({ file, ...r }) + '\n');
    process.stdout.write(`@f ${file}\n`);
  } else if (p.startsWith('/preopen/')) {
    const dir = job.preopens[Number(p.slice('/preopen/'.length))];
    if (dir) restore(dir.host, JSON.parse(body.toString('utf8')));
  } else if (p === '/log') {
    process.stderr.write(`page: ${body.toString('utf8')}\n`);
  } else if (p === '/done') {
    const d = JSON.parse(body.toString('utf8'));
    process.stdout.write('@browser ' + JSON.stringify(d) + '\n');
    send(res, 200, 'ok', 'text/plain');
    return finish(0);
  } else if (p === '/fatal') {
    send(res, 200, 'ok', 'text/plain');
    return finish(3, `the page failed: ${body.toString('utf8')}`);
  } else return send(res, 404, 'not found', 'text/plain');
  send(res, 200, 'ok', 'text/plain');
}

const server = http.createServer((req, res) => {
  route(req, res).catch((e) => {
    try { send(res, 500, String(e && e.message || e), 'text/plain'); } catch { /* response already sent */ }
    finish(3, `browser server: ${e && e.stack || e}`);
  });
});

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => finish(143, `browser server: ${signal}`));
// Last resort (an exception of our own): the browser's group at least.
process.on('exit', () => { if (browser) { try { process.kill(-browser.pid, 'SIGKILL'); } catch { /* gone */ } } });

server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${server.address().port}/drivers/${job.entry}`;
  const args = job.browserArgs.map((a) => a.replaceAll('{url}', url));
  browser = spawn(job.browser, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...job.browserEnv } });
  browser.stdout.on('data', remember);
  browser.stderr.on('data', remember);
  browser.on('error', (e) => finish(4, `cannot start ${job.browser}: ${e.message}`));
  browser.on('exit', (code, signal) => {
    if (finished) return;
    const said = browserOutput.join('').trim().split('\n').slice(-8).join('\n');
    finish(4, `${path.basename(job.browser)} exited (${signal ? `signal ${signal}` : `code ${code}`}) before the page reported${said ? `: ${said}` : ''}`);
  });
});
