/* WASI preview1 conformance: output written before a trap is kept (stdout unbuffered in the host): the program traps after printing. */
#include "wasi_raw.h"
int main(void) {
    __wasi_size_t n;
    if (raw_write(1, "before trap\n", &n)) return 9;
    if (raw_write(2, "stderr before trap\n", &n)) return 9;
    __builtin_trap();
}
