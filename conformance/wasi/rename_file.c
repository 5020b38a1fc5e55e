/* WASI preview1 conformance: rename file (wasi-fs). */
#include "wasi_test.h"
#include <stdio.h>
#include <sys/stat.h>
int main(void) {
    CHECK(rename("fs/hello.txt", "fs/renamed.txt") == 0);
    struct stat st;
    CHECK(stat("fs/hello.txt", &st) != 0 && errno == ENOENT);
    CHECK(stat("fs/renamed.txt", &st) == 0 && st.st_size == 13);
    CHECK(rename("fs/renamed.txt", "fs/sub/moved.txt") == 0);
    CHECK(stat("fs/sub/moved.txt", &st) == 0);
    printf("rename ok\n");
    return 0;
}
