/* 96x96 integer matrix product; prints the trace and a corner. Expected file lacks the final newline. */
#include <stdio.h>
#include <stdint.h>
#include "../sightglass.h"
#define N 96
static int32_t a[N][N], b[N][N], c[N][N];
int main(void) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) { a[i][j] = (i * 7 + j * 3) % 17 - 8; b[i][j] = (i * 5 + j * 11) % 13 - 6; }
    bench_start();
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
    bench_end();
    long long trace = 0;
    for (int i = 0; i < N; i++) trace += c[i][i];
    printf("trace %lld\ncorner %d %d\n", trace, c[0][0], c[N - 1][N - 1]);
    return 0;
}
