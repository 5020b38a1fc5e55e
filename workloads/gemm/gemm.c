/* gemm: PolyBench-style C = alpha*A*B + beta*C on N x N doubles (i-k-j loop order,
 * so the inner loop vectorizes without reassociating any sum). argv[1] = N,
 * argv[2] = repetitions. Prints a checksum of C with a fixed format. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static void kernel(int n, double alpha, double beta, double *restrict C, const double *restrict A, const double *restrict B) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) C[i * n + j] *= beta;
        for (int k = 0; k < n; k++) {
            double a = alpha * A[i * n + k];
            for (int j = 0; j < n; j++) C[i * n + j] += a * B[k * n + j];
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 256;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    double *A = malloc(sizeof(double) * n * n), *B = malloc(sizeof(double) * n * n), *C = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            A[i * n + j] = (double)((i * j + 1) % n) / n;
            B[i * n + j] = (double)((i * (j + 1) + 2) % n) / n;
            C[i * n + j] = (double)((i * (j + 2) + 3) % n) / n;
        }
    bench_start();
    for (int r = 0; r < reps; r++) kernel(n, 1.5, 0.5, C, A, B);
    bench_end();
    double sum = 0.0, wsum = 0.0;
    for (int i = 0; i < n * n; i++) { sum += C[i]; wsum += C[i] * (double)(i % 7 + 1); }
    printf("n=%d reps=%d\nsum=%.9e\nweighted=%.9e\nc00=%.17g\n", n, reps, sum, wsum, C[0]);
    free(A); free(B); free(C);
    return 0;
}
