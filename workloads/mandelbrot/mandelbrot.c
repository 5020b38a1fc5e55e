/* mandelbrot: Benchmarks Game Mandelbrot set on an N x N grid (50 iterations, escape
 * radius 2), computed 8 pixels at a time in plain loops the vectorizer can map to
 * SIMD lanes. argv[1] = N (multiple of 8). Prints the PBM size, the number of
 * pixels in the set and an FNV-1a hash of the bitmap (not the bitmap itself). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static void render(int n, uint8_t *bits) {
    const int row_bytes = n / 8;
    for (int y = 0; y < n; y++) {
        const double ci = 2.0 * y / n - 1.0;
        for (int xb = 0; xb < n; xb += 8) {
            double cr[8], zr[8], zi[8], tr[8], ti[8];
            for (int l = 0; l < 8; l++) { cr[l] = 2.0 * (xb + l) / n - 1.5; zr[l] = zi[l] = tr[l] = ti[l] = 0.0; }
            int it = 0, alive;
            do {
                for (int k = 0; k < 5; k++)
                    for (int l = 0; l < 8; l++) {
                        zi[l] = 2.0 * zr[l] * zi[l] + ci;
                        zr[l] = tr[l] - ti[l] + cr[l];
                        tr[l] = zr[l] * zr[l];
                        ti[l] = zi[l] * zi[l];
                    }
                it += 5;
                alive = 0;
                for (int l = 0; l < 8; l++) alive |= (tr[l] + ti[l] <= 4.0);
            } while (it < 50 && alive);
            uint8_t byte = 0;
            for (int l = 0; l < 8; l++) byte |= (uint8_t)((tr[l] + ti[l] <= 4.0) << (7 - l));
            bits[y * row_bytes + xb / 8] = byte;
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 200;
    n = (n + 7) & ~7;
    uint8_t *bits = malloc((size_t)n * n / 8);
    bench_start();
    render(n, bits);
    bench_end();
    uint64_t h = 1469598103934665603ull; long inside = 0;
    for (size_t i = 0; i < (size_t)n * n / 8; i++) {
        h = (h ^ bits[i]) * 1099511628211ull;
        inside += __builtin_popcount(bits[i]);
    }
    printf("P4 %d %d\ninside=%ld\nfnv=%016llx\n", n, n, inside, (unsigned long long)h);
    free(bits);
    return 0;
}
