/* Sandbox: a symlink the guest makes, pointing out of its preopen by '..' (the escape found on Node and Deno). */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    int made = __wasi_path_symlink(UP "etc/passwd", PREOPEN, "r") == 0;
    report("guest symlink to " "../../etc/passwd, read", made && can_read_any(PREOPEN, "r"), "read the host's /etc/passwd");
    made = __wasi_path_symlink("..", PREOPEN, "out") == 0;
    report("guest symlink to .., create a file there", made && can_create(PREOPEN, "out/escaped.txt"), "created a file outside the preopen");
    return finish();
}
