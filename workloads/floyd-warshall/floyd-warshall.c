/* floyd-warshall: PolyBench-style all-pairs shortest paths on a generated weighted
 * digraph of N nodes (int32 distances, branch-free min). argv[1] = N, argv[2] = reps.
 * Prints a checksum of the distance matrix. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define INF 1000000000

static void kernel(int n, int32_t *restrict d) {
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++) {
            int32_t dik = d[i * n + k];
            for (int j = 0; j < n; j++) {
                int32_t via = dik + d[k * n + j];
                int32_t cur = d[i * n + j];
                d[i * n + j] = via < cur ? via : cur;
            }
        }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    int32_t *g = malloc(sizeof(int32_t) * n * n), *d = malloc(sizeof(int32_t) * n * n);
    uint32_t x = 12345u; /* LCG: about one edge in 7, weights 1..100 */
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            x = x * 1103515245u + 12345u;
            uint32_t r = x >> 16;
            g[i * n + j] = (i == j) ? 0 : (r % 7 == 0 ? (int32_t)(r % 100) + 1 : INF / 2);
        }
    bench_start();
    for (int r = 0; r < reps; r++) { memcpy(d, g, sizeof(int32_t) * n * n); kernel(n, d); }
    bench_end();
    uint64_t h = 1469598103934665603ull; long long sum = 0; int unreachable = 0;
    for (int i = 0; i < n * n; i++) {
        h = (h ^ (uint32_t)d[i]) * 1099511628211ull;
        if (d[i] >= INF / 2) unreachable++; else sum += d[i];
    }
    printf("n=%d reps=%d\nsum=%lld unreachable=%d\nfnv=%016llx\n", n, reps, sum, unreachable, (unsigned long long)h);
    free(g); free(d);
    return 0;
}
