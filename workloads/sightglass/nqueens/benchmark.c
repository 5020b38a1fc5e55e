/* Counts the solutions of 10 queens by backtracking; the answer goes to stderr, and the
 * expected file lacks the final newline. */
#include <stdio.h>
#include "../sightglass.h"
static int solve(int n, int row, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n) return 1;
    int count = 0;
    for (unsigned free = ~(cols | d1 | d2) & ((1u << n) - 1); free; free &= free - 1) {
        unsigned bit = free & -free;
        count += solve(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
    return count;
}
int main(void) {
    bench_start();
    int r = solve(10, 0, 0, 0, 0);
    bench_end();
    fprintf(stderr, "10 queens: %d solutions\n", r);
    return 0;
}
