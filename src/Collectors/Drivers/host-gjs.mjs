// The WASI shim's host on gjs (SpiderMonkey with GLib/Gio), which has no file descriptors,
// no node:fs and no `performance` clock. Files are Gio streams kept in a table of small
// integer handles that the shim uses as its fds; GLib errors become node-style errors whose
// .code the shim maps to WASI errno. Clocks: GLib's monotonic and real-time clocks
// (microseconds, so the ns values are multiples of 1000); CPU time from the kernel's
// per-thread schedstat (nanoseconds), summed over the process's threads.
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import * as path from './posix-path.mjs';

// Linux's open(2) flag values, as node's fs.constants has them.
const constants = { O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 0o100, O_EXCL: 0o200, O_TRUNC: 0o1000,
                    O_APPEND: 0o2000, O_DIRECTORY: 0o200000 };
const decoder = new TextDecoder();
const NOFOLLOW = Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS;
const STAT_ATTRIBUTES = 'standard::type,standard::size,standard::is-symlink,unix::device,unix::inode,unix::mode,unix::nlink,time::*';

// Gio's and GLib's error codes, by the errno name node would give.
const IO = Gio.IOErrorEnum;
const IO_CODES = new Map([
  [IO.NOT_FOUND, 'ENOENT'], [IO.EXISTS, 'EEXIST'], [IO.IS_DIRECTORY, 'EISDIR'], [IO.NOT_DIRECTORY, 'ENOTDIR'],
  [IO.NOT_EMPTY, 'ENOTEMPTY'], [IO.WOULD_MERGE, 'ENOTEMPTY'], [IO.PERMISSION_DENIED, 'EACCES'], [IO.TOO_MANY_LINKS, 'ELOOP'],
  [IO.INVALID_FILENAME, 'EINVAL'], [IO.INVALID_ARGUMENT, 'EINVAL'], [IO.FILENAME_TOO_LONG, 'ENAMETOOLONG'],
  [IO.NO_SPACE, 'ENOSPC'], [IO.READ_ONLY, 'EROFS'], [IO.CLOSED, 'EBADF'], [IO.BUSY, 'EBUSY'], [IO.NOT_SUPPORTED, 'ENOTSUP'],
]);
const FILE_CODES = new Map(['NOENT', 'EXIST', 'ISDIR', 'NOTDIR', 'ACCES', 'PERM', 'LOOP', 'NAMETOOLONG', 'NOSPC', 'ROFS', 'BADF', 'INVAL']
  .map(n => [GLib.FileError[n], 'E' + n]));

/** A node-style error: message with the code, and .code for the shim's errno mapping. */
function fail(code, what) {
  const e = new Error(`${code}: ${what}`);
  e.code = code;
  return e;
}

/** Runs a GLib call, turning a GLib.Error into a node-style error naming the path. */
function call(what, fn) {
  try { return fn(); } catch (e) {
    if (!(e instanceof GLib.Error)) throw e;
    const code = e.domain === Gio.io_error_quark() ? IO_CODES.get(e.code)
      : e.domain === GLib.file_error_quark() ? FILE_CODES.get(e.code) : undefined;
    throw fail(code ?? 'EIO', `${what}: ${e.message}`);
  }
}

function ns(info, name) {
  const nsec = info.get_attribute_uint32(`time::${name}-nsec`);
  const usec = info.get_attribute_uint32(`time::${name}-usec`);
  return BigInt(info.get_attribute_uint64(`time::${name}`)) * 1000000000n + BigInt(nsec || usec * 1000);
}

/** A GFileInfo as node's {bigint: true} Stats (the fields the shim reads). */
function toStats(info) {
  const type = info.get_file_type();
  return {
    dev: BigInt(info.get_attribute_uint32('unix::device')),
    ino: BigInt(info.get_attribute_uint64('unix::inode')),
    mode: BigInt(info.get_attribute_uint32('unix::mode')),
    nlink: BigInt(info.get_attribute_uint32('unix::nlink')),
    size: BigInt(info.get_size()),
    atimeNs: ns(info, 'access'), mtimeNs: ns(info, 'modified'), ctimeNs: ns(info, 'changed'),
    isFile: () => type === Gio.FileType.REGULAR,
    isDirectory: () => type === Gio.FileType.DIRECTORY,
    isSymbolicLink: () => type === Gio.FileType.SYMBOLIC_LINK,
  };
}

function query(p, follow) {
  const info = call(p, () => Gio.File.new_for_path(p).query_info(STAT_ATTRIBUTES, follow ? Gio.FileQueryInfoFlags.NONE : NOFOLLOW, null));
  // Gio describes a dangling symlink instead of failing; stat(2) says ENOENT.
  if (follow && info.get_file_type() === Gio.FileType.SYMBOLIC_LINK) throw fail('ENOENT', `${p}: dangling symlink`);
  return info;
}

