/* WASI preview1 conformance: fd_tell follows reads, writes, seeks (SET, CUR, END, beyond the end) and is untouched by pread/pwrite. */
#include "wasi_raw.h"
static void tell(__wasi_fd_t fd, const char *what) {
    __wasi_filesize_t p = 0;
    __wasi_errno_t e = __wasi_fd_tell(fd, &p);
    printf("%s: errno %d position %llu\n", what, e, (unsigned long long)p);
}
int main(void) {
    __wasi_fd_t fd = raw_open("hello.txt", 0, RIGHTS_RW, 0);
    char buf[16]; __wasi_size_t n; __wasi_filesize_t p;
    tell(fd, "opened");
    (void)!raw_read(fd, buf, 5, &n); tell(fd, "after read 5");
    (void)!__wasi_fd_pread(fd, &(__wasi_iovec_t){ (uint8_t *)buf, 3 }, 1, 8, &n); tell(fd, "after pread");
    (void)!raw_write(fd, "XY", &n); tell(fd, "after write 2");
    (void)!__wasi_fd_pwrite(fd, &(__wasi_ciovec_t){ (const uint8_t *)"Z", 1 }, 1, 0, &n); tell(fd, "after pwrite");
    (void)!__wasi_fd_seek(fd, -2, __WASI_WHENCE_END, &p); tell(fd, "seek end -2");
    (void)!__wasi_fd_seek(fd, 100, __WASI_WHENCE_SET, &p); tell(fd, "seek beyond end");
    printf("size still %lld\n", raw_size(fd));
    tell(1, "stdout");
    return 0;
}
