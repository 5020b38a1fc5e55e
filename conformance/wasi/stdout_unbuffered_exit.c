/* WASI preview1 conformance: stdout and stderr written with raw fd_write reach their files at once: nothing is lost when proc_exit follows without a flush. */
#include "wasi_raw.h"
#include <stdlib.h>
int main(void) {
    __wasi_size_t n;
    for (int i = 0; i < 3; i++) {
        char line[32];
        snprintf(line, sizeof line, "out %d\n", i);
        if (raw_write(1, line, &n)) return 9;
        snprintf(line, sizeof line, "err %d\n", i);
        if (raw_write(2, line, &n)) return 9;
    }
    if (raw_write(1, "no newline at exit", &n)) return 9;
    __wasi_proc_exit(7);
}
