/* An open-addressing hash set checked against a bitmap: prints the number of mismatches,
 * "0\n", where the expected file says "0" (the case byte comparison gets wrong). */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include "../sightglass.h"
#define SLOTS (1 << 17)
#define RANGE (1 << 20)
static uint32_t slot[SLOTS];
static unsigned char present[RANGE / 8];
static void insert(uint32_t k) {
    uint32_t h = (k * 2654435761u) & (SLOTS - 1);
    while (slot[h] && slot[h] != k) h = (h + 1) & (SLOTS - 1);
    slot[h] = k;
}
static int contains(uint32_t k) {
    uint32_t h = (k * 2654435761u) & (SLOTS - 1);
    while (slot[h]) { if (slot[h] == k) return 1; h = (h + 1) & (SLOTS - 1); }
    return 0;
}
int main(void) {
    uint32_t s = 7;
    unsigned mismatches = 0;
    bench_start();
    for (int i = 0; i < 60000; i++) {
        s = s * 1664525u + 1013904223u;
        uint32_t k = 1 + (s >> 12) % (RANGE - 1);
        insert(k);
        present[k / 8] |= (unsigned char)(1 << (k % 8));
    }
    for (uint32_t k = 1; k < RANGE; k++)
        if (contains(k) != !!(present[k / 8] & (1 << (k % 8)))) mismatches++;
    bench_end();
    printf("%u\n", mismatches);
    return 0;
}
