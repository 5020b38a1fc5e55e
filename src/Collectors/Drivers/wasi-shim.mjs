// A WASI preview1 implementation in plain JavaScript, for JS engines whose own WASI cannot
// serve a benchmark or that have none: Bun's node:wasi ignores the stdout/stderr fds it is
// given (the module's output would mix with the @obs lines), lacks getImportObject, and
// its proc_exit ends the whole Bun process; gjs and browsers have no WASI at all.
// It is host-agnostic: everything outside the Wasm memory goes through the `host` object it
// is given (host-node.mjs, host-gjs.mjs, host-browser.mjs), which offers a subset of node:fs's
// sync API with node's semantics (errors carry .code, stats come as {bigint: true}), a random
// fill and three clocks; it imports nothing from node:* or gi://*:
//   host.fs: openSync(path, flagsNumber, mode?) closeSync readSync(fd, u8, off, len, pos|null)
//     writeSync(fd, u8, off, len, pos|null) fstatSync/statSync/lstatSync(x, {bigint: true}) (dev ino
//     mode nlink size atimeNs mtimeNs ctimeNs, isFile() isDirectory() isSymbolicLink()) realpathSync
//     readdirSync(p, {withFileTypes: true}) mkdirSync rmdirSync unlinkSync renameSync ftruncateSync,
//     optionally symlinkSync(target, path) and readlinkSync(path) (else path_symlink/readlink: ENOSYS),
//     and constants {O_RDONLY O_WRONLY O_RDWR O_CREAT O_EXCL O_TRUNC O_APPEND O_DIRECTORY};
//   host.randomFill(u8); host.monotonicNs(), host.realtimeNs() -> bigint; host.cpuNs() -> bigint
//     or null (no CPU clock: clock_time_get answers ENOSYS); host.cwd() (optional, else '/')
//     against which relative preopen paths resolve.
// This shim writes stdio to the files it is
// given, turns proc_exit into an exception carrying the code, and confines paths to
// their preopened directory: absolute paths, '..' escapes and symlinks that lead out of it
// (checked on the resolved, real path, not just the spelling) get EPERM, as on Wasmtime 50, whose
// answers (recorded in conformance/wasi) every errno here follows.
// Mirrors Observatory.Collectors.Engines.WasmC.WasiPreview1 (the C# shim of the wasm.h engine).
import * as path from './posix-path.mjs';

const E = { SUCCESS: 0, ACCES: 2, BADF: 8, EXIST: 20, FAULT: 21, ILSEQ: 25, INVAL: 28, IO: 29, ISDIR: 31, LOOP: 32, NAMETOOLONG: 37,
            NOENT: 44, NOSYS: 52, NOTDIR: 54, NOTEMPTY: 55, NOTSUP: 58, PERM: 63, SPIPE: 70, XDEV: 75, NOTCAPABLE: 76 };
const FT = { UNKNOWN: 0, CHAR: 2, DIR: 3, FILE: 4, SYMLINK: 7 };
// The rights words Wasmtime 50 reports (fd_fdstat_get), the differential oracle of conformance/wasi.
const RIGHTS = { FILE: 0x3FFFFFFFn, READ_ONLY_FILE: 0x3FFFFFBFn, WRITE_ONLY_FILE: 0x3FFFFFFDn, DIR: 0x3FB7FFBBn,
                 PREOPEN: 0x7B7FE00n, PREOPEN_INHERITING: 0xFF7FFFFn, STDOUT: 0x8000040n, STDIN: 0x8000002n };
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
// Thrown while decoding a call's arguments to answer with a given errno (EILSEQ for a path that is not UTF-8).
class Errno extends Error { constructor(errno) { super(`errno ${errno}`); this.errno = errno; } }
const utf8Length = (s) => encoder.encode(s).length;

const LOOP = Symbol('symlink loop');

export class ProcExit extends Error {
  constructor(code) { super(`proc_exit(${code})`); this.code = code; }
}

