/* handler-c: a CGI-style HTTP handler (serverless cold-start workload).
 * Reads one HTTP/1.1 request from stdin, routes it, and writes an HTTP/1.1 response
 * to stdout. POST /api/orders parses a JSON order (a small generic JSON parser into
 * an arena) and answers with computed totals; GET /health answers "ok". No clocks,
 * no randomness: the response is a pure function of the request.
 * handler-rust and handler-as implement the same contract byte for byte.
 *
 * Start-up work, as a real function would have: init() builds the coupon table (a
 * hash table of 2048 generated promotion codes plus SPRING10; generated codes are
 * "GEN-xxxxxxxx" and give 0%, so responses equal the other handlers'). In wasm,
 * init() is also exported as `wizer-initialize` (Wizer 11's default name), so Wizer can snapshot it:
 *   wizer --allow-wasi -o handler.wizer.wasm handler.wasm
 * main() skips init() when the snapshot already holds the table. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

/* ---- a tiny JSON DOM ---------------------------------------------------- */
typedef enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ } JType;
typedef struct Json {
    JType type;
    long long num;            /* J_NUM (integers only), J_BOOL */
    char *str;                /* J_STR value, or the member key when inside an object */
    char *key;
    struct Json *child, *next; /* J_ARR / J_OBJ children */
} Json;

typedef struct { const char *p, *end; int depth; } Parser;

static Json *jnew(JType t) { Json *j = calloc(1, sizeof(Json)); j->type = t; return j; }
static void jfree(Json *j) { while (j) { Json *n = j->next; jfree(j->child); free(j->str); free(j->key); free(j); j = n; } }
static void skip_ws(Parser *ps) { while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\r' || *ps->p == '\n')) ps->p++; }

static char *parse_string(Parser *ps) {
    if (ps->p >= ps->end || *ps->p != '"') return NULL;
    ps->p++;
    size_t cap = 16, n = 0; char *s = malloc(cap);
    while (ps->p < ps->end && *ps->p != '"') {
        char c = *ps->p++;
        if (c == '\\') {
            if (ps->p >= ps->end) break;
            char e = *ps->p++;
            switch (e) {
            case 'n': c = '\n'; break; case 't': c = '\t'; break; case 'r': c = '\r'; break;
            case 'b': c = '\b'; break; case 'f': c = '\f'; break;
            case 'u': {
                unsigned v = 0;
                for (int i = 0; i < 4; i++) {
                    if (ps->p >= ps->end) { free(s); return NULL; }
                    char h = *ps->p++;
                    v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
                }
                c = v < 128 ? (char)v : '?'; /* ASCII only; others become '?' */
                break;
            }
            default: c = e; /* \" \\ \/ */
            }
        }
        if (n + 2 > cap) { cap *= 2; s = realloc(s, cap); }
        s[n++] = c;
    }
    if (ps->p >= ps->end) { free(s); return NULL; }
    ps->p++;
    s[n] = 0;
    return s;
}

static Json *parse_value(Parser *ps) {
    skip_ws(ps);
    if (ps->p >= ps->end || ++ps->depth > 64) return NULL;
    Json *j = NULL;
    char c = *ps->p;
    if (c == '{' || c == '[') {
        int obj = c == '{';
        j = jnew(obj ? J_OBJ : J_ARR);
        ps->p++;
        skip_ws(ps);
        Json **tail = &j->child;
        if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) { ps->p++; ps->depth--; return j; }
        for (;;) {
            char *key = NULL;
            if (obj) {
                skip_ws(ps);
                if (!(key = parse_string(ps))) goto fail;
                skip_ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') { free(key); goto fail; }
                ps->p++;
            }
            Json *v = parse_value(ps);
            if (!v) { free(key); goto fail; }
            v->key = key;
            *tail = v; tail = &v->next;
            skip_ws(ps);
            if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
            if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) { ps->p++; break; }
            goto fail;
        }
    } else if (c == '"') {
        char *s = parse_string(ps);
        if (!s) return NULL;
        j = jnew(J_STR); j->str = s;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        int neg = c == '-'; if (neg) ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return NULL;
        long long v = 0;
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') v = v * 10 + (*ps->p++ - '0');
        j = jnew(J_NUM); j->num = neg ? -v : v;
    } else if (ps->end - ps->p >= 4 && !memcmp(ps->p, "true", 4)) { ps->p += 4; j = jnew(J_BOOL); j->num = 1; }
    else if (ps->end - ps->p >= 5 && !memcmp(ps->p, "false", 5)) { ps->p += 5; j = jnew(J_BOOL); }
    else if (ps->end - ps->p >= 4 && !memcmp(ps->p, "null", 4)) { ps->p += 4; j = jnew(J_NULL); }
    ps->depth--;
    return j;
