// prepare.mjs ROOT: builds the guest file tree for clang-hello in ROOT (created if
// missing): ROOT/usr = @yowasp/clang's resource tarball (gen/llvm-resources.tar: clang's
// builtin headers plus a wasi-libc sysroot), ROOT/hello.c = the input.
// Run the module with ROOT preopened as "/" (the driver uses -resource-dir /usr and
// --sysroot /usr). Needs `npm install @yowasp/clang@22.0.0-git20542-10` in the repo
// (never committed) and a `tar` on PATH.
import { mkdirSync, copyFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = process.argv[2];
if (!root) { console.error('usage: node prepare.mjs ROOT'); process.exit(2); }
const tarball = join(here, '../../node_modules/@yowasp/clang/gen/llvm-resources.tar');
if (!existsSync(tarball)) {
  console.error(`missing ${tarball}: run npm install --ignore-scripts @yowasp/clang@22.0.0-git20542-10`);
  process.exit(3);
}
mkdirSync(join(root, 'usr'), { recursive: true });
execFileSync('tar', ['-xf', tarball, '-C', join(root, 'usr')], { stdio: 'inherit' });
copyFileSync(join(here, 'hello.c'), join(root, 'hello.c'));
