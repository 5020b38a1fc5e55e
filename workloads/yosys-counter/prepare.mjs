// prepare.mjs ROOT: builds the guest file tree for yosys-counter in ROOT (created if
// missing): ROOT/share = the Yosys data files that @yowasp/yosys ships inside its JS
// bundle (gen/resources-yosys.js, `filesystem.share`), ROOT/counter.v = the design. Run the module with ROOT preopened as "/" (yosys looks for /share).
// Needs `npm install @yowasp/yosys@0.55.944` in the repo (never committed).
import { mkdirSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2];
if (!root) { console.error('usage: node prepare.mjs ROOT'); process.exit(2); }
const resources = join(here, '../../node_modules/@yowasp/yosys/gen/resources-yosys.js');
if (!existsSync(resources)) {
  console.error(`missing ${resources}: run npm install --ignore-scripts @yowasp/yosys@0.55.944`);
  process.exit(3);
}
const { filesystem } = await import(pathToFileURL(resources).href);

function materialize(dir, tree) {
  mkdirSync(dir, { recursive: true });
  for (const [name, entry] of Object.entries(tree)) {
    const path = join(dir, name);
    if (typeof entry === 'string') writeFileSync(path, entry);
    else if (entry instanceof URL) copyFileSync(fileURLToPath(entry), path);
    else if (entry instanceof Uint8Array) writeFileSync(path, entry);
    else materialize(path, entry);
  }
}
materialize(join(root, 'share'), filesystem.share);
copyFileSync(join(here, 'counter.v'), join(root, 'counter.v'));
