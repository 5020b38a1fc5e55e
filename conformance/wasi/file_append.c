/* WASI preview1 conformance: file append (wasi-fs). */
#include "wasi_test.h"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    int fd = open("fs/log.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    CHECK(fd >= 0 && write(fd, "one\n", 4) == 4 && close(fd) == 0);
    fd = open("fs/log.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0 && write(fd, "two\n", 4) == 4 && close(fd) == 0);
    FILE *f = fopen("fs/log.txt", "r");
    CHECK(f != NULL);
    char buf[32] = {0};
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("%s", buf);
    return 0;
}
