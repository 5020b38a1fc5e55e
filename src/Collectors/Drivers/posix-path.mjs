// POSIX path helpers in plain JavaScript, with node:path's semantics for the calls the drivers
// make, so that the WASI shim and the spec driver run on hosts without node:path (gjs, a page).

/** Collapses '.', '..' and repeated slashes; keeps a leading '/'; '' becomes '.'. */
export function normalize(p) {
  const absolute = p.startsWith('/');
  const out = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(part);
  }
  const body = out.join('/');
  return absolute ? '/' + body : body || '.';
}

/** Joins the non-empty parts with '/' and normalizes the result. */
export function join(...parts) {
  const kept = parts.filter(p => p !== '');
  return kept.length ? normalize(kept.join('/')) : '.';
}

/**
 * Resolves the parts right to left until one is absolute, like node's path.resolve; when none is,
 * the result is taken relative to '/' (callers that have a working directory pass it first).
 */
export function resolve(...parts) {
  let acc = '';
  for (let i = parts.length - 1; i >= 0 && !acc.startsWith('/'); i--) {
    if (parts[i] === '') continue;
    acc = acc ? parts[i] + '/' + acc : parts[i];
  }
  const n = normalize('/' + acc);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Everything before the last component ('/' for a top-level path, '.' for a bare name). */
export function dirname(p) {
  const trimmed = p.length > 1 ? p.replace(/\/+$/, '') : p;
  const k = trimmed.lastIndexOf('/');
  if (k < 0) return '.';
  if (k === 0) return '/';
  return trimmed.slice(0, k);
}

/** The last component, trailing slashes ignored. */
export function basename(p) {
  const trimmed = p.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
