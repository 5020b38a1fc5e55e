/* nbody: the Computer Language Benchmarks Game n-body simulation (Jovian planets).
 * argv[1] = number of steps. Prints the energy before and after, fixed format. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

#include "nbody_core.h"

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 1000;
    offset_momentum(bodies);
    printf("%.9f\n", energy(bodies));
    bench_start();
    for (long i = 0; i < n; i++) advance(bodies, 0.01);
    bench_end();
    printf("%.9f\n", energy(bodies));
    return 0;
}
