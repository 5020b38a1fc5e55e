/* 2mm: PolyBench-style two chained matrix products, tmp = alpha*A*B; D = tmp*C + beta*D,
 * on N x N doubles (i-k-j loop order: the inner loop vectorizes without reassociation).
 * argv[1] = N, argv[2] = repetitions. Prints checksums with a fixed format. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static void kernel(int n, double alpha, double beta, double *restrict tmp, const double *restrict A,
                   const double *restrict B, const double *restrict C, double *restrict D) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) tmp[i * n + j] = 0.0;
        for (int k = 0; k < n; k++) {
            double a = alpha * A[i * n + k];
            for (int j = 0; j < n; j++) tmp[i * n + j] += a * B[k * n + j];
        }
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) D[i * n + j] *= beta;
        for (int k = 0; k < n; k++) {
            double t = tmp[i * n + k];
            for (int j = 0; j < n; j++) D[i * n + j] += t * C[k * n + j];
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 256;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    size_t sz = sizeof(double) * (size_t)n * n;
    double *A = malloc(sz), *B = malloc(sz), *C = malloc(sz), *D = malloc(sz), *tmp = malloc(sz);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            A[i * n + j] = (double)((i * j + 1) % n) / n;
            B[i * n + j] = (double)(i * (j + 1) % n) / n;
            C[i * n + j] = (double)((i * (j + 3) + 1) % n) / n;
            D[i * n + j] = (double)(i * (j + 2) % n) / n;
        }
    bench_start();
    for (int r = 0; r < reps; r++) kernel(n, 1.5, 1.2, tmp, A, B, C, D);
    bench_end();
    double sum = 0.0, wsum = 0.0;
    for (int i = 0; i < n * n; i++) { sum += D[i]; wsum += D[i] * (double)(i % 13 + 1); }
    printf("n=%d reps=%d\nsum=%.9e\nweighted=%.9e\nd00=%.17g\n", n, reps, sum, wsum, D[0]);
    free(A); free(B); free(C); free(D); free(tmp);
    return 0;
}
