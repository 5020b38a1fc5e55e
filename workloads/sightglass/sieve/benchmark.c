/* Sieve of Eratosthenes below 2,000,000. Prints the count with a newline; the expected file
 * has none (compared by lines, that is no difference). */
#include <stdio.h>
#include <stdlib.h>
#include "../sightglass.h"
#define N 2000000
int main(void) {
    unsigned char *composite = calloc(N, 1);
    if (!composite) return 1;
    bench_start();
    unsigned count = 0;
    for (unsigned i = 2; i < N; i++) {
        if (composite[i]) continue;
        count++;
        for (unsigned long long j = (unsigned long long)i * i; j < N; j += i) composite[j] = 1;
    }
    bench_end();
    printf("%u\n", count);
    free(composite);
    return 0;
}
