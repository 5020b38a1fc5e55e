/* jacobi-2d: PolyBench-style 5-point Jacobi stencil, alternating between two N x N
 * double grids for T time steps. argv[1] = N, argv[2] = T. Prints checksums. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

static void kernel(int n, int tsteps, double *restrict A, double *restrict B) {
    for (int t = 0; t < tsteps; t++) {
        for (int i = 1; i < n - 1; i++)
            for (int j = 1; j < n - 1; j++)
                B[i * n + j] = 0.2 * (A[i * n + j] + A[i * n + j - 1] + A[i * n + j + 1] + A[(i + 1) * n + j] + A[(i - 1) * n + j]);
        for (int i = 1; i < n - 1; i++)
            for (int j = 1; j < n - 1; j++)
                A[i * n + j] = 0.2 * (B[i * n + j] + B[i * n + j - 1] + B[i * n + j + 1] + B[(i + 1) * n + j] + B[(i - 1) * n + j]);
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    int tsteps = argc > 2 ? atoi(argv[2]) : 100;
    double *A = malloc(sizeof(double) * n * n), *B = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            A[i * n + j] = ((double)i * (j + 2) + 2) / n;
            B[i * n + j] = ((double)i * (j + 3) + 3) / n;
        }
    bench_start();
    kernel(n, tsteps, A, B);
    bench_end();
    double sum = 0.0, wsum = 0.0;
    for (int i = 0; i < n * n; i++) { sum += A[i]; wsum += A[i] * (double)(i % 11 + 1); }
    printf("n=%d t=%d\nsum=%.9e\nweighted=%.9e\na_mid=%.17g\n", n, tsteps, sum, wsum, A[(n / 2) * n + n / 2]);
    free(A); free(B);
    return 0;
}
