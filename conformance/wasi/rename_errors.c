/* WASI preview1 conformance: rename replaces a file, moves a directory onto an empty one, and refuses a non-empty target and a move into itself. */
#include "wasi_raw.h"
int main(void) {
    __wasi_filestat_t st;
    SHOW("file onto file", __wasi_path_rename(PRE, "sub/a.txt", PRE, "sub/b.txt"));
    SHOW("stat b", __wasi_path_filestat_get(PRE, 0, "sub/b.txt", &st));
    printf("b size %llu\n", (unsigned long long)st.size);
    SHOW("stat a", __wasi_path_filestat_get(PRE, 0, "sub/a.txt", &st));
    SHOW("mkdir e", __wasi_path_create_directory(PRE, "e"));
    SHOW("mkdir f", __wasi_path_create_directory(PRE, "f"));
    SHOW("dir onto empty dir", __wasi_path_rename(PRE, "e", PRE, "f"));
    SHOW("dir onto non-empty dir", __wasi_path_rename(PRE, "f", PRE, "sub"));
    SHOW("dir into itself", __wasi_path_rename(PRE, "sub", PRE, "sub/inner"));
    SHOW("file to same name", __wasi_path_rename(PRE, "hello.txt", PRE, "hello.txt"));
    SHOW("stat hello", __wasi_path_filestat_get(PRE, 0, "hello.txt", &st));
    return 0;
}
