/* Counts lines, words and bytes of default.input (read from the working directory, as
 * Sightglass benchmarks do), like wc. */
#include <ctype.h>
#include <stdio.h>
#include "../sightglass.h"
int main(void) {
    FILE *f = fopen("default.input", "rb");
    if (!f) { perror("default.input"); return 1; }
    static char buf[1 << 16];
    bench_start();
    unsigned long lines = 0, words = 0, bytes = 0;
    int in_word = 0;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)buf[i];
            if (c == '\n') lines++;
            if (isspace(c)) in_word = 0;
            else if (!in_word) { in_word = 1; words++; }
        }
        bytes += n;
    }
    bench_end();
    fclose(f);
    printf("lines %lu\nwords %lu\nbytes %lu\n", lines, words, bytes);
    return 0;
}