export class WasiShim {
  // options: { args, env, preopens: {guest: host}, stdin, stdout, stderr, host }: the stdio are
  // host fds of already-open files; host is described at the top of this file.
  constructor(options) {
    if (!options.host) throw new Error('WasiShim needs a host (host-node.mjs, host-gjs.mjs or host-browser.mjs)');
    this.host = options.host;
    const fs = this.host.fs;
    this.args = options.args ?? [];
    this.env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
    this.fds = new Map();
    this.fds.set(0, { type: FT.CHAR, fd: options.stdin, pos: null });
    this.fds.set(1, { type: FT.FILE, fd: options.stdout, pos: null });
    this.fds.set(2, { type: FT.FILE, fd: options.stderr, pos: null });
    this.roots = [];
    let next = 3;
    for (const [guest, host] of Object.entries(options.preopens ?? {})) {
      const full = path.resolve(this.host.cwd?.() ?? '/', host);
      let real = full;
      try { real = fs.realpathSync(full); } catch { /* a missing preopen fails on first use */ }
      this.roots.push({ full, real });
      this.fds.set(next++, { type: FT.DIR, host: full, preopen: guest });
    }
    this.next = next;
    this.memory = null;
    this.wasiImport = this.#imports();
  }

  // Runs the command's _start, returning its exit code (0 when it returns normally).
  start(instance) {
    this.memory = instance.exports.memory;
    try {
      instance.exports._start();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      throw e;
    }
  }

