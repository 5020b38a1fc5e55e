/* llama2: the project's own llama2-architecture transformer forward pass (the model of
 * Karpathy's llama2.c: token embedding, RMSNorm, RoPE, multi-head attention with
 * grouped KV heads and a KV cache, SwiGLU feed-forward, greedy sampling), reading the
 * llama2.c checkpoint layout.
 *
 * usage: llama2 [small|medium] [steps] [--prompt N] [--checkpoint PATH] [--write-checkpoint PATH]
 *   small  = dim 64, hidden 172, 5 layers, 8 heads (4 KV), vocab 512, seq 512 (stories260K shape)
 *   medium = dim 288, hidden 768, 6 layers, 6 heads, vocab 32000, seq 256 (stories15M shape)
 * Without --checkpoint the weights are synthetic: generated in memory from a fixed PRNG,
 * deterministic to the bit. --write-checkpoint saves them in the llama2.c layout (unshared classifier) (so a
 * later --checkpoint run must print the same output); --checkpoint reads any llama2.c
 * checkpoint, e.g. stories15M.bin, from a preopened directory.
 *
 * Timed regions (bench.h): 1 = prefill (prompt tokens), 2 = decode (generated tokens).
 * stdout: hash of the generated tokens and of the final logits, identical on every
 * target: -ffp-contract=off, no libm transcendental functions (exp, cos, sin and
 * the RoPE frequencies come from deterministic double-precision series below; sqrtf
 * is IEEE-exact everywhere), and matmul sums in 4 interleaved lanes in every variant,
 * so the scalar and the SIMD (-DLLAMA_SIMD) builds print the same bytes too. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

typedef struct { int32_t dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; } Config;

typedef struct {
    float *token_embedding, *rms_att, *wq, *wk, *wv, *wo, *rms_ffn, *w1, *w2, *w3, *rms_final, *wcls;
} Weights;

typedef struct {
    float *x, *xb, *xb2, *hb, *hb2, *q, *att, *logits, *key_cache, *value_cache, *rope_cos, *rope_sin;
} State;

/* ---- deterministic math (double precision, only + - * / and exact conversions) ---- */
static double det_exp(double x) {
    if (x < -700.0) return 0.0;
    if (x > 700.0) x = 700.0;
    const double LN2 = 0.6931471805599453;
    double kf = x / LN2;
    long long k = (long long)(kf < 0 ? kf - 0.5 : kf + 0.5);
    double r = x - (double)k * LN2, term = 1.0, sum = 1.0;
    for (int i = 1; i <= 14; i++) { term = term * r / i; sum += term; }
    while (k > 0) { sum *= 2.0; k--; }
    while (k < 0) { sum *= 0.5; k++; }
    return sum;
}
static float det_expf(float x) { return (float)det_exp((double)x); }

static void det_sincos(double x, double *s, double *c) {
    const double TWO_PI = 6.283185307179586;
    double kf = x / TWO_PI;
    long long k = (long long)(kf < 0 ? kf - 0.5 : kf + 0.5);
    double r = x - (double)k * TWO_PI; /* |r| <= pi */
    double r2 = r * r, ts = r, tc = 1.0, ss = r, cc = 1.0;
    for (int i = 1; i <= 15; i++) {
        ts = -ts * r2 / ((2 * i) * (2 * i + 1)); ss += ts;
        tc = -tc * r2 / ((2 * i - 1) * (2 * i)); cc += tc;
    }
    *s = ss; *c = cc;
}

/* ---- synthetic checkpoint ---------------------------------------------------- */
static uint64_t rng_state;
static inline float rng_uniform(void) { /* xorshift64*: uniform in [-1, 1) */
    rng_state ^= rng_state >> 12; rng_state ^= rng_state << 25; rng_state ^= rng_state >> 27;
    uint64_t r = rng_state * 0x2545F4914F6CDD1Dull;
    return (float)(int32_t)(uint32_t)(r >> 32) * (1.0f / 2147483648.0f);
}
static void fill(float *p, size_t n, float scale, float offset) {
    for (size_t i = 0; i < n; i++) p[i] = offset + scale * rng_uniform();
}

