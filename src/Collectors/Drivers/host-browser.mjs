// The WASI shim's host in a browser page: an in-memory file system with the subset of node:fs's
// sync API the shim uses, with node's semantics (errors carry .code; bigint stats), filled from
// what the page is given (the preopens' files, stdin) and read back afterwards (stdout, stderr,
// the preopens' final trees, which the page POSTs to the harness). Clocks from performance.now()
// (cross-origin isolated pages get the browser's finest resolution), randomness from
// crypto.getRandomValues. A page has no CPU clock: cpuNs() is null.
const C = { O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 0o100, O_EXCL: 0o200, O_TRUNC: 0o1000, O_APPEND: 0o2000, O_DIRECTORY: 0o200000 };
const S_IFDIR = 0o040000, S_IFREG = 0o100000, S_IFLNK = 0o120000;
const MAX_LINKS = 40; // more symlinks than this in one lookup is a loop (ELOOP), as on Linux

function fail(code, syscall, p) {
  const e = new Error(`${code}: ${syscall} '${p}'`);
  e.code = code; e.syscall = syscall; e.path = p;
  return e;
}

function parts(p) {
  if (!p.startsWith('/')) throw fail('EINVAL', 'path', p); // the shim resolves paths before it asks
  return p.split('/').filter((s) => s.length > 0 && s !== '.');
}

export class MemoryFs {
  constructor() {
    this.constants = C;
    this.nextIno = 1n;
    this.root = this.#node(true);
    this.fds = new Map();
    this.nextFd = 3;
  }

