/* Sandbox: renames across the preopen boundary, directly and through a guest-made symlink. */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    report("rename victim.txt to ../moved.txt", __wasi_path_rename(PREOPEN, "victim.txt", PREOPEN, "../moved.txt") == 0,
           "moved a file out of the preopen");
    int made = __wasi_path_symlink("..", PREOPEN, "out") == 0;
    report("rename hello.txt into a guest symlink to ..", made && __wasi_path_rename(PREOPEN, "hello.txt", PREOPEN, "out/moved2.txt") == 0,
           "moved a file out of the preopen");
    return finish();
}