static size_t weights_floats(const Config *c, int shared) {
    size_t head_size = (size_t)c->dim / c->n_heads, kv_dim = (size_t)c->dim * c->n_kv_heads / c->n_heads, L = (size_t)c->n_layers;
    size_t n = (size_t)c->vocab_size * c->dim + L * c->dim                     /* embedding, rms_att */
             + L * c->dim * c->dim + 2 * L * c->dim * kv_dim + L * c->dim * c->dim /* wq wk wv wo */
             + L * c->dim + 3 * L * c->dim * c->hidden_dim + c->dim               /* rms_ffn, w1 w2 w3, rms_final */
             + (size_t)c->seq_len * head_size;                                  /* freq_cis_real + imag (unused) */
    if (!shared) n += (size_t)c->vocab_size * c->dim;
    return n;
}

/* Points the weight tensors into one buffer laid out exactly like llama2.c's checkpoints. */
static void map_weights(Weights *w, const Config *c, float *p, int shared) {
    size_t head_size = (size_t)c->dim / c->n_heads, kv_dim = (size_t)c->dim * c->n_kv_heads / c->n_heads, L = (size_t)c->n_layers;
    w->token_embedding = p; p += (size_t)c->vocab_size * c->dim;
    w->rms_att = p; p += L * c->dim;
    w->wq = p; p += L * c->dim * c->dim;
    w->wk = p; p += L * c->dim * kv_dim;
    w->wv = p; p += L * c->dim * kv_dim;
    w->wo = p; p += L * c->dim * c->dim;
    w->rms_ffn = p; p += L * c->dim;
    w->w1 = p; p += L * c->dim * c->hidden_dim;
    w->w2 = p; p += L * c->hidden_dim * c->dim;
    w->w3 = p; p += L * c->dim * c->hidden_dim;
    w->rms_final = p; p += c->dim;
    p += (size_t)c->seq_len * head_size / 2; /* freq_cis_real */
    p += (size_t)c->seq_len * head_size / 2; /* freq_cis_imag */
    w->wcls = shared ? w->token_embedding : p;
}

static float *synthesize(const Config *c, Weights *w) {
    /* An unshared classifier: with random weights a tied one makes every token predict itself. */
    size_t n = weights_floats(c, 0);
    float *buf = calloc(n, sizeof(float));
    if (!buf) { fprintf(stderr, "llama2: out of memory\n"); exit(2); }
    map_weights(w, c, buf, 0);
    size_t L = (size_t)c->n_layers, kv_dim = (size_t)c->dim * c->n_kv_heads / c->n_heads;
    float s_dim = 1.0f / sqrtf((float)c->dim), s_hidden = 1.0f / sqrtf((float)c->hidden_dim);
    rng_state = 0x5EED11A3A2ull;
    fill(w->token_embedding, (size_t)c->vocab_size * c->dim, 1.0f, 0.0f);
    fill(w->rms_att, L * c->dim, 0.1f, 1.0f);
    fill(w->wq, L * c->dim * c->dim, s_dim, 0.0f);
    fill(w->wk, L * c->dim * kv_dim, s_dim, 0.0f);
    fill(w->wv, L * c->dim * kv_dim, s_dim, 0.0f);
    fill(w->wo, L * c->dim * c->dim, s_dim, 0.0f);
    fill(w->rms_ffn, L * c->dim, 0.1f, 1.0f);
    fill(w->w1, L * c->dim * c->hidden_dim, s_dim, 0.0f);
    fill(w->w2, L * c->hidden_dim * c->dim, s_hidden, 0.0f);
    fill(w->w3, L * c->dim * c->hidden_dim, s_dim, 0.0f);
    fill(w->rms_final, c->dim, 0.1f, 1.0f);
    fill(w->wcls, (size_t)c->vocab_size * c->dim, s_dim, 0.0f);
    return buf; /* the freq_cis block stays zero, as nothing reads it */
}

static int write_checkpoint(const char *path, const Config *c, const float *buf) {
    FILE *f = fopen(path, "wb");
    if (!f) { fprintf(stderr, "llama2: cannot write %s\n", path); return 0; }
    Config h = *c;
    h.vocab_size = -h.vocab_size; /* llama2.c's marker for an unshared classifier */
    size_t n = weights_floats(c, 0);
    int ok = fwrite(&h, sizeof h, 1, f) == 1 && fwrite(buf, sizeof(float), n, f) == n;
    return (fclose(f) == 0) && ok;
}

