//! handler-rust: a CGI-style HTTP handler (serverless cold-start workload), the Rust
//! implementation of the contract in ../handler-c/handler.c, byte for byte: one
//! HTTP/1.1 request on stdin, the response on stdout; POST /api/orders parses a JSON
//! order and answers with computed totals, GET /health answers "ok". No clocks.

#[path = "../bench.rs"]
mod bench;

use std::io::{Read, Write};

enum Json {
    Null,
    Bool(bool),
    Num(i64),
    Str(Vec<u8>),
    Arr(Vec<Json>),
    Obj(Vec<(Vec<u8>, Json)>),
}

struct Parser<'a> {
    s: &'a [u8],
    p: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while self.p < self.s.len() && matches!(self.s[self.p], b' ' | b'\t' | b'\r' | b'\n') {
            self.p += 1;
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.p).copied()
    }
    fn string(&mut self) -> Option<Vec<u8>> {
        if self.peek() != Some(b'"') {
            return None;
        }
        self.p += 1;
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if c == b'"' {
                break;
            }
            self.p += 1;
            let mut ch = c;
            if c == b'\\' {
                let e = self.peek()?;
                self.p += 1;
                ch = match e {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 8,
                    b'f' => 12,
                    b'u' => {
                        let mut v: u32 = 0;
                        for _ in 0..4 {
                            let h = self.peek()?;
                            self.p += 1;
                            v = v * 16
                                + match h {
                                    b'0'..=b'9' => (h - b'0') as u32,
                                    b'a'..=b'f' => (h - b'a' + 10) as u32,
                                    b'A'..=b'F' => (h - b'A' + 10) as u32,
                                    _ => 0,
                                };
                        }
                        if v < 128 { v as u8 } else { b'?' } // ASCII only; others become '?'
                    }
                    other => other, // \" \\ \/
                };
            }
            out.push(ch);
        }
        self.peek()?;
        self.p += 1;
        Some(out)
    }
    fn value(&mut self) -> Option<Json> {
        self.skip_ws();
        let c = self.peek()?;
        self.depth += 1;
        if self.depth > 64 {
            return None;
        }
        let v = match c {
            b'{' | b'[' => {
                let obj = c == b'{';
                let close = if obj { b'}' } else { b']' };
                self.p += 1;
                self.skip_ws();
                let mut members = Vec::new();
                let mut elems = Vec::new();
                if self.peek() == Some(close) {
                    self.p += 1;
                } else {
                    loop {
                        let mut key = Vec::new();
                        if obj {
                            self.skip_ws();
                            key = self.string()?;
                            self.skip_ws();
                            if self.peek() != Some(b':') {
                                return None;
                            }
                            self.p += 1;
                        }
                        let v = self.value()?;
                        if obj { members.push((key, v)) } else { elems.push(v) }
                        self.skip_ws();
                        match self.peek() {
                            Some(b',') => self.p += 1,
                            Some(x) if x == close => {
                                self.p += 1;
                                break;
                            }
                            _ => return None,
                        }
                    }
                }
                if obj { Json::Obj(members) } else { Json::Arr(elems) }
            }
            b'"' => Json::Str(self.string()?),
            b'-' | b'0'..=b'9' => {
                let neg = c == b'-';
                if neg {
                    self.p += 1;
                }
                if !matches!(self.peek(), Some(b'0'..=b'9')) {
                    return None;
                }
                let mut v: i64 = 0;
                while let Some(d @ b'0'..=b'9') = self.peek() {
                    v = v.wrapping_mul(10).wrapping_add((d - b'0') as i64);
                    self.p += 1;
                }
                Json::Num(if neg { -v } else { v })
            }
            _ if self.s[self.p..].starts_with(b"true") => { self.p += 4; Json::Bool(true) }
            _ if self.s[self.p..].starts_with(b"false") => { self.p += 5; Json::Bool(false) }
            _ if self.s[self.p..].starts_with(b"null") => { self.p += 4; Json::Null }
            _ => return None,
        };
        self.depth -= 1;
        Some(v)
    }
}

fn get<'j>(j: &'j Json, key: &str) -> Option<&'j Json> {
    match j {
        Json::Obj(m) => m.iter().find(|(k, _)| k == key.as_bytes()).map(|(_, v)| v),
        _ => None,
    }
}

fn put_jstr(o: &mut Vec<u8>, s: &[u8]) {
    o.push(b'"');
    for &c in s {
        if c == b'"' || c == b'\\' {
            o.push(b'\\');
            o.push(c);
        } else if c < 0x20 {
            o.extend_from_slice(format!("\\u{:04x}", c).as_bytes());
        } else {
            o.push(c);
        }
    }
    o.push(b'"');
}

fn put_num(o: &mut Vec<u8>, v: i64) {
    o.extend_from_slice(v.to_string().as_bytes());
}

