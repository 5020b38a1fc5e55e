/* reference.c: the C twin of nbody.ts (the physics of ../nbody/nbody_core.h). AssemblyScript has no
 * native build: `expect` in workload.toml is the sha256 of this program's stdout (clang-22
 * -ffp-contract=off -O2 reference.c -lm). Not part of the workload's build.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>


#include "../nbody/nbody_core.h"

#include <stdint.h>
#include <string.h>
static unsigned long long bits(double v) { uint64_t b; memcpy(&b, &v, 8); return (unsigned long long)b; }

int main(void) {
    offset_momentum(bodies);
    double before = energy(bodies);
    for (long i = 0; i < 1000000; i++) advance(bodies, 0.01);
    double after = energy(bodies);
    printf("steps=1000000\nenergy_before=%016llx\nenergy_after=%016llx\n", bits(before), bits(after));
    return 0;
}
