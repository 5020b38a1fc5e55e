// First paint and first contentful paint of a page from file:// in Debian's Chromium, via the
// Playwright driver the test project already carries (Microsoft.Playwright's bundled package).
// Usage: node bench/first-paint.mjs PAGE.html [RUNS]   prints the median of RUNS (default 5) cold loads.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const driver = path.join(root, 'tests/Observatory.Tests/bin/Release/net10.0/linux-x64/.playwright/package');
if (!existsSync(driver)) { console.error(`first-paint: build the tests first (no Playwright driver at ${driver})`); process.exit(2); }
const { chromium } = createRequire(import.meta.url)(driver);
const page = process.argv[2];
if (!page || !existsSync(page)) { console.error(`first-paint: page ${page ?? '(none)'} does not exist`); process.exit(2); }
const runs = Number(process.argv[3] ?? 5);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const fp = [], fcp = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: 'load' });
  // Paint entries are queued after the frame is presented, which may be after load.
  await p.waitForFunction(() => performance.getEntriesByType('paint').length >= 2, null, { timeout: 30000 });
  const paints = await p.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime])));
  fp.push(paints['first-paint']);
  fcp.push(paints['first-contentful-paint']);
  await context.close();
}
await browser.close();
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`first paint of ${path.basename(page)}: median ${median(fp).toFixed(0)} ms (first contentful ${median(fcp).toFixed(0)} ms) over ${runs} loads; all: ${fp.map(x => x.toFixed(0)).join(', ')} ms`);