fn order_body(o: &mut Vec<u8>, req: &Json, currency: &[u8]) -> u16 {
    let customer = match get(req, "customer") { Some(Json::Str(s)) => s, _ => return err(o, 422, "customer and items are required") };
    let items = match get(req, "items") { Some(Json::Arr(a)) => a, _ => return err(o, 422, "customer and items are required") };
    let (mut subtotal, mut units, mut lines) = (0i64, 0i64, 0i64);
    let mut skus: Vec<&[u8]> = Vec::new();
    for it in items {
        match (get(it, "qty"), get(it, "price"), get(it, "sku")) {
            (Some(Json::Num(q)), Some(Json::Num(p)), Some(Json::Str(s))) => {
                subtotal += q * p;
                units += q;
                lines += 1;
                skus.push(s);
            }
            _ => return err(o, 422, "bad item"),
        }
    }
    let discount = match get(req, "coupon") { Some(Json::Str(c)) if c == b"SPRING10" => subtotal * 10 / 100, _ => 0 };
    let tax = (subtotal - discount) * 8 / 100;
    o.extend_from_slice(b"{\"customer\":");
    put_jstr(o, customer);
    o.extend_from_slice(b",\"currency\":");
    put_jstr(o, currency);
    for (name, v) in [("lines", lines), ("units", units), ("subtotal", subtotal), ("discount", discount), ("tax", tax), ("total", subtotal - discount + tax)] {
        o.extend_from_slice(b",\"");
        o.extend_from_slice(name.as_bytes());
        o.extend_from_slice(b"\":");
        put_num(o, v);
    }
    o.extend_from_slice(b",\"skus\":[");
    for (i, s) in skus.iter().enumerate() {
        if i > 0 {
            o.push(b',');
        }
        put_jstr(o, s);
    }
    o.extend_from_slice(b"]}\n");
    200
}

fn err(o: &mut Vec<u8>, status: u16, msg: &str) -> u16 {
    o.clear();
    o.extend_from_slice(b"{\"error\":\"");
    o.extend_from_slice(msg.as_bytes());
    o.extend_from_slice(b"\"}\n");
    status
}

fn reason(s: u16) -> &'static str {
    match s {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        422 => "Unprocessable Entity",
        _ => "Error",
    }
}

fn query_param<'q>(q: &'q [u8], key: &str) -> Option<&'q [u8]> {
    q.split(|&c| c == b'&').find_map(|kv| {
        let k = key.as_bytes();
        if kv.len() > k.len() && kv[k.len()] == b'=' && &kv[..k.len()] == k { Some(&kv[k.len() + 1..]) } else { None }
    })
}

fn handle(req: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    let mut ctype = "application/json";
    let mut reqid: &[u8] = b"-";
    // Head / body split: the first "\r\n\r\n" or "\n\n", whichever comes first.
    let (head_end, bstart) = {
        let mut r = (req.len(), req.len());
        for i in 0..req.len().saturating_sub(1) {
            if req[i..].starts_with(b"\r\n\r\n") { r = (i, i + 4); break; }
            if req[i..].starts_with(b"\n\n") { r = (i, i + 2); break; }
        }
        r
    };
    let head = &req[..head_end];
    let mut blen = req.len() - bstart;
    let line_end = head.iter().position(|&c| c == b'\n').unwrap_or(head.len());
    let line = &head[..line_end];
    // (Rust 1.63 has no labelled blocks: an immediately called closure plays that role.)
    let status: u16 = (|| {
        let mut parts = line.splitn(3, |&c| c == b' ');
        let (method, target) = match (parts.next(), parts.next(), parts.next()) {
            (Some(m), Some(t), Some(_)) => (m, t),
            _ => return err(&mut body, 400, "bad request line"),
        };
        let (path, query): (&[u8], &[u8]) = match target.iter().position(|&c| c == b'?') {
            Some(q) => (&target[..q], &target[q + 1..]),
            None => (target, b""),
        };
        let mut nh = 0;
        if line_end < head.len() {
            for raw in head[line_end + 1..].split(|&c| c == b'\n') {
                if nh >= 64 { break; }
                let l = raw.strip_suffix(b"\r").unwrap_or(raw);
                if let Some(colon) = l.iter().position(|&c| c == b':') {
                    nh += 1;
                    let name = &l[..colon];
                    let mut v = &l[colon + 1..];
                    while let [b' ' | b'\t', rest @ ..] = v { v = rest; }
                    while let [rest @ .., b' ' | b'\t'] = v { v = rest; }
                    if name.eq_ignore_ascii_case(b"x-request-id") { reqid = v; }
                    if name.eq_ignore_ascii_case(b"content-length") {
                        let cl = v.iter().fold(0usize, |a, &d| a.wrapping_mul(10).wrapping_add((d as usize).wrapping_sub(b'0' as usize)));
                        if cl < blen { blen = cl; }
                    }
                }
            }
        }
        match path {
            b"/health" if method == b"GET" => { ctype = "text/plain"; body.extend_from_slice(b"ok\n"); 200 }
            b"/api/orders" if method == b"POST" => {
                let mut ps = Parser { s: &req[bstart..bstart + blen], p: 0, depth: 0 };
                let doc = ps.value().filter(|_| { ps.skip_ws(); ps.p == ps.s.len() });
                match doc {
                    None => err(&mut body, 400, "bad json"),
                    Some(doc) => order_body(&mut body, &doc, query_param(query, "currency").unwrap_or(b"USD")),
                }
            }
            b"/health" | b"/api/orders" => err(&mut body, 405, "method not allowed"),
            _ => err(&mut body, 404, "not found"),
        }
    })();
    let etag = body.iter().fold(2166136261u32, |h, &c| (h ^ c as u32).wrapping_mul(16777619));
    let mut out = format!("HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nETag: \"{:08x}\"\r\nX-Request-Id: ", status, reason(status), ctype, body.len(), etag).into_bytes();
    out.extend_from_slice(reqid);
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&body);
    out
}

fn main() {
    let mut req = Vec::new();
    std::io::stdin().read_to_end(&mut req).expect("read stdin");
    bench::start();
    let out = handle(&req);
    bench::end();
    std::io::stdout().write_all(&out).expect("write stdout");
}
