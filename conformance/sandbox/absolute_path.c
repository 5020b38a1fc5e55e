/* Sandbox: absolute paths handed to the engine directly (wasi-libc would refuse them itself). */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    report("/etc/passwd, read", can_read_any(PREOPEN, "/etc/passwd"), "read the host's /etc/passwd");
    report("/etc, list", can_read_any(PREOPEN, "/etc"), "listed the host's /etc");
    return finish();
}