  #node(dir) {
    const now = BigInt(Date.now()) * 1000000n;
    return dir ? { ino: this.nextIno++, dir: true, children: new Map(), mtimeNs: now }
               : { ino: this.nextIno++, dir: false, data: new Uint8Array(0), size: 0, mtimeNs: now };
  }

  // The node at a path, following '..' lexically and symlinks ({link: target} nodes) on the way,
  // the last one too unless followLast is false.
  #lookup(p, syscall, followLast = true) { return this.#walk(p, syscall, followLast, 0).node; }

  // The node and the names of its real path from the root.
  #walk(p, syscall, followLast, depth) {
    let node = this.root;
    const stack = [], names = [];
    const list = parts(p);
    for (let i = 0; i < list.length; i++) {
      const name = list[i];
      if (!node.dir) throw fail('ENOTDIR', syscall, p);
      if (name === '..') { node = stack.pop() ?? this.root; names.pop(); continue; }
      const next = node.children.get(name);
      if (!next) throw fail('ENOENT', syscall, p);
      if (next.link !== undefined && (i < list.length - 1 || followLast)) {
        if (depth >= MAX_LINKS) throw fail('ELOOP', syscall, p);
        const base = next.link.startsWith('/') ? next.link : '/' + [...names, next.link].join('/');
        return this.#walk([base, ...list.slice(i + 1)].join('/'), syscall, followLast, depth + 1);
      }
      stack.push(node);
      names.push(name);
      node = next;
    }
    return { node, names };
  }

  // The parent directory of a path and the last name in it.
  #parent(p, syscall) {
    const list = parts(p);
    if (list.length === 0) throw fail('EEXIST', syscall, p);
    const name = list.pop();
    if (name === '..') throw fail('EINVAL', syscall, p);
    const dir = this.#lookup('/' + list.join('/'), syscall);
    if (!dir.dir) throw fail('ENOTDIR', syscall, p);
    return [dir, name];
  }

  #fd(fd, syscall) {
    const d = this.fds.get(fd);
    if (!d) throw fail('EBADF', syscall, String(fd));
    return d;
  }

  #stat(node) {
    const t = node.mtimeNs, a = node.atimeNs ?? t;
    const link = node.link !== undefined;
    return {
      dev: 1n, ino: node.ino, mode: BigInt(node.dir ? S_IFDIR | 0o755 : link ? S_IFLNK | 0o777 : S_IFREG | 0o644),
      nlink: node.dir ? 2n : BigInt(node.links ?? 1),
      size: BigInt(node.dir ? 4096 : link ? new TextEncoder().encode(node.link).length : node.size), atimeNs: a, mtimeNs: t, ctimeNs: t,
      atimeMs: t / 1000000n, mtimeMs: t / 1000000n, ctimeMs: t / 1000000n,
      isFile: () => !node.dir && !link, isDirectory: () => node.dir, isSymbolicLink: () => link,
    };
  }

  // Makes room for `end` bytes in a file (doubling, so appends stay linear).
  static #reserve(node, end) {
    if (end <= node.data.length) return;
    const grown = new Uint8Array(Math.max(end, node.data.length * 2, 64));
    grown.set(node.data.subarray(0, node.size));
    node.data = grown;
  }

  openSync(p, flags = 0, _mode) {
    const access = flags & 3;
    let node;
    try { node = this.#lookup(p, 'open'); } catch (e) { if (e.code !== 'ENOENT') throw e; node = null; }
    if (node && (flags & C.O_CREAT) && (flags & C.O_EXCL)) throw fail('EEXIST', 'open', p);
    if (!node) {
      if (!(flags & C.O_CREAT)) throw fail('ENOENT', 'open', p);
      const [dir, name] = this.#parent(p, 'open');
      node = this.#node(false);
      dir.children.set(name, node);
      dir.mtimeNs = node.mtimeNs;
    }
    if (node.dir && access !== C.O_RDONLY) throw fail('EISDIR', 'open', p);
    if (!node.dir && (flags & C.O_DIRECTORY)) throw fail('ENOTDIR', 'open', p);
    if (!node.dir && (flags & C.O_TRUNC) && access !== C.O_RDONLY) { node.size = 0; node.data = new Uint8Array(0); }
    const fd = this.nextFd++;
    this.fds.set(fd, { node, pos: 0, append: (flags & C.O_APPEND) !== 0, read: access !== C.O_WRONLY, write: access !== C.O_RDONLY });
    return fd;
  }

  closeSync(fd) { this.#fd(fd, 'close'); this.fds.delete(fd); }

  readSync(fd, u8, offset = 0, length = u8.length - offset, position = null) {
    const d = this.#fd(fd, 'read');
    if (d.node.dir) throw fail('EISDIR', 'read', String(fd));
    if (!d.read) throw fail('EBADF', 'read', String(fd));
    const at = position === null || position === undefined ? d.pos : Number(position);
    const n = Math.max(0, Math.min(length, d.node.size - at));
    u8.set(d.node.data.subarray(at, at + n), offset);
    if (position === null || position === undefined) d.pos += n;
    return n;
  }

  writeSync(fd, u8, offset = 0, length = u8.length - offset, position = null) {
    const d = this.#fd(fd, 'write');
    if (d.node.dir) throw fail('EISDIR', 'write', String(fd));
    if (!d.write) throw fail('EBADF', 'write', String(fd));
    const node = d.node;
    // O_APPEND: every write lands at the end, whatever the position (as on Linux).
    const at = d.append ? node.size : position === null || position === undefined ? d.pos : Number(position);
    MemoryFs.#reserve(node, at + length);
    if (at > node.size) node.data.fill(0, node.size, at);
    node.data.set(u8.subarray(offset, offset + length), at);
    node.size = Math.max(node.size, at + length);
    node.mtimeNs = BigInt(Date.now()) * 1000000n;
    if (position === null || position === undefined) d.pos = at + length;
    return length;
  }

  ftruncateSync(fd, len = 0) {
    const d = this.#fd(fd, 'ftruncate');
    if (d.node.dir) throw fail('EISDIR', 'ftruncate', String(fd));
    MemoryFs.#reserve(d.node, len);
    if (len > d.node.size) d.node.data.fill(0, d.node.size, len);
    d.node.size = len;
  }

  fstatSync(fd) { return this.#stat(this.#fd(fd, 'fstat').node); }
  statSync(p) { return this.#stat(this.#lookup(p, 'stat')); }
  lstatSync(p) { return this.#stat(this.#lookup(p, 'lstat', false)); }

  realpathSync(p) { return '/' + this.#walk(p, 'realpath', true, 0).names.join('/'); }

  symlinkSync(target, p) {
    const [dir, name] = this.#parent(p, 'symlink');
    if (dir.children.has(name)) throw fail('EEXIST', 'symlink', p);
    dir.children.set(name, { ino: this.nextIno++, dir: false, link: target, mtimeNs: BigInt(Date.now()) * 1000000n });
  }

  readlinkSync(p) {
    const node = this.#lookup(p, 'readlink', false);
    if (node.link === undefined) throw fail('EINVAL', 'readlink', p);
    return node.link;
  }

  readdirSync(p) {
    const node = this.#lookup(p, 'scandir');
    if (!node.dir) throw fail('ENOTDIR', 'scandir', p);
    return [...node.children].map(([name, n]) => ({ name, isDirectory: () => n.dir, isFile: () => !n.dir && n.link === undefined, isSymbolicLink: () => n.link !== undefined }));
  }

  mkdirSync(p, options) {
    if (options && options.recursive) {
      let cur = '';
      for (const name of parts(p)) {
        cur += '/' + name;
        try { this.#lookup(cur, 'mkdir'); } catch (e) { if (e.code !== 'ENOENT') throw e; this.mkdirSync(cur); }
      }
      return;
    }
    const [dir, name] = this.#parent(p, 'mkdir');
    if (dir.children.has(name)) throw fail('EEXIST', 'mkdir', p);
    dir.children.set(name, this.#node(true));
  }

  rmdirSync(p) {
    const [dir, name] = this.#parent(p, 'rmdir');
    const node = dir.children.get(name);
    if (!node) throw fail('ENOENT', 'rmdir', p);
    if (!node.dir) throw fail('ENOTDIR', 'rmdir', p);
    if (node.children.size > 0) throw fail('ENOTEMPTY', 'rmdir', p);
    dir.children.delete(name);
  }

  unlinkSync(p) {
    const [dir, name] = this.#parent(p, 'unlink');
    const node = dir.children.get(name);
    if (!node) throw fail('ENOENT', 'unlink', p);
    if (node.dir) throw fail('EISDIR', 'unlink', p);
    dir.children.delete(name);
    node.links = (node.links ?? 1) - 1;
  }

  // A hard link: the same node under a second name (never a directory, as link(2)).
  linkSync(a, b) {
    const node = this.#lookup(a, 'link');
    if (node.dir) throw fail('EPERM', 'link', a);
    const [dir, name] = this.#parent(b, 'link');
    if (dir.children.has(name)) throw fail('EEXIST', 'link', b);
    dir.children.set(name, node);
    node.links = (node.links ?? 1) + 1;
  }

  // Times in seconds as node:fs takes them, kept in whole nanoseconds.
  utimesSync(p, atime, mtime, follow = true) {
    const node = this.#lookup(p, 'utime', follow);
    const ns = (seconds) => { const whole = Math.floor(seconds); return BigInt(whole) * 1000000000n + BigInt(Math.round((seconds - whole) * 1e9)); };
    node.atimeNs = ns(atime);
    node.mtimeNs = ns(mtime);
  }

  lutimesSync(p, atime, mtime) { this.utimesSync(p, atime, mtime, false); }

  renameSync(a, b) {
    const [from, fromName] = this.#parent(a, 'rename');
    const node = from.children.get(fromName);
    if (!node) throw fail('ENOENT', 'rename', a);
    const [to, toName] = this.#parent(b, 'rename');
    const existing = to.children.get(toName);
    if (existing && existing !== node) {
      if (node.dir && !existing.dir) throw fail('ENOTDIR', 'rename', b);
      if (!node.dir && existing.dir) throw fail('EISDIR', 'rename', b);
      if (existing.dir && existing.children.size > 0) throw fail('ENOTEMPTY', 'rename', b);
    }
    // A directory cannot move into itself.
    if (node.dir && (b + '/').startsWith(a.replace(/\/+$/, '') + '/')) throw fail('EINVAL', 'rename', b);
    from.children.delete(fromName);
    to.children.set(toName, node);
  }

  /** Fills a directory from the server's snapshot: [{path, dir:true} | {path, data: base64}]. */
  load(root, entries) {
    this.mkdirSync(root, { recursive: true });
    for (const e of entries) {
      const full = `${root}/${e.path}`;
      if (e.dir) { this.mkdirSync(full, { recursive: true }); continue; }
      this.writeFile(full, base64ToBytes(e.data));
    }
  }

  /** The tree under a directory in the same form, parents before children. */
  dump(root) {
    const out = [];
    const walk = (node, rel) => {
      for (const [name, n] of [...node.children].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
        const p = rel ? `${rel}/${name}` : name;
        if (n.link !== undefined) continue; // the snapshot form has no symlinks
        if (n.dir) { out.push({ path: p, dir: true }); walk(n, p); }
        else out.push({ path: p, data: bytesToBase64(n.data.subarray(0, n.size)) });
      }
    };
    walk(this.#lookup(root, 'scandir'), '');
    return out;
  }

  writeFile(p, bytes) {
    const fd = this.openSync(p, C.O_WRONLY | C.O_CREAT | C.O_TRUNC);
    this.writeSync(fd, bytes, 0, bytes.length, null);
    this.closeSync(fd);
  }

  /** A file's bytes (a copy). */
  readFile(p) {
    const node = this.#lookup(p, 'open');
    if (node.dir) throw fail('EISDIR', 'read', p);
    return node.data.slice(0, node.size);
  }
}

export function base64ToBytes(s) {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(u8) {
  let s = '';
  for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode.apply(null, u8.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A host object for the shim over one MemoryFs. */
export function browserHost(memfs) {
  const t0 = performance.timeOrigin;
  return {
    fs: memfs,
    cwd: () => '/',
    randomFill: (u8) => {
      // getRandomValues fills at most 65536 bytes per call.
      for (let i = 0; i < u8.length; i += 65536) crypto.getRandomValues(u8.subarray(i, Math.min(u8.length, i + 65536)));
    },
    monotonicNs: () => BigInt(Math.round(performance.now() * 1e6)),
    realtimeNs: () => BigInt(Math.round((t0 + performance.now()) * 1e6)),
    cpuNs: () => null,
  };
}
