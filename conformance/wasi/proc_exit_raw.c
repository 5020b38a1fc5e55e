/* WASI preview1 conformance: proc exit raw (wasi-proc). */
#include "wasi_test.h"
#include <wasi/api.h>
int main(void) {
    /* proc_exit directly: no stdio flush, nothing after it runs. */
    __wasi_proc_exit(42);
}
