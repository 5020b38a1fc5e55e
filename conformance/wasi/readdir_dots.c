/* WASI preview1 conformance: fd_readdir lists "." and ".." (as directories) along with the entries, each once. */
#include "wasi_raw.h"
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
int main(void) {
    __wasi_fd_t d = raw_open("sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0);
    static uint8_t buf[4096]; __wasi_size_t used = 0;
    SHOW("readdir", __wasi_fd_readdir(d, buf, sizeof buf, 0, &used));
    char *names[32]; int count = 0;
    for (size_t off = 0; off + sizeof(__wasi_dirent_t) <= used && count < 32;) {
        __wasi_dirent_t e; memcpy(&e, buf + off, sizeof e);
        char *name = calloc(1, e.d_namlen + 16);
        memcpy(name, buf + off + sizeof e, e.d_namlen);
        if (!strcmp(name, ".") || !strcmp(name, "..")) sprintf(name + e.d_namlen, " type %d", e.d_type);
        names[count++] = name;
        off += sizeof e + e.d_namlen;
    }
    qsort(names, count, sizeof names[0], cmp);
    for (int i = 0; i < count; i++) printf("%s\n", names[i]);
    return 0;
}
