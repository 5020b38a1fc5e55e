/* lu: PolyBench-style in-place LU decomposition without pivoting (Doolittle) of a
 * generated diagonally dominant N x N double matrix, repeated R times on a fresh copy.
 * argv[1] = N, argv[2] = R. Prints checksums of L and U with a fixed format. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

static void kernel(int n, double *restrict A) {
    for (int k = 0; k < n; k++) {
        double pivot = A[k * n + k];
        for (int i = k + 1; i < n; i++) A[i * n + k] /= pivot;
        for (int i = k + 1; i < n; i++) {
            double l = A[i * n + k];
            for (int j = k + 1; j < n; j++) A[i * n + j] -= l * A[k * n + j];
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 500;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    double *A0 = malloc(sizeof(double) * n * n), *A = malloc(sizeof(double) * n * n);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            A0[i * n + j] = (i == j) ? (double)n + 1.0 : (double)((i * 7 + j * 13) % 17 - 8) / 16.0;
    double usum = 0.0, lsum = 0.0;
    bench_start();
    for (int r = 0; r < reps; r++) {
        memcpy(A, A0, sizeof(double) * n * n);
        kernel(n, A);
    }
    bench_end();
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            if (j >= i) usum += A[i * n + j] * (double)(j % 5 + 1);
            else lsum += A[i * n + j] * (double)(i % 3 + 1);
        }
    printf("n=%d reps=%d\nu=%.9e\nl=%.9e\nu_last=%.17g\n", n, reps, usum, lsum, A[n * n - 1]);
    free(A0); free(A);
    return 0;
}
