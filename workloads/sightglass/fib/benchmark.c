/* Naive recursive Fibonacci: calls and returns. Prints to stdout. */
#include <stdio.h>
#include "../sightglass.h"
static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int main(void) {
    bench_start();
    unsigned r = fib(27);
    bench_end();
    printf("fib(27) = %u\n", r);
    return 0;
}
