/* WASI preview1 conformance: path escape absolute (wasi-sandbox). */
#include "wasi_test.h"
#include <fcntl.h>
int main(void) {
    int fd = open("/etc/passwd", O_RDONLY);
    printf("absolute path outside the preopens: %s\n", fd < 0 ? "denied" : "ALLOWED");
    return 0;
}
