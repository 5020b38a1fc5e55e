/* json-parse: a complete JSON parser (RFC 8259: objects, arrays, strings with escapes
 * including \u surrogate pairs encoded to UTF-8, numbers, literals) building a DOM in a
 * bump arena, run over a generated JSON document of order records. argv[1] = document
 * size in KiB, argv[2] = repetitions. Numbers are kept as decimal text plus an integer
 * part (no strtod: its rounding is a libc property, not the engine's), so the checksum
 * printed is exact on every target. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

/* ---- document generator --------------------------------------------------------- */
typedef struct { char *b; size_t n, cap; } Buf;
static void put(Buf *o, const char *s, size_t n) {
    if (o->n + n + 1 > o->cap) { while (o->n + n + 1 > o->cap) o->cap = o->cap ? o->cap * 2 : 1 << 16; o->b = realloc(o->b, o->cap); }
    memcpy(o->b + o->n, s, n); o->n += n; o->b[o->n] = 0;
}
static void puts_(Buf *o, const char *s) { put(o, s, strlen(s)); }
static uint32_t rng = 0xA5A5F00Du;
static uint32_t rnd(uint32_t n) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng % n; }

static void gen_document(Buf *o, size_t target) {
    static const char *words[] = {"alpha", "beta", "gamma", "delta", "sigma", "omega", "kappa", "zeta"};
    static const char *strs[] = {"plain text", "quote \\\" inside", "tab\\tand\\nnewline", "unicode \\u00e9\\u4e2d",
                                 "pair \\ud83d\\ude00 emoji", "slash \\/ and backslash \\\\", "caf\xc3\xa9 raw utf-8"};
    char t[160];
    puts_(o, "{\"version\": 3, \"generator\": \"observatory\", \"records\": [\n");
    for (int id = 1; o->n < target; id++) {
        if (id > 1) puts_(o, ",\n");
        snprintf(t, sizeof t, "  {\"id\": %d, \"name\": \"%s-%s-%u\", \"active\": %s, \"score\": %d.%02u, \"ratio\": %s%u.%ue%s%u,",
                 id, words[rnd(8)], words[rnd(8)], rnd(100000), rnd(2) ? "true" : "false", (int)rnd(2000) - 1000, rnd(100),
                 rnd(2) ? "-" : "", rnd(10), rnd(1000), rnd(2) ? "-" : "+", rnd(30));
        puts_(o, t);
        snprintf(t, sizeof t, " \"note\": \"%s\", \"parent\": %s, \"tags\": [", strs[rnd(7)], rnd(4) ? "null" : "{}");
        puts_(o, t);
        for (uint32_t k = 0, n = rnd(5); k < n; k++) { snprintf(t, sizeof t, "%s\"%s\"", k ? ", " : "", words[rnd(8)]); puts_(o, t); }
        puts_(o, "], \"items\": [");
        for (uint32_t k = 0, n = 1 + rnd(4); k < n; k++) {
            snprintf(t, sizeof t, "%s{\"sku\": \"S%05u\", \"qty\": %u, \"price\": %u.%02u, \"dims\": [%u, %u, %u]}",
                     k ? ", " : "", rnd(100000), 1 + rnd(20), rnd(500), rnd(100), rnd(100), rnd(100), rnd(100));
            puts_(o, t);
        }
        puts_(o, "]}");
    }
    puts_(o, "\n], \"complete\": true}\n");
}

/* ---- DOM + parser ------------------------------------------------------------------ */
typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ } JType;
typedef struct Node {
    JType type;
    uint32_t len;            /* string bytes (decoded), number text length, or child count */
    const char *text;        /* decoded string (arena) or number text (in the document) */
    int64_t ipart;           /* numbers: the integer part, saturated */
    struct Node *key;        /* member key (a J_STR node) when inside an object */
    struct Node *child, *next;
} Node;

typedef struct { char *mem; size_t used, cap; } Arena;
static void *arena_alloc(Arena *a, size_t n) {
    n = (n + 7) & ~(size_t)7;
    if (a->used + n > a->cap) { fprintf(stderr, "json-parse: arena exhausted\n"); exit(2); }
    void *p = a->mem + a->used; a->used += n; return p;
}

typedef struct { const char *p, *end; Arena *arena; int depth; const char *error; } Parser;

