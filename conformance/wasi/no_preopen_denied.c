/* WASI preview1 conformance: no preopen denied (wasi-sandbox). */
#include "wasi_test.h"
#include <fcntl.h>
int main(void) {
    int fd = open("hello.txt", O_RDONLY);
    printf("open without any preopen: %s\n", fd < 0 ? "denied" : "ALLOWED");
    return 0;
}
