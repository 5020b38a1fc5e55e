/* Sandbox: hard links from outside the preopen into it (read back through the link). */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    int made = __wasi_path_link(PREOPEN, 0, UP "etc/passwd", PREOPEN, "hl") == 0;
    report("hard link of ../../etc/passwd, read", made && can_read_any(PREOPEN, "hl"), "linked and read the host's /etc/passwd");
    made = __wasi_path_link(PREOPEN, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host-abs/passwd", PREOPEN, "hl2") == 0;
    report("hard link through host symlink to /etc/passwd, read", made && can_read_any(PREOPEN, "hl2"), "linked and read the host's /etc/passwd");
    return finish();
}