static void ws(Parser *ps) { while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++; }
static Node *fail(Parser *ps, const char *why) { if (!ps->error) ps->error = why; return NULL; }
static int hex4(const char *p, uint32_t *v) {
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i]; uint32_t d;
        if (c >= '0' && c <= '9') d = (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') d = (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') d = (uint32_t)(c - 'A' + 10);
        else return 0;
        *v = *v * 16 + d;
    }
    return 1;
}

static Node *parse_string(Parser *ps) {
    const char *s = ++ps->p; /* after the quote; decoded text is never longer than the source */
    while (ps->p < ps->end && *ps->p != '"') ps->p += (*ps->p == '\\') ? 2 : 1;
    if (ps->p >= ps->end) return fail(ps, "unterminated string");
    size_t raw = (size_t)(ps->p - s);
    char *out = arena_alloc(ps->arena, raw + 1), *o = out;
    for (const char *q = s; q < ps->p;) {
        unsigned char c = (unsigned char)*q++;
        if (c < 0x20) return fail(ps, "control character in string");
        if (c != '\\') { *o++ = (char)c; continue; }
        char e = *q++;
        switch (e) {
        case '"': *o++ = '"'; break; case '\\': *o++ = '\\'; break; case '/': *o++ = '/'; break;
        case 'b': *o++ = '\b'; break; case 'f': *o++ = '\f'; break; case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break; case 't': *o++ = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (ps->p - q < 4 || !hex4(q, &cp)) return fail(ps, "bad \\u escape");
            q += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                if (ps->p - q < 6 || q[0] != '\\' || q[1] != 'u' || !hex4(q + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) return fail(ps, "bad surrogate pair");
                q += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            if (cp < 0x80) *o++ = (char)cp;
            else if (cp < 0x800) { *o++ = (char)(0xC0 | cp >> 6); *o++ = (char)(0x80 | (cp & 63)); }
            else if (cp < 0x10000) { *o++ = (char)(0xE0 | cp >> 12); *o++ = (char)(0x80 | ((cp >> 6) & 63)); *o++ = (char)(0x80 | (cp & 63)); }
            else { *o++ = (char)(0xF0 | cp >> 18); *o++ = (char)(0x80 | ((cp >> 12) & 63)); *o++ = (char)(0x80 | ((cp >> 6) & 63)); *o++ = (char)(0x80 | (cp & 63)); }
            break;
        }
        default: return fail(ps, "bad escape");
        }
    }
    *o = 0;
    ps->p++;
    Node *n = arena_alloc(ps->arena, sizeof(Node));
    memset(n, 0, sizeof *n);
    n->type = J_STR; n->text = out; n->len = (uint32_t)(o - out);
    return n;
}

static Node *parse_number(Parser *ps) {
    const char *s = ps->p;
    int64_t ip = 0; int neg = 0;
    if (*ps->p == '-') { neg = 1; ps->p++; }
    if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad number");
    if (*ps->p == '0') ps->p++;
    else while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') { if (ip < 100000000000000000LL) ip = ip * 10 + (*ps->p - '0'); ps->p++; }
    if (ps->p < ps->end && *ps->p == '.') {
        ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad fraction");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
        ps->p++;
        if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-')) ps->p++;
        if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9') return fail(ps, "bad exponent");
        while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9') ps->p++;
    }
    Node *n = arena_alloc(ps->arena, sizeof(Node));
    memset(n, 0, sizeof *n);
    n->type = J_NUM; n->text = s; n->len = (uint32_t)(ps->p - s); n->ipart = neg ? -ip : ip;
    return n;
}

