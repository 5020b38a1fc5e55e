/* WASI preview1 conformance: readdir types (wasi-fs). */
#include "wasi_test.h"
#include <dirent.h>
int main(void) {
    DIR *d = opendir("fs");
    CHECK(d != NULL);
    int files = 0, dirs = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, "hello.txt") == 0) files += e->d_type == DT_REG;
        if (strcmp(e->d_name, "sub") == 0) dirs += e->d_type == DT_DIR;
    }
    closedir(d);
    printf("hello.txt is a file: %d, sub is a directory: %d\n", files, dirs);
    return 0;
}
