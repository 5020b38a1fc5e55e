/* WASI preview1 conformance: path escape symlink (wasi-sandbox). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    /* An engine may refuse to create a symlink pointing out of the preopen, or create it
     * and refuse to follow it; either way nothing outside may be reached through it. */
    int made = symlink("../../../../../../etc", "fs/up") == 0;
    int fd = made ? open("fs/up/passwd", O_RDONLY) : -1;
    printf("escape through a symlink: %s\n", fd < 0 ? "denied" : "ALLOWED");
    return 0;
}