static Node *parse_value(Parser *ps) {
    ws(ps);
    if (ps->p >= ps->end) return fail(ps, "unexpected end");
    char c = *ps->p;
    if (c == '"') return parse_string(ps);
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(ps);
    if (c == '{' || c == '[') {
        if (++ps->depth > 512) return fail(ps, "too deep");
        int obj = c == '{';
        Node *n = arena_alloc(ps->arena, sizeof(Node));
        memset(n, 0, sizeof *n);
        n->type = obj ? J_OBJ : J_ARR;
        Node **tail = &n->child;
        ps->p++; ws(ps);
        if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) { ps->p++; ps->depth--; return n; }
        for (;;) {
            Node *key = NULL;
            if (obj) {
                ws(ps);
                if (ps->p >= ps->end || *ps->p != '"') return fail(ps, "expected key");
                if (!(key = parse_string(ps))) return NULL;
                ws(ps);
                if (ps->p >= ps->end || *ps->p != ':') return fail(ps, "expected ':'");
                ps->p++;
            }
            Node *v = parse_value(ps);
            if (!v) return NULL;
            v->key = key; *tail = v; tail = &v->next; n->len++;
            ws(ps);
            if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
            if (ps->p < ps->end && *ps->p == (obj ? '}' : ']')) { ps->p++; break; }
            return fail(ps, obj ? "expected ',' or '}'" : "expected ',' or ']'");
        }
        ps->depth--;
        return n;
    }
    if (ps->end - ps->p >= 4 && !memcmp(ps->p, "true", 4)) { ps->p += 4; Node *n = arena_alloc(ps->arena, sizeof(Node)); memset(n, 0, sizeof *n); n->type = J_TRUE; return n; }
    if (ps->end - ps->p >= 5 && !memcmp(ps->p, "false", 5)) { ps->p += 5; Node *n = arena_alloc(ps->arena, sizeof(Node)); memset(n, 0, sizeof *n); n->type = J_FALSE; return n; }
    if (ps->end - ps->p >= 4 && !memcmp(ps->p, "null", 4)) { ps->p += 4; Node *n = arena_alloc(ps->arena, sizeof(Node)); memset(n, 0, sizeof *n); n->type = J_NULL; return n; }
    return fail(ps, "unexpected character");
}

/* ---- a traversal that touches everything -------------------------------------------- */
typedef struct { uint64_t nodes, strings, string_bytes, numbers, objects, arrays, literals; int64_t int_sum; uint64_t fnv; } Stats;
static void mix(Stats *s, const char *p, size_t n) { for (size_t i = 0; i < n; i++) s->fnv = (s->fnv ^ (unsigned char)p[i]) * 1099511628211ull; }
static void walk(const Node *n, Stats *s) {
    for (; n; n = n->next) {
        s->nodes++;
        if (n->key) mix(s, n->key->text, n->key->len);
        switch (n->type) {
        case J_STR: s->strings++; s->string_bytes += n->len; mix(s, n->text, n->len); break;
        case J_NUM: s->numbers++; s->int_sum += n->ipart; mix(s, n->text, n->len); break;
        case J_OBJ: s->objects++; walk(n->child, s); break;
        case J_ARR: s->arrays++; walk(n->child, s); break;
        default: s->literals++; mix(s, n->type == J_TRUE ? "t" : n->type == J_FALSE ? "f" : "n", 1);
        }
    }
}

int main(int argc, char **argv) {
    size_t kib = argc > 1 ? (size_t)atol(argv[1]) : 1024;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    Buf doc = {0};
    gen_document(&doc, kib * 1024);
    size_t cap = doc.n * 16 + 4096; /* nodes are larger than the short tokens they describe */
    Arena arena = {malloc(cap), 0, cap};
    Stats st = {0};
    const char *error = NULL;
    bench_start();
    for (int r = 0; r < reps; r++) {
        arena.used = 0;
        Parser ps = {doc.b, doc.b + doc.n, &arena, 0, NULL};
        Node *root = parse_value(&ps);
        ws(&ps);
        if (root && ps.p != ps.end) root = fail(&ps, "trailing characters");
        if (!root) { error = ps.error; break; }
        memset(&st, 0, sizeof st);
        st.fnv = 1469598103934665603ull;
        walk(root, &st);
    }
    bench_end();
    if (error) { fprintf(stderr, "json-parse: %s\n", error); return 1; }
    fprintf(stderr, "json-parse: arena %zu bytes for a %zu-byte document\n", arena.used, doc.n);
    printf("bytes=%zu reps=%d nodes=%llu objects=%llu arrays=%llu strings=%llu string_bytes=%llu numbers=%llu literals=%llu\n",
           doc.n, reps, (unsigned long long)st.nodes, (unsigned long long)st.objects, (unsigned long long)st.arrays,
           (unsigned long long)st.strings, (unsigned long long)st.string_bytes, (unsigned long long)st.numbers,
           (unsigned long long)st.literals);
    printf("int_sum=%lld fnv=%016llx\n", (long long)st.int_sum, (unsigned long long)st.fnv);
    free(arena.mem); free(doc.b);
    return 0;
}
