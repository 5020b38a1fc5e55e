/* WASI preview1 conformance: filestat file (wasi-fs). */
#include "wasi_test.h"
#include <sys/stat.h>
int main(void) {
    struct stat st;
    CHECK(stat("fs/hello.txt", &st) == 0);
    printf("regular=%d dir=%d size=%lld\n", S_ISREG(st.st_mode) != 0, S_ISDIR(st.st_mode) != 0, (long long)st.st_size);
    CHECK(st.st_mtim.tv_sec > 0);
    return 0;
}
