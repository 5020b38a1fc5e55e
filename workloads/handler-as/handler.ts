// handler-as: a CGI-style HTTP handler (serverless cold-start workload), the
// AssemblyScript implementation of the contract in ../handler-c/handler.c, byte for
// byte: one HTTP/1.1 request on stdin, the response on stdout; POST /api/orders
// parses a JSON order and answers with computed totals, GET /health answers "ok".
// Works on bytes throughout (no UTF-16 round trips), so the output matches C exactly.

@external("bench", "start") declare function bench_start(): void;
@external("bench", "end") declare function bench_end(): void;

const J_NULL = 0, J_BOOL = 1, J_NUM = 2, J_STR = 3, J_ARR = 4, J_OBJ = 5;

class Json {
  num: i64 = 0;
  str: Array<u8> = [];
  key: Array<u8> = [];
  children: Array<Json> = [];
  constructor(public type: i32) {}
}

function eq(a: Array<u8>, s: string): bool {
  if (a.length != s.length) return false;
  for (let i = 0; i < a.length; i++) if (<i32>unchecked(a[i]) != s.charCodeAt(i)) return false;
  return true;
}

function get(obj: Json | null, key: string): Json | null {
  if (obj == null || obj.type != J_OBJ) return null;
  const c = obj.children;
  for (let i = 0; i < c.length; i++) if (eq(c[i].key, key)) return c[i];
  return null;
}

class Parser {
  depth: i32 = 0;
  constructor(public s: Uint8Array, public p: i32, public end: i32) {}

  at(i: i32): i32 { return <i32>unchecked(this.s[i]); }

  skipWs(): void {
    while (this.p < this.end) {
      const c = this.at(this.p);
      if (c != 32 && c != 9 && c != 13 && c != 10) break;
      this.p++;
    }
  }

  startsWith(lit: string): bool {
    if (this.end - this.p < lit.length) return false;
    for (let i = 0; i < lit.length; i++) if (this.at(this.p + i) != lit.charCodeAt(i)) return false;
    return true;
  }

  // Returns null on error (the caller reports "bad json").
  string(): Array<u8> | null {
    if (this.p >= this.end || this.at(this.p) != 34) return null;
    this.p++;
    const out = new Array<u8>();
    while (this.p < this.end && this.at(this.p) != 34) {
      let c = this.at(this.p++);
      if (c == 92) {
        if (this.p >= this.end) break;
        const e = this.at(this.p++);
        if (e == 110) c = 10;
        else if (e == 116) c = 9;
        else if (e == 114) c = 13;
        else if (e == 98) c = 8;
        else if (e == 102) c = 12;
        else if (e == 117) {
          let v: u32 = 0;
          for (let i = 0; i < 4; i++) {
            if (this.p >= this.end) return null;
            const h = this.at(this.p++);
            v = v * 16 + <u32>(h >= 48 && h <= 57 ? h - 48 : h >= 97 && h <= 102 ? h - 87 : h >= 65 && h <= 70 ? h - 55 : 0);
          }
          c = v < 128 ? <i32>v : 63; // ASCII only; others become '?'
        } else c = e; // \" \\ \/
      }
      out.push(<u8>c);
    }
    if (this.p >= this.end) return null;
    this.p++;
    return out;
  }

  value(): Json | null {
    this.skipWs();
    if (this.p >= this.end || ++this.depth > 64) return null;
    const c = this.at(this.p);
    let j: Json;
    if (c == 123 || c == 91) {
      const obj = c == 123, close = obj ? 125 : 93;
      j = new Json(obj ? J_OBJ : J_ARR);
      this.p++;
      this.skipWs();
      if (this.p < this.end && this.at(this.p) == close) { this.p++; this.depth--; return j; }
      while (true) {
        let key: Array<u8> = [];
        if (obj) {
          this.skipWs();
          const k = this.string();
          if (k == null) return null;
          key = k;
          this.skipWs();
          if (this.p >= this.end || this.at(this.p) != 58) return null;
          this.p++;
        }
        const v = this.value();
        if (v == null) return null;
        v.key = key;
        j.children.push(v);
        this.skipWs();
        if (this.p < this.end && this.at(this.p) == 44) { this.p++; continue; }
        if (this.p < this.end && this.at(this.p) == close) { this.p++; break; }
        return null;
      }
    } else if (c == 34) {
      const s = this.string();
      if (s == null) return null;
      j = new Json(J_STR);
      j.str = s;
    } else if (c == 45 || (c >= 48 && c <= 57)) {
      const neg = c == 45;
      if (neg) this.p++;
      if (this.p >= this.end || this.at(this.p) < 48 || this.at(this.p) > 57) return null;
      let v: i64 = 0;
      while (this.p < this.end && this.at(this.p) >= 48 && this.at(this.p) <= 57) v = v * 10 + <i64>(this.at(this.p++) - 48);
      j = new Json(J_NUM);
      j.num = neg ? -v : v;
    } else if (this.startsWith("true")) { this.p += 4; j = new Json(J_BOOL); j.num = 1; }
    else if (this.startsWith("false")) { this.p += 5; j = new Json(J_BOOL); }
    else if (this.startsWith("null")) { this.p += 4; j = new Json(J_NULL); }
    else return null;
    this.depth--;
    return j;
  }
}