fail:
    jfree(j);
    return NULL;
}

static Json *get(const Json *obj, const char *key) {
    if (!obj || obj->type != J_OBJ) return NULL;
    for (Json *c = obj->child; c; c = c->next) if (!strcmp(c->key, key)) return c;
    return NULL;
}

/* ---- output buffer -------------------------------------------------------- */
typedef struct { char *b; size_t n, cap; } Buf;
static void put(Buf *o, const char *s, size_t n) {
    if (o->n + n + 1 > o->cap) { while (o->n + n + 1 > o->cap) o->cap = o->cap ? o->cap * 2 : 256; o->b = realloc(o->b, o->cap); }
    memcpy(o->b + o->n, s, n); o->n += n; o->b[o->n] = 0;
}
static void puts_(Buf *o, const char *s) { put(o, s, strlen(s)); }
static void putnum(Buf *o, long long v) { char t[32]; snprintf(t, sizeof t, "%lld", v); puts_(o, t); }
static void putjstr(Buf *o, const char *s) {
    puts_(o, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') { char t[2] = {'\\', (char)c}; put(o, t, 2); }
        else if (c < 0x20) { char t[8]; snprintf(t, sizeof t, "\\u%04x", c); puts_(o, t); }
        else put(o, (const char *)&c, 1);
    }
    puts_(o, "\"");
}

/* ---- start-up state: the coupon table --------------------------------------- */
#define COUPON_SLOTS 4096
typedef struct { char code[16]; int percent; } Coupon;
static Coupon *coupons; /* open addressing, linear probing; code[0] == 0 marks an empty slot */
static int initialized;

static uint32_t fnv1a(const char *s) { uint32_t h = 2166136261u; for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u; return h; }
static void coupon_put(const char *code, int percent) {
    uint32_t i = fnv1a(code) & (COUPON_SLOTS - 1);
    while (coupons[i].code[0] && strcmp(coupons[i].code, code)) i = (i + 1) & (COUPON_SLOTS - 1);
    snprintf(coupons[i].code, sizeof coupons[i].code, "%s", code);
    coupons[i].percent = percent;
}
static int coupon_percent(const char *code) {
    if (strlen(code) >= sizeof coupons[0].code) return 0;
    for (uint32_t i = fnv1a(code) & (COUPON_SLOTS - 1); coupons[i].code[0]; i = (i + 1) & (COUPON_SLOTS - 1))
        if (!strcmp(coupons[i].code, code)) return coupons[i].percent;
    return 0;
}

static void init(void) {
    if (initialized) return;
    coupons = calloc(COUPON_SLOTS, sizeof(Coupon));
    uint32_t x = 0x5EEDC0DEu;
    char code[16];
    for (int i = 0; i < 2048; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        snprintf(code, sizeof code, "GEN-%08X", (unsigned)x);
        coupon_put(code, 0);
    }
    coupon_put("SPRING10", 10);
    initialized = 1;
}

#if defined(__wasm__)
__attribute__((export_name("wizer-initialize"))) void wizer_initialize(void) { init(); }
#endif

/* ---- HTTP ---------------------------------------------------------------- */
static int ieq(const char *a, size_t an, const char *b) { /* case-insensitive a[0..an) == b */
    size_t bn = strlen(b);
    if (an != bn) return 0;
    for (size_t i = 0; i < an; i++) { char x = a[i], y = b[i]; if (x >= 'A' && x <= 'Z') x += 32; if (y >= 'A' && y <= 'Z') y += 32; if (x != y) return 0; }
    return 1;
}

