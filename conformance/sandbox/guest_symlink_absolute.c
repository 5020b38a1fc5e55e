/* Sandbox: a symlink the guest makes with an absolute target. */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    int made = __wasi_path_symlink("/etc/passwd", PREOPEN, "a") == 0;
    report("guest symlink to /etc/passwd, read", made && can_read_any(PREOPEN, "a"), "read the host's /etc/passwd");
    made = __wasi_path_symlink("/etc", PREOPEN, "d") == 0;
    report("guest symlink to /etc, list", made && can_read_any(PREOPEN, "d"), "listed the host's /etc");
    return finish();
}
