/* CRC-32 of two input files (a.input, b.input), 20 rounds each. */
#include <stdio.h>
#include <stdint.h>
#include "../sightglass.h"
static uint32_t table[256];
static uint32_t crc(const unsigned char *p, size_t n) {
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++) c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}
static size_t slurp(const char *name, unsigned char *buf, size_t cap) {
    FILE *f = fopen(name, "rb");
    if (!f) { perror(name); return (size_t)-1; }
    size_t n = fread(buf, 1, cap, f);
    fclose(f);
    return n;
}
int main(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    static unsigned char a[1 << 16], b[1 << 16];
    size_t na = slurp("a.input", a, sizeof a), nb = slurp("b.input", b, sizeof b);
    if (na == (size_t)-1 || nb == (size_t)-1) return 1;
    uint32_t ca = 0, cb = 0;
    bench_start();
    for (int r = 0; r < 20; r++) { ca = crc(a, na); cb = crc(b, nb); }
    bench_end();
    printf("a.input %08x\nb.input %08x\n", ca, cb);
    return 0;
}