class Out {
  b: Array<u8> = [];
  str(s: string): void { for (let i = 0; i < s.length; i++) this.b.push(<u8>s.charCodeAt(i)); }
  bytes(a: Uint8Array, from: i32, to: i32): void { for (let i = from; i < to; i++) this.b.push(unchecked(a[i])); }
  num(v: i64): void { this.str(v.toString()); }
  jstr(s: Array<u8>): void {
    this.b.push(34);
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c == 34 || c == 92) { this.b.push(92); this.b.push(c); }
      else if (c < 0x20) this.str("\\u" + (<u32>c).toString(16).padStart(4, "0"));
      else this.b.push(c);
    }
    this.b.push(34);
  }
}

class Result { status: i32 = 400; body: Out = new Out(); }

function fail(r: Result, status: i32, msg: string): void {
  r.status = status;
  r.body = new Out();
  r.body.str("{\"error\":\"" + msg + "\"}\n");
}

function orderBody(r: Result, req: Json, currency: Array<u8>): void {
  const customer = get(req, "customer"), items = get(req, "items"), coupon = get(req, "coupon");
  if (customer == null || customer.type != J_STR || items == null || items.type != J_ARR) {
    fail(r, 422, "customer and items are required"); return;
  }
  let subtotal: i64 = 0, units: i64 = 0, lines: i64 = 0;
  const its = items.children;
  for (let i = 0; i < its.length; i++) {
    const qty = get(its[i], "qty"), price = get(its[i], "price"), sku = get(its[i], "sku");
    if (qty == null || qty.type != J_NUM || price == null || price.type != J_NUM || sku == null || sku.type != J_STR) {
      fail(r, 422, "bad item"); return;
    }
    subtotal += qty.num * price.num; units += qty.num; lines++;
  }
  const discount: i64 = coupon != null && coupon.type == J_STR && eq(coupon.str, "SPRING10") ? subtotal * 10 / 100 : 0;
  const tax = (subtotal - discount) * 8 / 100;
  const o = r.body;
  o.str("{\"customer\":"); o.jstr(customer.str);
  o.str(",\"currency\":"); o.jstr(currency);
  o.str(",\"lines\":"); o.num(lines);
  o.str(",\"units\":"); o.num(units);
  o.str(",\"subtotal\":"); o.num(subtotal);
  o.str(",\"discount\":"); o.num(discount);
  o.str(",\"tax\":"); o.num(tax);
  o.str(",\"total\":"); o.num(subtotal - discount + tax);
  o.str(",\"skus\":[");
  for (let i = 0; i < its.length; i++) { if (i > 0) o.str(","); o.jstr(get(its[i], "sku")!.str); }
  o.str("]}\n");
  r.status = 200;
}

function reason(s: i32): string {
  if (s == 200) return "OK";
  if (s == 400) return "Bad Request";
  if (s == 404) return "Not Found";
  if (s == 405) return "Method Not Allowed";
  if (s == 422) return "Unprocessable Entity";
  return "Error";
}

function ieq(a: Uint8Array, from: i32, to: i32, s: string): bool {
  if (to - from != s.length) return false;
  for (let i = 0; i < s.length; i++) {
    let x = <i32>a[from + i], y = s.charCodeAt(i);
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x != y) return false;
  }
  return true;
}

function indexOf(a: Uint8Array, from: i32, to: i32, c: i32): i32 {
  for (let i = from; i < to; i++) if (<i32>unchecked(a[i]) == c) return i;
  return -1;
}

function regionIs(a: Uint8Array, from: i32, to: i32, s: string): bool {
  if (to - from != s.length) return false;
  for (let i = 0; i < s.length; i++) if (<i32>a[from + i] != s.charCodeAt(i)) return false;
  return true;
}

function queryParam(q: Uint8Array, from: i32, to: i32, key: string): Array<u8> | null {
  const kn = key.length;
  let i = from;
  while (i < to) {
    let e = i; while (e < to && q[e] != 38) e++;
    if (e - i > kn && q[i + kn] == 61 && regionIs(q, i, i + kn, key)) {
      const v = new Array<u8>();
      for (let k = i + kn + 1; k < e; k++) v.push(q[k]);
      return v;
    }
    i = e + 1;
  }
  return null;
}

