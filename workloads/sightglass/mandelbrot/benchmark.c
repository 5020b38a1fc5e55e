/* An ASCII Mandelbrot set, 60x24, 500 iterations per point: many lines of stdout. */
#include <stdio.h>
#include "../sightglass.h"
int main(void) {
    static char rows[24][61];
    bench_start();
    for (int y = 0; y < 24; y++) {
        for (int x = 0; x < 60; x++) {
            double cr = -2.2 + x * 3.0 / 60, ci = -1.2 + y * 2.4 / 24, zr = 0, zi = 0;
            int i = 0;
            while (i < 500 && zr * zr + zi * zi <= 4) { double t = zr * zr - zi * zi + cr; zi = 2 * zr * zi + ci; zr = t; i++; }
            rows[y][x] = i == 500 ? '#' : i > 12 ? '+' : i > 5 ? '.' : ' ';
        }
        rows[y][60] = 0;
    }
    bench_end();
    for (int y = 0; y < 24; y++) puts(rows[y]);
    return 0;
}
