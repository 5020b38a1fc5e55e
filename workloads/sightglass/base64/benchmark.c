/* Base64-encodes message.input 200 times; prints the last encoding. */
#include <stdio.h>
#include <string.h>
#include "../sightglass.h"
static const char T[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static size_t encode(const unsigned char *in, size_t n, char *out) {
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = in[i] << 16 | (i + 1 < n ? in[i + 1] << 8 : 0) | (i + 2 < n ? in[i + 2] : 0);
        out[o++] = T[v >> 18 & 63];
        out[o++] = T[v >> 12 & 63];
        out[o++] = i + 1 < n ? T[v >> 6 & 63] : '=';
        out[o++] = i + 2 < n ? T[v & 63] : '=';
    }
    out[o] = 0;
    return o;
}
int main(void) {
    FILE *f = fopen("message.input", "rb");
    if (!f) { perror("message.input"); return 1; }
    static unsigned char in[4096];
    static char out[8192];
    size_t n = fread(in, 1, sizeof in, f);
    fclose(f);
    size_t len = 0;
    bench_start();
    for (int r = 0; r < 200; r++) len = encode(in, n, out);
    bench_end();
    printf("%s\n%zu characters\n", out, len);
    return 0;
}
