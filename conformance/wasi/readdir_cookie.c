/* WASI preview1 conformance: fd_readdir resumed from each entry's d_next cookie with a buffer too small for all, visits every entry exactly once. */
#include "wasi_raw.h"
#include <stdlib.h>
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
int main(void) {
    __wasi_fd_t d = raw_open("sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0);
    char *names[64]; int count = 0, calls = 0;
    __wasi_dircookie_t cookie = __WASI_DIRCOOKIE_START;
    for (;;) {
        uint8_t buf[40]; __wasi_size_t used = 0; /* room for one entry with a short name */
        __wasi_errno_t e = __wasi_fd_readdir(d, buf, sizeof buf, cookie, &used);
        if (e) { printf("readdir: %d\n", e); return 1; }
        calls++;
        if (used < sizeof(__wasi_dirent_t)) break;
        __wasi_dirent_t ent; memcpy(&ent, buf, sizeof ent);
        if (sizeof ent + ent.d_namlen > used) { printf("entry cut short\n"); return 1; }
        names[count] = calloc(1, ent.d_namlen + 1);
        memcpy(names[count++], buf + sizeof ent, ent.d_namlen);
        cookie = ent.d_next;
        if (count >= 64) break;
    }
    qsort(names, count, sizeof names[0], cmp);
    for (int i = 0; i < count; i++) printf("%s\n", names[i]);
    printf("entries %d, more calls than entries: %d\n", count, calls > count);
    return 0;
}
