/* WASI preview1 conformance: mkdir rmdir (wasi-fs). */
#include "wasi_test.h"
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
    CHECK(mkdir("fs/newdir", 0755) == 0);
    struct stat st;
    CHECK(stat("fs/newdir", &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(mkdir("fs/newdir", 0755) != 0 && errno == EEXIST);
    CHECK(rmdir("fs/newdir") == 0);
    CHECK(stat("fs/newdir", &st) != 0 && errno == ENOENT);
    printf("mkdir, rmdir ok\n");
    return 0;
}