function handle(req: Uint8Array): Out {
  const n = req.length;
  const r = new Result();
  let ctype = "application/json";
  let reqidFrom = -1, reqidTo = -1;
  let headEnd = n, bstart = n;
  for (let i = 0; i + 1 < n; i++) {
    if (i + 3 < n && req[i] == 13 && req[i + 1] == 10 && req[i + 2] == 13 && req[i + 3] == 10) { headEnd = i; bstart = i + 4; break; }
    if (req[i] == 10 && req[i + 1] == 10) { headEnd = i; bstart = i + 2; break; }
  }
  let blen = n - bstart;
  let lineEnd = indexOf(req, 0, headEnd, 10); if (lineEnd < 0) lineEnd = headEnd;
  const mEnd = indexOf(req, 0, lineEnd, 32);
  const tEnd = mEnd >= 0 ? indexOf(req, mEnd + 1, lineEnd, 32) : -1;
  if (mEnd < 0 || tEnd < 0) {
    fail(r, 400, "bad request line");
  } else {
    const tStart = mEnd + 1;
    const qmark = indexOf(req, tStart, tEnd, 63);
    const pathEnd = qmark >= 0 ? qmark : tEnd;
    const qFrom = qmark >= 0 ? qmark + 1 : tEnd;
    let nh = 0;
    for (let p = lineEnd + 1; p < headEnd && nh < 64;) {
      let e = indexOf(req, p, headEnd, 10); if (e < 0) e = headEnd;
      const le = e > p && req[e - 1] == 13 ? e - 1 : e;
      const colon = indexOf(req, p, le, 58);
      if (colon >= 0) {
        nh++;
        let v = colon + 1; while (v < le && (req[v] == 32 || req[v] == 9)) v++;
        let ve = le; while (ve > v && (req[ve - 1] == 32 || req[ve - 1] == 9)) ve--;
        if (ieq(req, p, colon, "x-request-id")) { reqidFrom = v; reqidTo = ve; }
        if (ieq(req, p, colon, "content-length")) {
          let cl: u32 = 0;
          for (let k = v; k < ve; k++) cl = cl * 10 + <u32>(<i32>req[k] - 48);
          if (cl < <u32>blen) blen = <i32>cl;
        }
      }
      p = e + 1;
    }
    const isGet = regionIs(req, 0, mEnd, "GET"), isPost = regionIs(req, 0, mEnd, "POST");
    if (regionIs(req, tStart, pathEnd, "/health")) {
      if (isGet) { r.status = 200; ctype = "text/plain"; r.body.str("ok\n"); }
      else fail(r, 405, "method not allowed");
    } else if (regionIs(req, tStart, pathEnd, "/api/orders")) {
      if (isPost) {
        const ps = new Parser(req, bstart, bstart + blen);
        let doc = ps.value();
        if (doc != null) { ps.skipWs(); if (ps.p != ps.end) doc = null; }
        if (doc == null) fail(r, 400, "bad json");
        else {
          let cur = queryParam(req, qFrom, tEnd, "currency");
          if (cur == null) { cur = new Array<u8>(); cur.push(85); cur.push(83); cur.push(68); } // "USD"
          orderBody(r, doc, cur);
        }
      } else fail(r, 405, "method not allowed");
    } else fail(r, 404, "not found");
  }
  const body = r.body.b;
  let etag: u32 = 2166136261;
  for (let i = 0; i < body.length; i++) etag = (etag ^ <u32>body[i]) * 16777619;
  const out = new Out();
  out.str("HTTP/1.1 " + r.status.toString() + " " + reason(r.status) + "\r\nContent-Type: " + ctype);
  out.str("\r\nContent-Length: " + body.length.toString() + "\r\nETag: \"" + etag.toString(16).padStart(8, "0") + "\"\r\nX-Request-Id: ");
  if (reqidFrom >= 0) out.bytes(req, reqidFrom, reqidTo); else out.str("-");
  out.str("\r\n\r\n");
  for (let i = 0; i < body.length; i++) out.b.push(body[i]);
  return out;
}

// Read all of stdin.
let buf = new ArrayBuffer(4096), len = 0;
while (true) {
  if (len == buf.byteLength) { const bigger = new ArrayBuffer(len * 2); memory.copy(changetype<usize>(bigger), changetype<usize>(buf), <usize>len); buf = bigger; }
  const got = process.stdin.read(buf, len);
  if (got <= 0) break;
  len += got;
}
const req = Uint8Array.wrap(buf, 0, len);

bench_start();
const out = handle(req);
bench_end();

const res = new ArrayBuffer(out.b.length);
memory.copy(changetype<usize>(res), out.b.dataStart, <usize>out.b.length);
process.stdout.write(res);
