/* WASI preview1 conformance: stdio large write (wasi-stdio). */
#include "wasi_test.h"
int main(void) {
    /* 64 KiB in one go: partial writes must be completed by the engine or libc. */
    static char buf[65536];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
    CHECK(fwrite(buf, 1, sizeof buf, stdout) == sizeof buf);
    fflush(stdout);
    fprintf(stderr, "done\n");
    return 0;
}
