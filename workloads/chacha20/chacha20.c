/* chacha20: RFC 8439 ChaCha20 stream cipher encrypting a generated 1 MiB buffer in
 * place, `rounds` times (nonce = round number). Four blocks are computed side by side
 * in lane loops, so -msimd128 can map them to i32x4. Checks the RFC 8439 2.3.2 test
 * vector first; prints an FNV-1a hash of the final ciphertext. argv[1] = rounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define BUF_SIZE (1u << 20)
#define LANES 4

static inline uint32_t load32(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

#define QR(a, b, c, d)                                                                     \
    for (int l = 0; l < LANES; l++) {                                                      \
        x[a][l] += x[b][l]; x[d][l] ^= x[a][l]; x[d][l] = (x[d][l] << 16) | (x[d][l] >> 16); \
        x[c][l] += x[d][l]; x[b][l] ^= x[c][l]; x[b][l] = (x[b][l] << 12) | (x[b][l] >> 20); \
        x[a][l] += x[b][l]; x[d][l] ^= x[a][l]; x[d][l] = (x[d][l] << 8) | (x[d][l] >> 24);  \
        x[c][l] += x[d][l]; x[b][l] ^= x[c][l]; x[b][l] = (x[b][l] << 7) | (x[b][l] >> 25);  \
    }

/* Keystream for LANES consecutive blocks starting at `counter`, serialized block by block. */
static void blocks(const uint32_t in[16], uint32_t counter, uint8_t out[64 * LANES]) {
    uint32_t s[16][LANES], x[16][LANES];
    for (int i = 0; i < 16; i++)
        for (int l = 0; l < LANES; l++) s[i][l] = in[i];
    for (int l = 0; l < LANES; l++) s[12][l] = counter + (uint32_t)l;
    memcpy(x, s, sizeof x);
    for (int r = 0; r < 10; r++) {
        QR(0, 4, 8, 12) QR(1, 5, 9, 13) QR(2, 6, 10, 14) QR(3, 7, 11, 15)
        QR(0, 5, 10, 15) QR(1, 6, 11, 12) QR(2, 7, 8, 13) QR(3, 4, 9, 14)
    }
    for (int i = 0; i < 16; i++)
        for (int l = 0; l < LANES; l++) {
            uint32_t v = x[i][l] + s[i][l];
            uint8_t *o = out + 64 * l + 4 * i;
            o[0] = (uint8_t)v; o[1] = (uint8_t)(v >> 8); o[2] = (uint8_t)(v >> 16); o[3] = (uint8_t)(v >> 24);
        }
}

static void setup(uint32_t st[16], const uint8_t key[32], const uint8_t nonce[12]) {
    st[0] = 0x61707865; st[1] = 0x3320646e; st[2] = 0x79622d32; st[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) st[4 + i] = load32(key + 4 * i);
    st[12] = 0;
    for (int i = 0; i < 3; i++) st[13 + i] = load32(nonce + 4 * i);
}

static void encrypt(const uint8_t key[32], const uint8_t nonce[12], uint32_t counter, uint8_t *buf, size_t n) {
    uint32_t st[16]; uint8_t ks[64 * LANES];
    setup(st, key, nonce);
    for (size_t off = 0; off < n; off += sizeof ks, counter += LANES) {
        blocks(st, counter, ks);
        size_t take = n - off < sizeof ks ? n - off : sizeof ks;
        for (size_t i = 0; i < take; i++) buf[off + i] ^= ks[i];
    }
}

static int selftest(void) { /* RFC 8439 section 2.3.2 */
    uint8_t key[32], nonce[12] = {0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0}, ks[64 * LANES];
    static const uint8_t expect[16] = {0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4};
    uint32_t st[16];
    for (int i = 0; i < 32; i++) key[i] = (uint8_t)i;
    setup(st, key, nonce);
    blocks(st, 1, ks);
    return memcmp(ks, expect, 16) == 0;
}

int main(int argc, char **argv) {
    long rounds = argc > 1 ? atol(argv[1]) : 1;
    if (!selftest()) { fprintf(stderr, "chacha20: RFC 8439 test vector mismatch\n"); return 1; }
    uint8_t *buf = malloc(BUF_SIZE), key[32], nonce[12] = {0};
    uint64_t x = 0x243F6A8885A308D3ull;
    for (uint32_t i = 0; i < BUF_SIZE; i++) { x ^= x << 13; x ^= x >> 7; x ^= x << 17; buf[i] = (uint8_t)x; }
    for (int i = 0; i < 32; i++) key[i] = (uint8_t)(i * 7 + 3);
    bench_start();
    for (long r = 0; r < rounds; r++) {
        nonce[0] = (uint8_t)r; nonce[1] = (uint8_t)(r >> 8); nonce[2] = (uint8_t)(r >> 16);
        encrypt(key, nonce, 1, buf, BUF_SIZE);
    }
    bench_end();
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < BUF_SIZE; i++) h = (h ^ buf[i]) * 1099511628211ull;
    printf("rounds=%ld bytes=%u\nfnv=%016llx\n", rounds, BUF_SIZE, (unsigned long long)h);
    free(buf);
    return 0;
}