// Open files: handle -> { path, stream (GFileIOStream or GFileInputStream), input, output, append }.
const handles = new Map();
let nextHandle = 3;

function handle(fd) {
  const h = handles.get(fd);
  if (!h) throw fail('EBADF', `no open file ${fd}`);
  return h;
}

function openSync(p, flags, _mode) {
  const file = Gio.File.new_for_path(p);
  const access = flags & 3;
  let stream;
  if (flags & constants.O_DIRECTORY) {
    if (query(p, true).get_file_type() !== Gio.FileType.DIRECTORY) throw fail('ENOTDIR', p);
    stream = null;
  } else if (access === constants.O_RDONLY && !(flags & constants.O_CREAT)) {
    stream = call(p, () => file.read(null));
  } else if ((flags & constants.O_CREAT) && (flags & constants.O_EXCL)) {
    stream = call(p, () => file.create_readwrite(Gio.FileCreateFlags.NONE, null));
  } else {
    // Not file.replace(): on an existing file Gio writes a temporary file and renames it over
    // the original on close, which is no open(2). Open in place, create when missing, truncate.
    try { stream = call(p, () => file.open_readwrite(null)); } catch (e) {
      if (e.code !== 'ENOENT' || !(flags & constants.O_CREAT)) throw e;
      stream = call(p, () => file.create_readwrite(Gio.FileCreateFlags.NONE, null));
    }
    if (flags & constants.O_TRUNC) call(p, () => stream.truncate(0, null));
  }
  const fd = nextHandle++;
  const io = stream instanceof Gio.IOStream;
  handles.set(fd, { path: p, stream, input: io ? stream.get_input_stream() : stream, output: io ? stream.get_output_stream() : null,
                    append: (flags & constants.O_APPEND) !== 0 });
  return fd;
}

function closeSync(fd) {
  const h = handle(fd);
  handles.delete(fd);
  if (h.stream) call(h.path, () => h.stream.close(null));
}

function readSync(fd, u8, offset, length, position) {
  const h = handle(fd);
  if (!h.input) throw fail('EISDIR', h.path);
  if (position !== null && position !== undefined) call(h.path, () => h.stream.seek(Number(position), GLib.SeekType.SET, null));
  const bytes = call(h.path, () => h.input.read_bytes(length, null)).toArray();
  u8.set(bytes, offset);
  return bytes.length;
}

function writeSync(fd, u8, offset, length, position) {
  const h = handle(fd);
  if (!h.output) throw fail('EBADF', `${h.path} is not open for writing`);
  if (position !== null && position !== undefined) call(h.path, () => h.stream.seek(Number(position), GLib.SeekType.SET, null));
  else if (h.append) call(h.path, () => h.stream.seek(0, GLib.SeekType.END, null));
  return call(h.path, () => h.output.write(u8.subarray(offset, offset + length), null));
}

function fstatSync(fd) {
  const h = handle(fd);
  if (!h.stream) return toStats(query(h.path, true));
  return toStats(call(h.path, () => h.stream.query_info(STAT_ATTRIBUTES, null)));
}

function ftruncateSync(fd, len) {
  const h = handle(fd);
  if (!h.output) throw fail('EINVAL', `${h.path} is not open for writing`);
  call(h.path, () => h.stream.truncate(Number(len), null));
}

/** realpath(3): every symlink on the way resolved, component by component. */
function realpathSync(p) {
  const parts = path.resolve(GLib.get_current_dir(), p).split('/').filter(Boolean);
  let out = '/', links = 0;
  while (parts.length) {
    const name = parts.shift();
    if (name === '.') continue;
    if (name === '..') { out = path.dirname(out); continue; }
    const next = path.join(out, name);
    const info = call(next, () => Gio.File.new_for_path(next).query_info('standard::type,standard::symlink-target', NOFOLLOW, null));
    const type = info.get_file_type();
    if (type === Gio.FileType.SYMBOLIC_LINK) {
      if (++links > 40) throw fail('ELOOP', p);
      const target = info.get_symlink_target();
      parts.unshift(...target.split('/').filter(Boolean));
      if (target.startsWith('/')) out = '/';
      continue;
    }
    if (parts.length && type !== Gio.FileType.DIRECTORY) throw fail('ENOTDIR', next);
    out = next;
  }
  return out;
}

function readdirSync(p, options) {
  const e = call(p, () => Gio.File.new_for_path(p).enumerate_children('standard::name,standard::type', NOFOLLOW, null));
  const list = [];
  try {
    for (let info; (info = call(p, () => e.next_file(null))) !== null;) {
      const name = info.get_name(), type = info.get_file_type();
      list.push(options?.withFileTypes ? {
        name,
        isFile: () => type === Gio.FileType.REGULAR,
        isDirectory: () => type === Gio.FileType.DIRECTORY,
        isSymbolicLink: () => type === Gio.FileType.SYMBOLIC_LINK,
      } : name);
    }
  } finally { e.close(null); }
  return list;
}

