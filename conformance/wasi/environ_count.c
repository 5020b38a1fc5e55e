/* WASI preview1 conformance: environ count (wasi-environ). */
#include "wasi_test.h"
extern char **environ;
int main(void) {
    int n = 0;
    for (char **e = environ; *e; e++) n++;
    printf("count=%d\n", n);
    return 0;
}
