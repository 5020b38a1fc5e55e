/* Sandbox: '..' above the preopen, directly and after descending. */
#include "sandbox_test.h"
int main(void) {
    require_preopen();
    report("../../etc/passwd, read", can_read_any(PREOPEN, UP "etc/passwd"), "read the host's /etc/passwd");
    report("hello.txt/../" "../../etc/passwd, read", can_read_any(PREOPEN, "hello.txt/../" UP "etc/passwd"), "read the host's /etc/passwd");
    report("../escaped.txt, create", can_create(PREOPEN, "../escaped.txt"), "created a file outside the preopen");
    return finish();
}
