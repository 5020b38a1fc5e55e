/* reference.c: the C twin of blake2b.ts. AssemblyScript has no native build, so the
 * expected stdout hash in workload.toml ("sha256:<hex>") is the sha256 of this
 * program's output, built natively with clang-22 -O2 (any argv: the output does not
 * depend on the repetition count). Not part of the workload's build. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUF_SIZE (1u << 20)
#define CHAIN 8

static const uint64_t IV[8] = {0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull, 0xa54ff53a5f1d36f1ull,
                               0x510e527fade682d1ull, 0x9b05688c2b3e6c1full, 0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
static const uint8_t SIGMA[12][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4}, {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13}, {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11}, {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5}, {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}, {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3}};

static inline uint64_t rotr(uint64_t x, int n) { return (x >> n) | (x << (64 - n)); }

static void compress(uint64_t h[8], const uint8_t *block, uint64_t t, int last) {
    uint64_t m[16], v[16];
    for (int i = 0; i < 16; i++) { uint64_t w = 0; for (int b = 7; b >= 0; b--) w = w << 8 | block[8 * i + b]; m[i] = w; }
    for (int i = 0; i < 8; i++) { v[i] = h[i]; v[i + 8] = IV[i]; }
    v[12] ^= t;
    if (last) v[14] = ~v[14];
#define G(a, b, c, d, x, y)                                  \
    v[a] = v[a] + v[b] + x; v[d] = rotr(v[d] ^ v[a], 32);    \
    v[c] = v[c] + v[d];     v[b] = rotr(v[b] ^ v[c], 24);    \
    v[a] = v[a] + v[b] + y; v[d] = rotr(v[d] ^ v[a], 16);    \
    v[c] = v[c] + v[d];     v[b] = rotr(v[b] ^ v[c], 63);
    for (int r = 0; r < 12; r++) {
        const uint8_t *s = SIGMA[r];
        G(0, 4, 8, 12, m[s[0]], m[s[1]]) G(1, 5, 9, 13, m[s[2]], m[s[3]]) G(2, 6, 10, 14, m[s[4]], m[s[5]])
        G(3, 7, 11, 15, m[s[6]], m[s[7]]) G(0, 5, 10, 15, m[s[8]], m[s[9]]) G(1, 6, 11, 12, m[s[10]], m[s[11]])
        G(2, 7, 8, 13, m[s[12]], m[s[13]]) G(3, 4, 9, 14, m[s[14]], m[s[15]])
    }
    for (int i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/* Unkeyed BLAKE2b-512 of data[0..len). */
static void blake2b(const uint8_t *data, size_t len, uint8_t out[64]) {
    uint64_t h[8]; uint8_t block[128];
    memcpy(h, IV, sizeof h);
    h[0] ^= 0x01010000ull ^ 64;
    size_t off = 0;
    while (len - off > 128) { compress(h, data + off, off + 128, 0); off += 128; }
    memset(block, 0, sizeof block);
    memcpy(block, data + off, len - off);
    compress(h, block, len, 1);
    for (int i = 0; i < 64; i++) out[i] = (uint8_t)(h[i / 8] >> (8 * (i % 8)));
}

static void hex(const uint8_t *d, int n, char *s) { for (int i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", d[i]); }

int main(void) {
    uint8_t d[64]; char s[129];
    blake2b((const uint8_t *)"abc", 3, d); hex(d, 64, s);
    if (strcmp(s, "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")) {
        fprintf(stderr, "blake2b: test vector mismatch\n"); return 1;
    }
    uint8_t *msg = malloc(64 + BUF_SIZE); /* msg[0..64) = previous digest, then the buffer */
    uint32_t x = 0x12345678u;
    for (uint32_t i = 0; i < BUF_SIZE; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; msg[64 + i] = (uint8_t)(x >> 24); }
    blake2b(msg + 64, BUF_SIZE, d);
    for (int c = 1; c < CHAIN; c++) { memcpy(msg, d, 64); blake2b(msg, 64 + BUF_SIZE, d); }
    hex(d, 64, s);
    printf("blake2b-512 bytes=%u chain=%d\n%s\n", BUF_SIZE, CHAIN, s);
    free(msg);
    return 0;
}
