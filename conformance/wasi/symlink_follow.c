/* WASI preview1 conformance: symlink follow (wasi-fs). */
#include "wasi_test.h"
#include <unistd.h>
int main(void) {
    /* path_open follows a relative symlink inside the preopen to its target. */
    CHECK(symlink("hello.txt", "fs/link") == 0);
    FILE *f = fopen("fs/link", "r");
    CHECK(f != NULL);
    char buf[32] = {0};
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("through link: %s", buf);
    CHECK(symlink("sub/a.txt", "fs/deep") == 0);
    f = fopen("fs/deep", "r");
    CHECK(f != NULL);
    memset(buf, 0, sizeof buf);
    fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("through deep link: %s", buf);
    return 0;
}