typedef struct { const char *name, *value; size_t nlen, vlen; } Header;

static char *query_param(const char *q, size_t qn, const char *key) {
    size_t kn = strlen(key), i = 0;
    while (i < qn) {
        size_t e = i; while (e < qn && q[e] != '&') e++;
        if (e - i > kn && q[i + kn] == '=' && !memcmp(q + i, key, kn)) {
            char *v = malloc(e - i - kn); memcpy(v, q + i + kn + 1, e - i - kn - 1); v[e - i - kn - 1] = 0; return v;
        }
        i = e + 1;
    }
    return NULL;
}

static void order_body(Buf *o, const Json *req, const char *currency, int *status) {
    const Json *customer = get(req, "customer"), *items = get(req, "items"), *coupon = get(req, "coupon");
    if (!customer || customer->type != J_STR || !items || items->type != J_ARR) {
        *status = 422; puts_(o, "{\"error\":\"customer and items are required\"}\n"); return;
    }
    long long subtotal = 0, units = 0, lines = 0;
    for (const Json *it = items->child; it; it = it->next) {
        const Json *qty = get(it, "qty"), *price = get(it, "price"), *sku = get(it, "sku");
        if (!qty || qty->type != J_NUM || !price || price->type != J_NUM || !sku || sku->type != J_STR) {
            *status = 422; o->n = 0; puts_(o, "{\"error\":\"bad item\"}\n"); return;
        }
        subtotal += qty->num * price->num; units += qty->num; lines++;
    }
    long long discount = (coupon && coupon->type == J_STR) ? subtotal * coupon_percent(coupon->str) / 100 : 0;
    long long tax = (subtotal - discount) * 8 / 100;
    puts_(o, "{\"customer\":"); putjstr(o, customer->str);
    puts_(o, ",\"currency\":"); putjstr(o, currency);
    puts_(o, ",\"lines\":"); putnum(o, lines);
    puts_(o, ",\"units\":"); putnum(o, units);
    puts_(o, ",\"subtotal\":"); putnum(o, subtotal);
    puts_(o, ",\"discount\":"); putnum(o, discount);
    puts_(o, ",\"tax\":"); putnum(o, tax);
    puts_(o, ",\"total\":"); putnum(o, subtotal - discount + tax);
    puts_(o, ",\"skus\":[");
    for (const Json *it = items->child; it; it = it->next) { if (it != items->child) puts_(o, ","); putjstr(o, get(it, "sku")->str); }
    puts_(o, "]}\n");
    *status = 200;
}

static const char *reason(int s) {
    switch (s) { case 200: return "OK"; case 400: return "Bad Request"; case 404: return "Not Found";
    case 405: return "Method Not Allowed"; case 422: return "Unprocessable Entity"; default: return "Error"; }
}

