/* binary-trees: Benchmarks Game allocation benchmark: many short-lived perfect binary
 * trees built with malloc and freed node by node, plus one long-lived tree.
 * argv[1] = max depth. Output is the reference program's text. */
#include <stdio.h>
#include <stdlib.h>
#include "bench.h"

typedef struct Node { struct Node *left, *right; } Node;

static Node *make(int depth) {
    Node *n = malloc(sizeof(Node));
    if (depth > 0) { n->left = make(depth - 1); n->right = make(depth - 1); }
    else n->left = n->right = NULL;
    return n;
}
static long check(const Node *n) { return 1 + (n->left ? check(n->left) + check(n->right) : 0); }
static void release(Node *n) { if (n->left) { release(n->left); release(n->right); } free(n); }

int main(int argc, char **argv) {
    int max_depth = argc > 1 ? atoi(argv[1]) : 10;
    if (max_depth < 6) max_depth = 6;
    /* Output is collected during the region and printed after it. */
    static char out[4096]; int len = 0;
    bench_start();
    Node *stretch = make(max_depth + 1);
    len += snprintf(out + len, sizeof out - len, "stretch tree of depth %d\t check: %ld\n", max_depth + 1, check(stretch));
    release(stretch);
    Node *long_lived = make(max_depth);
    for (int d = 4; d <= max_depth; d += 2) {
        long iterations = 1L << (max_depth - d + 4), sum = 0;
        for (long i = 0; i < iterations; i++) { Node *t = make(d); sum += check(t); release(t); }
        len += snprintf(out + len, sizeof out - len, "%ld\t trees of depth %d\t check: %ld\n", iterations, d, sum);
    }
    len += snprintf(out + len, sizeof out - len, "long lived tree of depth %d\t check: %ld\n", max_depth, check(long_lived));
    release(long_lived);
    bench_end();
    fputs(out, stdout);
    return 0;
}
