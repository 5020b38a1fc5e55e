/* Sandbox: symlinks the host placed in the preopened directory (fs/host-up -> ../../etc, fs/host-abs -> /etc). */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    report("host symlink to ../../etc, read passwd", can_read_any(PREOPEN, "host-up/passwd"), "read the host's /etc/passwd");
    report("host symlink to /etc, read passwd", can_read_any(PREOPEN, "host-abs/passwd"), "read the host's /etc/passwd");
    report("host symlink to /etc, list", can_read_any(PREOPEN, "host-abs"), "listed the host's /etc");
    return finish();
}