static float *read_checkpoint(const char *path, Config *c, Weights *w) {
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "llama2: cannot open checkpoint %s\n", path); exit(1); }
    if (fread(c, sizeof *c, 1, f) != 1) { fprintf(stderr, "llama2: short header in %s\n", path); exit(1); }
    int shared = c->vocab_size > 0; /* llama2.c: a negative vocab_size means an unshared classifier */
    if (c->vocab_size < 0) c->vocab_size = -c->vocab_size;
    if (c->dim <= 0 || c->n_heads <= 0 || c->n_kv_heads <= 0 || c->dim % c->n_heads || c->n_heads % c->n_kv_heads || c->seq_len <= 0) {
        fprintf(stderr, "llama2: %s is not a llama2.c checkpoint\n", path); exit(1);
    }
    size_t n = weights_floats(c, shared);
    float *buf = malloc(n * sizeof(float));
    if (!buf) { fprintf(stderr, "llama2: out of memory\n"); exit(2); }
    size_t got = fread(buf, sizeof(float), n, f);
    fclose(f);
    if (got != n) { fprintf(stderr, "llama2: %s: expected %zu floats, got %zu\n", path, n, got); exit(1); }
    map_weights(w, c, buf, shared);
    return buf;
}

/* ---- the forward pass -------------------------------------------------------- */
#ifdef LLAMA_SIMD
typedef float v4f __attribute__((vector_size(16)));
static inline v4f ld4f(const float *p) { v4f v; memcpy(&v, p, sizeof v); return v; }
static inline float dot(const float *a, const float *b, int n) { /* n % 4 == 0 */
    v4f acc = {0, 0, 0, 0};
    for (int j = 0; j < n; j += 4) acc += ld4f(a + j) * ld4f(b + j);
    return (acc[0] + acc[1]) + (acc[2] + acc[3]);
}
#else
static inline float dot(const float *a, const float *b, int n) { /* the same 4 lanes, in scalar code */
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (int j = 0; j < n; j += 4) { s0 += a[j] * b[j]; s1 += a[j + 1] * b[j + 1]; s2 += a[j + 2] * b[j + 2]; s3 += a[j + 3] * b[j + 3]; }
    return (s0 + s1) + (s2 + s3);
}
#endif

static void matmul(float *out, const float *x, const float *w, int n, int d) { /* W (d,n) @ x (n) */
    for (int i = 0; i < d; i++) out[i] = dot(w + (size_t)i * n, x, n);
}

static void rmsnorm(float *o, const float *x, const float *weight, int n) {
    float ss = 0.0f;
    for (int j = 0; j < n; j++) ss += x[j] * x[j];
    ss = 1.0f / sqrtf(ss / n + 1e-5f);
    for (int j = 0; j < n; j++) o[j] = weight[j] * (ss * x[j]);
}

static void softmax(float *x, int n) {
    float max = x[0], sum = 0.0f;
    for (int i = 1; i < n; i++) if (x[i] > max) max = x[i];
    for (int i = 0; i < n; i++) { x[i] = det_expf(x[i] - max); sum += x[i]; }
    for (int i = 0; i < n; i++) x[i] /= sum;
}

static void state_init(State *s, const Config *c) {
    int kv_dim = c->dim * c->n_kv_heads / c->n_heads, hs = c->dim / c->n_heads;
    s->x = calloc(c->dim, 4); s->xb = calloc(c->dim, 4); s->xb2 = calloc(c->dim, 4);
    s->hb = calloc(c->hidden_dim, 4); s->hb2 = calloc(c->hidden_dim, 4); s->q = calloc(c->dim, 4);
    s->att = calloc((size_t)c->n_heads * c->seq_len, 4); s->logits = calloc(c->vocab_size, 4);
    s->key_cache = calloc((size_t)c->n_layers * c->seq_len * kv_dim, 4);
    s->value_cache = calloc((size_t)c->n_layers * c->seq_len * kv_dim, 4);
    /* RoPE table: theta_i = pos * 10000^(-2i/head_size), from the deterministic series. */
    s->rope_cos = malloc((size_t)c->seq_len * hs / 2 * 4); s->rope_sin = malloc((size_t)c->seq_len * hs / 2 * 4);
    const double LN_10000 = 9.210340371976184;
    for (int pos = 0; pos < c->seq_len; pos++)
        for (int i = 0; i < hs / 2; i++) {
            double freq = det_exp(-(2.0 * i / hs) * LN_10000), sn, cs;
            det_sincos(pos * freq, &sn, &cs);
            s->rope_cos[(size_t)pos * (hs / 2) + i] = (float)cs;
            s->rope_sin[(size_t)pos * (hs / 2) + i] = (float)sn;
        }
    if (!s->x || !s->att || !s->logits || !s->key_cache || !s->value_cache) { fprintf(stderr, "llama2: out of memory\n"); exit(2); }
}

