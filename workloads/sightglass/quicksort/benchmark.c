/* Sorts 200,000 pseudo-random numbers; the result on stdout, a progress note on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "../sightglass.h"
#define N 200000
static uint32_t v[N];
static void sort(uint32_t *x, long lo, long hi) {
    while (lo < hi) {
        uint32_t p = x[lo + (hi - lo) / 2];
        long i = lo, j = hi;
        while (i <= j) {
            while (x[i] < p) i++;
            while (x[j] > p) j--;
            if (i <= j) { uint32_t t = x[i]; x[i] = x[j]; x[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { sort(x, lo, j); lo = i; } else { sort(x, i, hi); hi = j; }
    }
}
int main(void) {
    uint32_t s = 12345;
    for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; v[i] = s >> 8; }
    fprintf(stderr, "sorting %d numbers\n", N);
    bench_start();
    sort(v, 0, N - 1);
    bench_end();
    for (int i = 1; i < N; i++) if (v[i - 1] > v[i]) { fprintf(stderr, "not sorted at %d\n", i); return 1; }
    printf("min %u\nmedian %u\nmax %u\n", v[0], v[N / 2], v[N - 1]);
    fprintf(stderr, "sorted\n");
    return 0;
}
