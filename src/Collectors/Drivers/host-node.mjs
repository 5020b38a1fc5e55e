// The WASI shim's host on Node, Deno and Bun: node:fs as it is (the shim asks for its sync API
// with node's semantics, symlinkSync and readlinkSync included), node:crypto's random fill,
// process.hrtime and process.cpuUsage.
import fs from 'node:fs';
import crypto from 'node:crypto';
import process from 'node:process';

export const nodeHost = {
  fs,
  cwd: () => process.cwd(),
  randomFill: (u8) => { crypto.randomFillSync(u8); },
  monotonicNs: () => process.hrtime.bigint(),
  realtimeNs: () => BigInt(Date.now()) * 1000000n,
  cpuNs: () => { const u = process.cpuUsage(); return BigInt(u.user + u.system) * 1000n; },
};