static void state_free(State *s) {
    free(s->x); free(s->xb); free(s->xb2); free(s->hb); free(s->hb2); free(s->q); free(s->att);
    free(s->logits); free(s->key_cache); free(s->value_cache); free(s->rope_cos); free(s->rope_sin);
}

/* One token through the network; the classifier runs only when logits are wanted. */
static void forward(const Config *c, const Weights *w, State *s, int token, int pos, int want_logits) {
    int dim = c->dim, hidden = c->hidden_dim, hs = dim / c->n_heads;
    int kv_dim = dim * c->n_kv_heads / c->n_heads, kv_mul = c->n_heads / c->n_kv_heads;
    float *x = s->x;
    memcpy(x, w->token_embedding + (size_t)token * dim, dim * sizeof(float));
    const float *rc = s->rope_cos + (size_t)pos * (hs / 2), *rs = s->rope_sin + (size_t)pos * (hs / 2);
    float inv_sqrt_hs = 1.0f / sqrtf((float)hs);
    for (int l = 0; l < c->n_layers; l++) {
        rmsnorm(s->xb, x, w->rms_att + (size_t)l * dim, dim);
        size_t loff = (size_t)l * c->seq_len * kv_dim;
        float *k = s->key_cache + loff + (size_t)pos * kv_dim, *v = s->value_cache + loff + (size_t)pos * kv_dim;
        matmul(s->q, s->xb, w->wq + (size_t)l * dim * dim, dim, dim);
        matmul(k, s->xb, w->wk + (size_t)l * dim * kv_dim, dim, kv_dim);
        matmul(v, s->xb, w->wv + (size_t)l * dim * kv_dim, dim, kv_dim);
        for (int i = 0; i < dim; i += 2) { /* RoPE: rotate pairs of q (and k while i < kv_dim) */
            float fcr = rc[(i % hs) / 2], fci = rs[(i % hs) / 2];
            float q0 = s->q[i], q1 = s->q[i + 1];
            s->q[i] = q0 * fcr - q1 * fci; s->q[i + 1] = q0 * fci + q1 * fcr;
            if (i < kv_dim) { float k0 = k[i], k1 = k[i + 1]; k[i] = k0 * fcr - k1 * fci; k[i + 1] = k0 * fci + k1 * fcr; }
        }
        for (int h = 0; h < c->n_heads; h++) {
            const float *q = s->q + h * hs;
            float *att = s->att + (size_t)h * c->seq_len;
            int kvh = (h / kv_mul) * hs;
            for (int t = 0; t <= pos; t++) {
                const float *kt = s->key_cache + loff + (size_t)t * kv_dim + kvh;
                float score = 0.0f;
                for (int i = 0; i < hs; i++) score += q[i] * kt[i];
                att[t] = score * inv_sqrt_hs;
            }
            softmax(att, pos + 1);
            float *xb = s->xb + h * hs;
            memset(xb, 0, hs * sizeof(float));
            for (int t = 0; t <= pos; t++) {
                const float *vt = s->value_cache + loff + (size_t)t * kv_dim + kvh;
                float a = att[t];
                for (int i = 0; i < hs; i++) xb[i] += a * vt[i];
            }
        }
        matmul(s->xb2, s->xb, w->wo + (size_t)l * dim * dim, dim, dim);
        for (int i = 0; i < dim; i++) x[i] += s->xb2[i];
        rmsnorm(s->xb, x, w->rms_ffn + (size_t)l * dim, dim);
        matmul(s->hb, s->xb, w->w1 + (size_t)l * dim * hidden, dim, hidden);
        matmul(s->hb2, s->xb, w->w3 + (size_t)l * dim * hidden, dim, hidden);
        for (int i = 0; i < hidden; i++) { /* SwiGLU: silu(w1 x) * (w3 x) */
            float val = s->hb[i];
            val *= 1.0f / (1.0f + det_expf(-val));
            s->hb[i] = val * s->hb2[i];
        }
        matmul(s->xb, s->hb, w->w2 + (size_t)l * dim * hidden, hidden, dim);
        for (int i = 0; i < dim; i++) x[i] += s->xb[i];
    }
    rmsnorm(x, x, w->rms_final, dim);
    if (want_logits) matmul(s->logits, x, w->wcls, dim, c->vocab_size);
}