function rmdirSync(p) {
  if (!toStats(query(p, false)).isDirectory()) throw fail('ENOTDIR', p);
  call(p, () => Gio.File.new_for_path(p).delete(null));
}

function unlinkSync(p) {
  if (toStats(query(p, false)).isDirectory()) throw fail('EISDIR', p);
  call(p, () => Gio.File.new_for_path(p).delete(null));
}

function renameSync(from, to) {
  const source = Gio.File.new_for_path(from), target = Gio.File.new_for_path(to);
  const flags = Gio.FileCopyFlags.OVERWRITE | Gio.FileCopyFlags.NOFOLLOW_SYMLINKS | Gio.FileCopyFlags.NO_FALLBACK_FOR_MOVE;
  try { call(from, () => source.move(target, flags, null, null)); } catch (e) {
    // rename(2) replaces an empty directory with a directory; Gio calls that a merge.
    if (e.code !== 'ENOTEMPTY' || readdirSync(to).length) throw e;
    rmdirSync(to);
    call(from, () => source.move(target, flags, null, null));
  }
}

function setTimes(p, atime, mtime, flags) {
  const file = Gio.File.new_for_path(p);
  for (const [name, seconds] of [['access', atime], ['modified', mtime]]) {
    const whole = Math.floor(seconds);
    const nsec = Math.round((seconds - whole) * 1e9);
    call(p, () => file.set_attribute_uint64(`time::${name}`, whole, flags, null));
    try { call(p, () => file.set_attribute_uint32(`time::${name}-nsec`, nsec, flags, null)); }
    catch { call(p, () => file.set_attribute_uint32(`time::${name}-usec`, Math.floor(nsec / 1000), flags, null)); }
  }
}

// CPU time: the sum of the threads' schedstat run times. Listing /proc/self/task costs about
// a millisecond through Gio, so the thread list is refreshed by refreshThreads() (the driver
// calls it outside timed spans) and each thread's last value is kept, so the sum never goes
// backwards when a thread ends.
const threadCpu = new Map();
function refreshThreads() {
  const e = call('/proc/self/task', () => Gio.File.new_for_path('/proc/self/task').enumerate_children('standard::name', NOFOLLOW, null));
  try { for (let info; (info = e.next_file(null)) !== null;) if (!threadCpu.has(info.get_name())) threadCpu.set(info.get_name(), 0n); }
  finally { e.close(null); }
}
function cpuNs() {
  if (threadCpu.size === 0) {
    try { refreshThreads(); } catch { return null; }
  }
  let total = 0n;
  for (const [tid, last] of threadCpu) {
    let v = last;
    try { v = BigInt(decoder.decode(GLib.file_get_contents(`/proc/self/task/${tid}/schedstat`)[1]).split(' ')[0]); } catch { /* ended */ }
    threadCpu.set(tid, v);
    total += v;
  }
  return total;
}

let urandom = null;
function randomFill(u8) {
  urandom ??= call('/dev/urandom', () => Gio.File.new_for_path('/dev/urandom').read(null));
  for (let off = 0; off < u8.length;) {
    const chunk = call('/dev/urandom', () => urandom.read_bytes(Math.min(u8.length - off, 65536), null)).toArray();
    u8.set(chunk, off);
    off += chunk.length;
  }
}

export const gjsHost = {
  fs: {
    constants, openSync, closeSync, readSync, writeSync, fstatSync, ftruncateSync, realpathSync, readdirSync,
    statSync: (p) => toStats(query(p, true)),
    lstatSync: (p) => toStats(query(p, false)),
    mkdirSync: (p) => call(p, () => Gio.File.new_for_path(p).make_directory(null)),
    rmdirSync, unlinkSync, renameSync,
    symlinkSync: (target, p) => call(p, () => Gio.File.new_for_path(p).make_symbolic_link(target, null)),
    // Times in seconds as node takes them; Gio sets whole seconds plus nanoseconds (GLib >= 2.74) or microseconds.
    utimesSync: (p, atime, mtime) => setTimes(p, atime, mtime, Gio.FileQueryInfoFlags.NONE),
    lutimesSync: (p, atime, mtime) => setTimes(p, atime, mtime, NOFOLLOW),
    readlinkSync: (p) => {
      const info = call(p, () => Gio.File.new_for_path(p).query_info('standard::type,standard::symlink-target', NOFOLLOW, null));
      if (info.get_file_type() !== Gio.FileType.SYMBOLIC_LINK) throw fail('EINVAL', `${p} is not a symlink`);
      return info.get_symlink_target();
    },
  },
  cwd: () => GLib.get_current_dir(),
  randomFill,
  monotonicNs: () => BigInt(GLib.get_monotonic_time()) * 1000n,
  realtimeNs: () => BigInt(GLib.get_real_time()) * 1000n,
  cpuNs,
  refreshThreads,
};
