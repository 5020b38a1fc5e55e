// The driver process's peak resident set, for the 'process' line of the driver protocol.
import fs from 'node:fs';

// VmHWM, not getrusage's maxRSS: maxRSS survives exec, so a runtime started straight from the
// observatory's fork reported the observatory's own RSS (Node 20: 126 MB instead of 46 MB).
export function peakRssKb() {
  try {
    const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch { /* not Linux */ }
  return process.resourceUsage().maxRSS;
}
