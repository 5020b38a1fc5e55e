/* WASI preview1 conformance: readdir list (wasi-fs). */
#include "wasi_test.h"
#include <dirent.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
int main(void) {
    DIR *d = opendir("fs/sub");
    CHECK(d != NULL);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        CHECK(n < 16);
        names[n++] = strdup(e->d_name);
    }
    CHECK(closedir(d) == 0);
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) printf("%s\n", names[i]);
    return 0;
}