  #view() { return new DataView(this.memory.buffer); }
  #bytes(ptr, len) { return new Uint8Array(this.memory.buffer, ptr, len); }
  #str(ptr, len) {
    try { return decoder.decode(this.#bytes(ptr, len).slice()); } catch (e) { if (e instanceof TypeError) throw new Errno(E.ILSEQ); throw e; }
  }

  #writeStrings(items, ptrs, buf) {
    const v = this.#view();
    for (const s of items) {
      v.setUint32(ptrs, buf, true); ptrs += 4;
      const b = encoder.encode(s + '\0');
      this.#bytes(buf, b.length).set(b); buf += b.length;
    }
    return E.SUCCESS;
  }
  #writeSizes(items, countPtr, sizePtr) {
    const v = this.#view();
    v.setUint32(countPtr, items.length, true);
    v.setUint32(sizePtr, items.reduce((n, s) => n + utf8Length(s) + 1, 0), true);
    return E.SUCCESS;
  }

  #iovs(iovs, count) {
    const v = this.#view(), list = [];
    for (let i = 0; i < count; i++) list.push(this.#bytes(v.getUint32(iovs + i * 8, true), v.getUint32(iovs + i * 8 + 4, true)));
    return list;
  }

  // A guest path under a directory fd, as a host path that stays inside the fd's preopen:
  // lexically (no absolute path, no '..' above the root) and really (every symlink on the way,
  // and the last component too unless noFollowLast, resolved with realpath, must land inside the
  // preopen's real path). Wasmtime answers an escape with EPERM (the witx says ENOTCAPABLE). noFollowLast is for
  // operations on the name itself (unlink, rename, rmdir, readlink): a symlink pointing out may be removed.
  // Errors as Wasmtime 50 gives them: an empty path is ENOENT, a way out EPERM, a name over 255 bytes
  // ENAMETOOLONG, a file used as a directory (mid-path, or before a trailing slash) ENOTDIR. A trailing
  // slash follows the last link.
  #resolve(dirfd, p, noFollowLast = false) {
    const d = this.fds.get(dirfd);
    if (!d) return [E.BADF];
    if (d.type !== FT.DIR) return [E.NOTDIR];
    if (p === '') return [E.NOENT];
    if (p.startsWith('/') || p.includes('\0')) return [E.PERM];
    if (p.split('/').some(c => utf8Length(c) > 255)) return [E.NAMETOOLONG];
    const dirOnly = p.endsWith('/');
    if (dirOnly) noFollowLast = false;
    const full = path.resolve(d.host, p);
    const root = this.roots.filter(r => d.host === r.full || d.host.startsWith(r.full + '/')).sort((a, b) => b.full.length - a.full.length)[0]
      ?? { full: d.host, real: d.host };
    if (full !== root.full && !full.startsWith(root.full + '/')) return [E.PERM];
    const real = WasiShim.#realpath(this.host.fs, noFollowLast && full !== root.full ? path.dirname(full) : full);
    if (real === LOOP) return [E.LOOP];
    const inside = (x) => x === root.real || x.startsWith(root.real + '/');
    if (real !== null && !inside(real)) return [E.PERM];
    const fs = this.host.fs;
    // A component before the last that is a file (lexically: '..' after a file is not walked here).
    const parts = p.split('/').filter(c => c !== '' && c !== '.');
    for (let i = 1, cur = d.host; i < parts.length; i++) {
      cur = path.join(cur, parts[i - 1]);
      if (parts[i - 1] === '..') continue;
      let st = null;
      try { st = fs.statSync(cur, { bigint: true }); } catch { break; }
      if (!st.isDirectory()) return [E.NOTDIR];
    }
    if (dirOnly) {
      let st = null;
      try { st = fs.statSync(full, { bigint: true }); } catch { st = null; }
      if (st && !st.isDirectory()) return [E.NOTDIR];
    }
    return [E.SUCCESS, full];
  }

  // realpath of the longest existing prefix of a path, with the rest appended (a file about to be
  // created resolves through its parent); null only when nothing of it exists.
  // A dangling symlink on the way is followed by hand (its target need not exist to lead out).
  static #realpath(fs, p, depth = 0) {
    if (depth > 40) return LOOP;
    let rest = '';
    for (let cur = p; ; cur = path.dirname(cur)) {
      try { return path.join(fs.realpathSync(cur), rest); }
      catch (e) {
        if (e.code === 'ELOOP') return LOOP;
        if (cur === path.dirname(cur)) return null;
        let target = null;
        try { if (fs.lstatSync(cur, { bigint: true }).isSymbolicLink() && fs.readlinkSync) target = fs.readlinkSync(cur); } catch { target = null; }
        if (target !== null) return WasiShim.#realpath(fs, path.join(path.resolve(path.dirname(cur), target), rest), depth + 1);
        rest = path.join(path.basename(cur), rest);
      }
    }
  }

  #timesValid(flags) {
    return (flags & 3) === 3 || (flags & 12) === 12 ? E.INVAL : E.SUCCESS;
  }

  // Sets atime/mtime (ns; "now" takes the clock, a time not named stays as it is). Needs the host's
  // utimesSync (lutimesSync for a link itself), which takes seconds: precision below 1 us may be lost.
  #setTimes(hostPath, follow, atim, mtim, flags) {
    const r = this.#timesValid(flags);
    if (r) return r;
    const fs = this.host.fs;
    const set = follow ? fs.utimesSync : fs.lutimesSync;
    if (!set) return E.NOSYS;
    const st = follow ? fs.statSync(hostPath, { bigint: true }) : fs.lstatSync(hostPath, { bigint: true });
    const now = Date.now() / 1000;
    const seconds = (ns) => Number(ns / 1000000000n) + Number(ns % 1000000000n) / 1e9;
    const a = flags & 2 ? now : flags & 1 ? seconds(BigInt.asUintN(64, BigInt(atim))) : seconds(BigInt(st.atimeNs));
    const m = flags & 8 ? now : flags & 4 ? seconds(BigInt.asUintN(64, BigInt(mtim))) : seconds(BigInt(st.mtimeNs));
    set.call(fs, hostPath, a, m);
    return E.SUCCESS;
  }

  // st: a {bigint: true} stat, whose times are whole nanoseconds.
  #filestat(st, ptr) {
    const v = this.#view();
    for (let i = 0; i < 64; i += 8) v.setBigUint64(ptr + i, 0n, true);
    v.setBigUint64(ptr, BigInt(st.dev), true);
    v.setBigUint64(ptr + 8, BigInt(st.ino), true);
    v.setUint8(ptr + 16, st.isDirectory() ? FT.DIR : st.isSymbolicLink() ? FT.SYMLINK : st.isFile() ? FT.FILE : FT.CHAR);
    v.setBigUint64(ptr + 24, BigInt(st.nlink), true);
    v.setBigUint64(ptr + 32, BigInt(st.size), true);
    v.setBigUint64(ptr + 40, BigInt(st.atimeNs), true);
    v.setBigUint64(ptr + 48, BigInt(st.mtimeNs), true);
    v.setBigUint64(ptr + 56, BigInt(st.ctimeNs), true);
    return E.SUCCESS;
  }

  #errno(e) {
    switch (e && e.code) {
      case 'ENOENT': return E.NOENT; case 'EEXIST': return E.EXIST; case 'ENOTDIR': return E.NOTDIR;
      case 'EISDIR': return E.ISDIR; case 'ENOTEMPTY': return E.NOTEMPTY; case 'EACCES': return E.ACCES; case 'EPERM': return E.PERM;
      case 'EBADF': return E.BADF; case 'ESPIPE': return E.SPIPE; case 'ELOOP': return E.LOOP; case 'EINVAL': return E.INVAL;
      case 'ENAMETOOLONG': return E.NAMETOOLONG; case 'EXDEV': return E.XDEV;
      default: return e instanceof Errno ? e.errno : e instanceof RangeError ? E.FAULT : E.IO;
    }
  }

  #imports() {
    const self = this, host = this.host, fs = host.fs;
    const big = { bigint: true };
    const exists = (p) => { try { fs.lstatSync(p, big); return true; } catch { return false; } };
    const guard = (fn) => (...a) => { try { return fn(...a); } catch (e) { if (e instanceof ProcExit) throw e; return self.#errno(e); } };
    const t0 = host.monotonicNs();
    // A clock's reading in ns, or null for an unknown clock (or a CPU clock the host lacks).
    const now = (id) => id === 0 ? host.realtimeNs() : id === 1 ? host.monotonicNs() - t0
      : id === 2 || id === 3 ? (host.cpuNs() ?? null) : null;
    const fns = {
      args_get: (argv, buf) => self.#writeStrings(self.args, argv, buf),
      args_sizes_get: (c, s) => self.#writeSizes(self.args, c, s),
      environ_get: (env, buf) => self.#writeStrings(self.env, env, buf),
      environ_sizes_get: (c, s) => self.#writeSizes(self.env, c, s),
      clock_res_get: (id, ptr) => { if (id > 3) return E.INVAL; self.#view().setBigUint64(ptr, id === 0 ? 1000n : 1n, true); return E.SUCCESS; },
      clock_time_get: (id, _precision, ptr) => {
        if (id > 3) return E.INVAL;
        const ns = now(id);
        if (ns === null) return E.NOSYS;
        self.#view().setBigUint64(ptr, ns, true);
        return E.SUCCESS;
      },
      // Clock subscriptions wait until the earliest deadline (relative, or absolute with the
      // abstime flag) and report every clock then expired; fd subscriptions are ready at once
      // (files and stdio never block here), and then nothing waits. No host offers a sleep that
      // every JS engine has, so the wait spins on the clock. Subscription 48 bytes, event 32.
      poll_oneoff: (subs, events, count, nptr) => {
        if (count === 0) return E.INVAL;
        const v = self.#view(), ready = [], clocks = [];
        for (let i = 0; i < count; i++) {
          const s = subs + i * 48, userdata = v.getBigUint64(s, true), type = v.getUint8(s + 8);
          if (type === 0) {
            const id = v.getUint32(s + 16, true), timeout = v.getBigUint64(s + 24, true), absolute = (v.getUint16(s + 40, true) & 1) !== 0;
            const t = now(id);
            if (t === null) ready.push([userdata, type, E.INVAL]);
            else clocks.push([userdata, id, absolute ? timeout : t + timeout]);
          } else if (type === 1 || type === 2) {
            ready.push([userdata, type, self.fds.has(v.getUint32(s + 16, true)) ? E.SUCCESS : E.BADF]);
          } else return E.INVAL;
        }
        if (ready.length === 0) {
          const left = ([, id, deadline]) => deadline - now(id);
          const first = clocks.reduce((a, b) => (left(b) < left(a) ? b : a));
          while (now(first[1]) < first[2]) { /* spin: see above */ }
          for (const c of clocks) if (now(c[1]) >= c[2]) ready.push([c[0], 0, E.SUCCESS]);
        }
        const w = self.#view();
        ready.forEach(([userdata, type, error], i) => {
          const e = events + i * 32;
          for (let k = 0; k < 32; k += 8) w.setBigUint64(e + k, 0n, true);
          w.setBigUint64(e, userdata, true); w.setUint16(e + 8, error, true); w.setUint8(e + 10, type);
        });
        w.setUint32(nptr, ready.length, true);
        return E.SUCCESS;
      },
      random_get: (buf, len) => { host.randomFill(self.#bytes(buf, len)); return E.SUCCESS; },
      fd_write: (fd, iovs, count, nptr) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.readOnly) return E.BADF;
        let total = 0;
        if (d.append && d.pos !== null) d.pos = Number(fs.fstatSync(d.fd, big).size);
        for (const b of self.#iovs(iovs, count)) {
          let off = 0;
          while (off < b.length) {
            const n = fs.writeSync(d.fd, b, off, b.length - off, d.pos);
            off += n; if (d.pos !== null) d.pos += n;
          }
          total += b.length;
        }
        self.#view().setUint32(nptr, total, true);
        return E.SUCCESS;
      },
      fd_read: (fd, iovs, count, nptr) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.writeOnly) return E.BADF;
        let total = 0;
        for (const b of self.#iovs(iovs, count)) {
          let n;
          try { n = fs.readSync(d.fd, b, 0, b.length, d.pos); }
          catch (e) { if (e.code === 'EAGAIN' || e.code === 'EOF') n = 0; else throw e; }
          total += n; if (d.pos !== null) d.pos += n;
          if (n < b.length) break;
        }
        self.#view().setUint32(nptr, total, true);
        return E.SUCCESS;
      },
      // Positioned reads and writes: at the offset given, leaving the fd's own position alone.
      fd_pread: (fd, iovs, count, offset, nptr) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.writeOnly) return E.BADF;
        if (d.pos === null) return E.SPIPE;
        let total = 0, at = Number(offset);
        for (const b of self.#iovs(iovs, count)) {
          const n = fs.readSync(d.fd, b, 0, b.length, at);
          total += n; at += n;
          if (n < b.length) break;
        }
        self.#view().setUint32(nptr, total, true);
        return E.SUCCESS;
      },
      fd_pwrite: (fd, iovs, count, offset, nptr) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.readOnly) return E.BADF;
        if (d.pos === null) return E.SPIPE;
        // With APPEND a positioned write still lands at the end, as pwrite(2) does on Linux.
        let total = 0, at = d.append ? Number(fs.fstatSync(d.fd, big).size) : Number(offset);
        for (const b of self.#iovs(iovs, count)) {
          for (let off = 0; off < b.length;) { const n = fs.writeSync(d.fd, b, off, b.length - off, at); off += n; at += n; }
          total += b.length;
        }
        self.#view().setUint32(nptr, total, true);
        return E.SUCCESS;
      },
      fd_seek: (fd, offset, whence, ptr) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR) return E.BADF;
        if (d.pos === null) return E.SPIPE;
        const base = whence === 0 ? 0n : whence === 1 ? BigInt(d.pos) : whence === 2 ? BigInt(fs.fstatSync(d.fd, big).size) : null;
        if (base === null) return E.INVAL;
        const p = base + BigInt(offset);
        if (p < 0n) return E.INVAL;
        d.pos = Number(p);
        self.#view().setBigUint64(ptr, p, true);
        return E.SUCCESS;
      },
      fd_tell: (fd, ptr) => fns.fd_seek(fd, 0n, 1, ptr),
      fd_close: (fd) => {
        const d = self.fds.get(fd);
        if (!d) return E.BADF;
        self.fds.delete(fd);
        if (d.fd !== undefined && fd > 2) fs.closeSync(d.fd);
        return E.SUCCESS;
      },
      fd_sync: (fd) => { const d = self.fds.get(fd); return !d || d.type === FT.DIR ? E.BADF : E.SUCCESS; },
      fd_datasync: (fd) => { const d = self.fds.get(fd); return !d || d.type === FT.DIR ? E.BADF : E.SUCCESS; },
      // Answers as Wasmtime 50's: advice is a hint (files only), no preallocation, rights never change.
      fd_advise: (fd, _offset, _len, advice) => { const d = self.fds.get(fd); return !d || !d.host || d.type === FT.DIR ? E.BADF : advice > 5 ? E.INVAL : E.SUCCESS; },
      fd_allocate: (fd) => { const d = self.fds.get(fd); return !d || !d.host || d.type === FT.DIR ? E.BADF : E.NOTSUP; },
      fd_fdstat_set_rights: (fd) => self.fds.has(fd) ? E.NOTSUP : E.BADF,
      fd_renumber: (from, to) => {
        const d = self.fds.get(from), old = self.fds.get(to);
        if (!d || !old) return E.BADF;
        if (from === to) return E.SUCCESS;
        if (old.fd !== undefined && to > 2) fs.closeSync(old.fd);
        self.fds.set(to, d);
        self.fds.delete(from);
        return E.SUCCESS;
      },
      fd_filestat_set_times: (fd, atim, mtim, flags) => {
        const d = self.fds.get(fd);
        if (!d) return E.BADF;
        if (d.host === undefined) return self.#timesValid(flags);
        return self.#setTimes(d.host, true, atim, mtim, flags);
      },
      path_filestat_set_times: (dirfd, lookup, p, plen, atim, mtim, flags) => {
        const [r, hostPath] = self.#resolve(dirfd, self.#str(p, plen), (lookup & 1) === 0);
        if (r) return r;
        (lookup & 1) ? fs.statSync(hostPath, big) : fs.lstatSync(hostPath, big);
        return self.#setTimes(hostPath, (lookup & 1) !== 0, atim, mtim, flags);
      },
      path_link: (fd1, _lookup, p1, l1, fd2, p2, l2) => {
        const [r1, from] = self.#resolve(fd1, self.#str(p1, l1), true);
        if (r1) return r1;
        const [r2, to] = self.#resolve(fd2, self.#str(p2, l2), true);
        if (r2) return r2;
        const st = fs.lstatSync(from, big);
        if (exists(to)) return E.EXIST;
        if (st.isDirectory()) return E.PERM;
        if (!fs.linkSync) return E.NOSYS;
        fs.linkSync(from, to);
        return E.SUCCESS;
      },
      fd_fdstat_get: (fd, ptr) => {
        const d = self.fds.get(fd);
        if (!d) return E.BADF;
        const v = self.#view();
        v.setUint8(ptr, d.type); v.setUint8(ptr + 1, 0);
        v.setUint16(ptr + 2, d.append ? 1 : 0, true); v.setUint32(ptr + 4, 0, true);
        const [base, inheriting] = d.preopen !== undefined ? [RIGHTS.PREOPEN, RIGHTS.PREOPEN_INHERITING]
          : d.type === FT.DIR ? [RIGHTS.DIR, RIGHTS.DIR] : d.host === undefined ? [fd === 0 ? RIGHTS.STDIN : RIGHTS.STDOUT, 0n]
          : d.readOnly ? [RIGHTS.READ_ONLY_FILE, RIGHTS.READ_ONLY_FILE] : d.writeOnly ? [RIGHTS.WRITE_ONLY_FILE, RIGHTS.WRITE_ONLY_FILE]
          : [RIGHTS.FILE, RIGHTS.FILE];
        v.setBigUint64(ptr + 8, base, true); v.setBigUint64(ptr + 16, inheriting, true);
        return E.SUCCESS;
      },
      // APPEND can be switched on a file; stdio and directories keep their flags (EBADF), as on Wasmtime.
      fd_fdstat_set_flags: (fd, flags) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.host === undefined) return E.BADF;
        d.append = (flags & 1) !== 0;
        return E.SUCCESS;
      },
      fd_prestat_get: (fd, ptr) => {
        const d = self.fds.get(fd);
        if (!d || d.preopen === undefined) return E.BADF;
        const v = self.#view();
        v.setUint32(ptr, 0, true); v.setUint32(ptr + 4, utf8Length(d.preopen), true);
        return E.SUCCESS;
      },
      fd_prestat_dir_name: (fd, ptr, len) => {
        const d = self.fds.get(fd);
        if (!d || d.preopen === undefined) return E.BADF;
        const b = encoder.encode(d.preopen);
        if (len < b.length) return E.NAMETOOLONG;
        self.#bytes(ptr, b.length).set(b);
        return E.SUCCESS;
      },
      fd_filestat_get: (fd, ptr) => {
        const d = self.fds.get(fd);
        if (!d) return E.BADF;
        return self.#filestat(d.host !== undefined && d.type === FT.DIR ? fs.statSync(d.host, big) : fs.fstatSync(d.fd, big), ptr);
      },
      fd_filestat_set_size: (fd, size) => {
        const d = self.fds.get(fd);
        if (!d || d.type === FT.DIR || d.host === undefined) return E.BADF;
        if (d.readOnly || size < 0n) return E.INVAL;
        fs.ftruncateSync(d.fd, Number(size));
        return E.SUCCESS;
      },
      fd_readdir: (fd, buf, len, cookie, usedPtr) => {
        const d = self.fds.get(fd);
        if (!d || d.type !== FT.DIR) return E.BADF;
        const entries = [['.', FT.DIR], ['..', FT.DIR], ...fs.readdirSync(d.host, { withFileTypes: true })
          .sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
          .map(e => [e.name, e.isDirectory() ? FT.DIR : e.isSymbolicLink() ? FT.SYMLINK : FT.FILE])];
        let used = 0;
        for (let i = Number(cookie); i < entries.length && used < len; i++) {
          const name = encoder.encode(entries[i][0]);
          const ent = new Uint8Array(24 + name.length);
          const v = new DataView(ent.buffer);
          v.setBigUint64(0, BigInt(i + 1), true); v.setBigUint64(8, BigInt(i + 1), true);
          v.setUint32(16, name.length, true); v.setUint8(20, entries[i][1]);
          ent.set(name, 24);
          const n = Math.min(ent.length, len - used);
          self.#bytes(buf + used, n).set(ent.subarray(0, n));
          used += n;
        }
        self.#view().setUint32(usedPtr, used, true);
        return E.SUCCESS;
      },
      path_open: (dirfd, dirflags, p, plen, oflags, rights, _inheriting, fdflags, fdPtr) => {
        const CREAT = 1, DIRECTORY = 2, EXCL = 4, TRUNC = 8;
        if ((oflags & (CREAT | DIRECTORY)) === (CREAT | DIRECTORY)) return E.INVAL;
        const guestPath = self.#str(p, plen);
        const follow = (dirflags & 1) !== 0 || guestPath.endsWith('/');
        const [r, hostPath] = self.#resolve(dirfd, guestPath, !follow);
        if (r) return r;
        let lst = null;
        try { lst = fs.lstatSync(hostPath, big); } catch { lst = null; }
        if (lst && lst.isSymbolicLink() && !follow) return E.LOOP;  // O_NOFOLLOW on a symlink, as POSIX says
        let st = null;
        try { st = fs.statSync(hostPath, big); } catch (e) { if (e.code === 'ELOOP') return E.LOOP; st = null; }
        const wantsWrite = (BigInt(rights) & (1n << 6n)) !== 0n || (fdflags & 1) !== 0;
        const wantsRead = (BigInt(rights) & (1n << 1n)) !== 0n || !wantsWrite;
        if (st && st.isDirectory()) {
          if ((oflags & (CREAT | EXCL)) === (CREAT | EXCL)) return E.EXIST;
          if (wantsWrite || (oflags & TRUNC)) return E.ISDIR;
          const fd = self.next++;
          self.fds.set(fd, { type: FT.DIR, host: hostPath });
          self.#view().setUint32(fdPtr, fd, true);
          return E.SUCCESS;
        }
        if (oflags & DIRECTORY) return st ? E.NOTDIR : E.NOENT;
        if (!st && !(oflags & CREAT)) return E.NOENT;
        if (!st && guestPath.endsWith('/')) return E.ISDIR;
        if (st && (oflags & (CREAT | EXCL)) === (CREAT | EXCL)) return E.EXIST;
        // Creating or truncating needs a writable host fd even when the guest asked only to read.
        const hostWrite = wantsWrite || (oflags & (CREAT | TRUNC)) !== 0;
        let flags = hostWrite ? (wantsRead ? fs.constants.O_RDWR : fs.constants.O_WRONLY) : fs.constants.O_RDONLY;
        if (oflags & CREAT) flags |= fs.constants.O_CREAT;
        if (oflags & TRUNC) flags |= fs.constants.O_TRUNC;
        const fd = self.next++;
        self.fds.set(fd, { type: FT.FILE, fd: fs.openSync(hostPath, flags), pos: 0, host: hostPath, append: (fdflags & 1) !== 0,
                           readOnly: !wantsWrite, writeOnly: !wantsRead });
        self.#view().setUint32(fdPtr, fd, true);
        return E.SUCCESS;
      },
      path_filestat_get: (dirfd, lookup, p, plen, ptr) => {
        const guestPath = self.#str(p, plen);
        const follow = (lookup & 1) !== 0 || guestPath.endsWith('/');
        const [r, hostPath] = self.#resolve(dirfd, guestPath, !follow);
        return r || self.#filestat(follow ? fs.statSync(hostPath, big) : fs.lstatSync(hostPath, big), ptr);
      },
      path_create_directory: (dirfd, p, plen) => { const [r, hostPath] = self.#resolve(dirfd, self.#str(p, plen)); if (r) return r; fs.mkdirSync(hostPath); return E.SUCCESS; },
      path_remove_directory: (dirfd, p, plen) => {
        const guestPath = self.#str(p, plen);
        const [r, hostPath] = self.#resolve(dirfd, guestPath, true);
        if (r) return r;
        const st = fs.lstatSync(hostPath, big);
        if (!st.isDirectory()) return E.NOTDIR;
        // Wasmtime (cap-std) removes "d/" as "d/." and so answers EINVAL, arguably wrongly; the oracle is followed.
        if (guestPath.endsWith('/')) return E.INVAL;
        fs.rmdirSync(hostPath);
        return E.SUCCESS;
      },
      path_unlink_file: (dirfd, p, plen) => {
        const guestPath = self.#str(p, plen);
        const [r, hostPath] = self.#resolve(dirfd, guestPath, true);
        if (r) return r;
        // "link/" names what the link points at: a directory there is EISDIR, as for a directory itself.
        if ((guestPath.endsWith('/') ? fs.statSync(hostPath, big) : fs.lstatSync(hostPath, big)).isDirectory()) return E.ISDIR;
        fs.unlinkSync(hostPath);
        return E.SUCCESS;
      },
      path_rename: (fd1, p1, l1, fd2, p2, l2) => {
        const [r1, from] = self.#resolve(fd1, self.#str(p1, l1), true);
        if (r1) return r1;
        const toPath = self.#str(p2, l2);
        const [r2, to] = self.#resolve(fd2, toPath, true);
        if (r2) return r2;
        const st = fs.lstatSync(from, big);
        if (toPath.endsWith('/') && !st.isDirectory()) return E.NOTDIR;
        if (from === to) return E.SUCCESS;
        // rename(2)'s answers for a kind mismatch, whatever the host's own rename says.
        let target = null;
        try { target = fs.lstatSync(to, big); } catch { target = null; }
        if (target && st.isDirectory() && !target.isDirectory()) return E.NOTDIR;
        if (target && !st.isDirectory() && target.isDirectory()) return E.ISDIR;
        fs.renameSync(from, to);
        return E.SUCCESS;
      },
      // Symlinks need the optional host.fs.symlinkSync / readlinkSync (ENOSYS without them). A link
      // may point anywhere; following it is what #resolve confines (an escape is EPERM).
      path_symlink: (oldp, oldl, dirfd, newp, newl) => {
        const target = self.#str(oldp, oldl);
        if (target.startsWith('/')) return E.PERM;
        const [r, hostPath] = self.#resolve(dirfd, self.#str(newp, newl), true);
        if (r) return r;
        if (exists(hostPath)) return E.EXIST;
        if (!fs.symlinkSync) return E.NOSYS;
        fs.symlinkSync(target, hostPath);
        return E.SUCCESS;
      },
      path_readlink: (dirfd, p, plen, buf, blen, nptr) => {
        if (!fs.readlinkSync) return E.NOSYS;
        const [r, hostPath] = self.#resolve(dirfd, self.#str(p, plen), true);
        if (r) return r;
        const b = encoder.encode(fs.readlinkSync(hostPath)).subarray(0, blen);
        self.#bytes(buf, b.length).set(b);
        self.#view().setUint32(nptr, b.length, true);
        return E.SUCCESS;
      },
      sched_yield: () => E.SUCCESS,
      proc_exit: (code) => { throw new ProcExit(code); },
    };
    const wrapped = {};
    for (const [name, fn] of Object.entries(fns)) wrapped[name] = name === 'proc_exit' ? fn : guard(fn);
    // Anything else a module imports returns ENOSYS instead of failing to link.
    return new Proxy(wrapped, { get: (t, k) => (k in t ? t[k] : () => E.NOSYS), has: () => true });
  }
}