static int argmax(const float *v, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) if (v[i] > v[best]) best = i;
    return best;
}

int main(int argc, char **argv) {
    const char *preset = "small", *ckpt = NULL, *out_ckpt = NULL;
    int steps = -1, n_prompt = 16, npos = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--checkpoint") && i + 1 < argc) ckpt = argv[++i];
        else if (!strcmp(argv[i], "--write-checkpoint") && i + 1 < argc) out_ckpt = argv[++i];
        else if (!strcmp(argv[i], "--prompt") && i + 1 < argc) n_prompt = atoi(argv[++i]);
        else if (npos++ == 0 && (!strcmp(argv[i], "small") || !strcmp(argv[i], "medium"))) preset = argv[i];
        else steps = atoi(argv[i]);
    }
    Config c; Weights w; float *buf;
    if (ckpt) {
        buf = read_checkpoint(ckpt, &c, &w);
        preset = "checkpoint";
    } else {
        if (!strcmp(preset, "medium")) c = (Config){288, 768, 6, 6, 6, 32000, 256};
        else c = (Config){64, 172, 5, 8, 4, 512, 512};
        buf = synthesize(&c, &w);
        if (out_ckpt) {
            if (!write_checkpoint(out_ckpt, &c, buf)) return 1;
            fprintf(stderr, "llama2: wrote %s\n", out_ckpt);
            free(buf);
            return 0;
        }
    }
    if (c.dim % 4 || c.hidden_dim % 4 || c.dim % c.n_heads || (c.dim / c.n_heads) % 2) {
        fprintf(stderr, "llama2: dims must be multiples of 4 and the head size even\n"); return 1;
    }
    if (steps <= 0 || steps > c.seq_len) steps = c.seq_len;
    if (n_prompt < 1) n_prompt = 1;
    if (n_prompt > steps) n_prompt = steps;

    State s;
    state_init(&s, &c);
    int *tokens = malloc(sizeof(int) * (steps + 1));
    tokens[0] = 1; /* BOS */
    for (int i = 1; i < n_prompt; i++) tokens[i] = (int)((i * 7919L + 13) % c.vocab_size);

    /* Prefill: the prompt, one position at a time (as llama2.c), logits only for the last. */
    bench_start();
    for (int pos = 0; pos < n_prompt; pos++) forward(&c, &w, &s, tokens[pos], pos, pos == n_prompt - 1);
    bench_end();
    /* Decode: greedy sampling, each new token fed back. */
    bench_start();
    tokens[n_prompt] = argmax(s.logits, c.vocab_size);
    for (int pos = n_prompt; pos < steps; pos++) {
        forward(&c, &w, &s, tokens[pos], pos, 1);
        if (pos + 1 <= steps) tokens[pos + 1] = argmax(s.logits, c.vocab_size);
    }
    bench_end();

    int generated = steps - n_prompt + 1; /* tokens[n_prompt .. steps] */
    uint64_t th = 1469598103934665603ull, lh = 1469598103934665603ull;
    for (int i = n_prompt; i <= steps; i++) th = (th ^ (uint32_t)tokens[i]) * 1099511628211ull;
    for (int i = 0; i < c.vocab_size; i++) { uint32_t b; memcpy(&b, &s.logits[i], 4); lh = (lh ^ b) * 1099511628211ull; }
    int am = argmax(s.logits, c.vocab_size);
    printf("llama2 %s dim=%d hidden=%d layers=%d heads=%d kv_heads=%d vocab=%d seq=%d\n", preset, c.dim, c.hidden_dim,
           c.n_layers, c.n_heads, c.n_kv_heads, c.vocab_size, c.seq_len);
    printf("prompt=%d generated=%d\ntokens_fnv=%016llx\nfirst_tokens=", n_prompt, generated, (unsigned long long)th);
    for (int i = n_prompt; i <= steps && i < n_prompt + 12; i++) printf("%s%d", i == n_prompt ? "" : " ", tokens[i]);
    printf("\nlogits_fnv=%016llx\nargmax=%d max_logit=%.6f\n", (unsigned long long)lh, am, s.logits[am]);
    fprintf(stderr, "llama2: prefill %d tokens, decode %d tokens\n", n_prompt, steps - n_prompt);
    free(tokens); state_free(&s); free(buf);
    return 0;
}