static void handle(const char *req, size_t n, Buf *out) {
    Buf body = {0}; int status = 400; const char *ctype = "application/json";
    const char *reqid = "-"; size_t reqid_n = 1;
    /* head / body split */
    const char *sep = NULL; size_t seplen = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (i + 3 < n && !memcmp(req + i, "\r\n\r\n", 4)) { sep = req + i; seplen = 4; break; }
        if (!memcmp(req + i, "\n\n", 2)) { sep = req + i; seplen = 2; break; }
    }
    const char *head_end = sep ? sep : req + n, *bstart = sep ? sep + seplen : req + n;
    size_t blen = (size_t)(req + n - bstart);
    /* request line */
    const char *line_end = memchr(req, '\n', (size_t)(head_end - req)); if (!line_end) line_end = head_end;
    const char *m_end = memchr(req, ' ', (size_t)(line_end - req));
    const char *t_end = m_end ? memchr(m_end + 1, ' ', (size_t)(line_end - m_end - 1)) : NULL;
    if (!m_end || !t_end) { puts_(&body, "{\"error\":\"bad request line\"}\n"); goto respond; }
    const char *method = req, *target = m_end + 1; size_t mlen = (size_t)(m_end - req), tlen = (size_t)(t_end - target);
    const char *qmark = memchr(target, '?', tlen);
    size_t plen = qmark ? (size_t)(qmark - target) : tlen;
    const char *query = qmark ? qmark + 1 : ""; size_t qlen = qmark ? tlen - plen - 1 : 0;
    /* headers */
    Header hs[64]; int nh = 0;
    for (const char *p = line_end + 1; p < head_end && nh < 64;) {
        const char *e = memchr(p, '\n', (size_t)(head_end - p)); if (!e) e = head_end;
        const char *le = (e > p && e[-1] == '\r') ? e - 1 : e;
        const char *colon = memchr(p, ':', (size_t)(le - p));
        if (colon) {
            const char *v = colon + 1; while (v < le && (*v == ' ' || *v == '\t')) v++;
            const char *ve = le; while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t')) ve--;
            hs[nh++] = (Header){p, v, (size_t)(colon - p), (size_t)(ve - v)};
        }
        p = e + 1;
    }
    for (int i = 0; i < nh; i++) {
        if (ieq(hs[i].name, hs[i].nlen, "x-request-id")) { reqid = hs[i].value; reqid_n = hs[i].vlen; }
        if (ieq(hs[i].name, hs[i].nlen, "content-length")) {
            size_t cl = 0; for (size_t k = 0; k < hs[i].vlen; k++) cl = cl * 10 + (size_t)(hs[i].value[k] - '0');
            if (cl < blen) blen = cl;
        }
    }
    /* routes */
    if (plen == 7 && !memcmp(target, "/health", 7)) {
        if (mlen == 3 && !memcmp(method, "GET", 3)) { status = 200; ctype = "text/plain"; puts_(&body, "ok\n"); }
        else { status = 405; puts_(&body, "{\"error\":\"method not allowed\"}\n"); }
    } else if (plen == 11 && !memcmp(target, "/api/orders", 11)) {
        if (mlen == 4 && !memcmp(method, "POST", 4)) {
            Parser ps = {bstart, bstart + blen, 0};
            Json *doc = parse_value(&ps);
            if (doc) { skip_ws(&ps); if (ps.p != ps.end) { jfree(doc); doc = NULL; } }
            if (!doc) { status = 400; puts_(&body, "{\"error\":\"bad json\"}\n"); }
            else {
                char *cur = query_param(query, qlen, "currency");
                order_body(&body, doc, cur ? cur : "USD", &status);
                free(cur); jfree(doc);
            }
        } else { status = 405; puts_(&body, "{\"error\":\"method not allowed\"}\n"); }
    } else { status = 404; puts_(&body, "{\"error\":\"not found\"}\n"); }
respond:;
    uint32_t etag = 2166136261u;
    for (size_t i = 0; i < body.n; i++) etag = (etag ^ (unsigned char)body.b[i]) * 16777619u;
    char line[128];
    snprintf(line, sizeof line, "HTTP/1.1 %d %s\r\nContent-Type: ", status, reason(status)); puts_(out, line);
    puts_(out, ctype);
    snprintf(line, sizeof line, "\r\nContent-Length: %zu\r\nETag: \"%08x\"\r\nX-Request-Id: ", body.n, etag); puts_(out, line);
    put(out, reqid, reqid_n);
    puts_(out, "\r\n\r\n");
    put(out, body.b ? body.b : "", body.n);
    free(body.b);
}

int main(void) {
    size_t cap = 4096, n = 0; char *req = malloc(cap); size_t r;
    while ((r = fread(req + n, 1, cap - n, stdin)) > 0) { n += r; if (n == cap) { cap *= 2; req = realloc(req, cap); } }
    Buf out = {0};
    init(); /* a no-op in a Wizer snapshot */
    bench_start();
    handle(req, n, &out);
    bench_end();
    fwrite(out.b, 1, out.n, stdout);
    free(out.b); free(req);
    return 0;
}
