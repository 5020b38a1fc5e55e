/* WASI preview1 conformance: path escape dotdot (wasi-sandbox). */
#include "wasi_test.h"
#include <fcntl.h>
int main(void) {
    int fd = open("fs/../outside.txt", O_CREAT | O_WRONLY, 0644);
    printf("create outside via ..: %s\n", fd < 0 ? "denied" : "ALLOWED");
    fd = open("fs/sub/../../../etc/passwd", O_RDONLY);
    printf("read /etc/passwd via ..: %s\n", fd < 0 ? "denied" : "ALLOWED");
    return 0;
}
