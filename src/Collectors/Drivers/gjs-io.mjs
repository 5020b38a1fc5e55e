// What the gjs entries (gjs-wasi-driver.mjs, gjs-spec-driver.mjs) need of the process besides
// the WASI shim's host: whole-file reads, unbuffered stdout lines, sha256 and peak RSS.
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

const encoder = new TextEncoder(), decoder = new TextDecoder();

/** A file's bytes; the error names the file. */
export function readFile(p) {
  try { return GLib.file_get_contents(p)[1]; } catch (e) { throw new Error(`cannot read ${p}: ${e.message}`); }
}

// print() goes through C stdio, block-buffered into a pipe: lines written before a crash
// would be lost, and the harness would blame the wrong command or iteration. write(2) each line.
const stdout = new Gio.UnixOutputStream({ fd: 1, close_fd: false });

/** Writes one line (newline added) straight to fd 1. */
export function writeLine(line) {
  stdout.write_all(encoder.encode(line + '\n'), null);
}

/** The sha256 of a file's bytes, as lower-case hex. */
export function sha256File(p) {
  const sum = new GLib.Checksum(GLib.ChecksumType.SHA256);
  sum.update(readFile(p));
  return sum.get_string();
}

/** VmHWM, as peak-rss.mjs reads it for the other JS engines; undefined where there is no /proc. */
export function peakRssKb() {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(decoder.decode(readFile('/proc/self/status')));
    return m ? Number(m[1]) : undefined;
  } catch { return undefined; }
}
