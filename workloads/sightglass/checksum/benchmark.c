/* Adler-32 of data.input, repeated 50 times; reports on stderr only (stdout stays empty). */
#include <stdio.h>
#include <stdlib.h>
#include "../sightglass.h"
int main(void) {
    FILE *f = fopen("data.input", "rb");
    if (!f) { perror("data.input"); return 1; }
    static unsigned char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    bench_start();
    unsigned long a = 1, b = 0;
    for (int round = 0; round < 50; round++)
        for (size_t i = 0; i < n; i++) { a = (a + buf[i]) % 65521; b = (b + a) % 65521; }
    bench_end();
    fprintf(stderr, "adler32 %08lx over %zu bytes x 50\n", (b << 16) | a, n);
    return 0;
}
