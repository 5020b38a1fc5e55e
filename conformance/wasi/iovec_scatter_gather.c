/* WASI preview1 conformance: fd_write gathers several iovecs (one empty) in order and fd_read scatters into several; a host may
 * transfer fewer bytes than asked (Wasmtime moves one iovec per call), so the program advances past what was done and repeats. */
#include "wasi_raw.h"
/* Drops the first n bytes from an iovec list (in place); returns the count of iovecs left. */
static size_t advance(__wasi_iovec_t *v, size_t count, size_t n) {
    while (count > 0 && n >= v[0].buf_len) { n -= v[0].buf_len; v++; count--; }
    if (count > 0) { v[0].buf += n; v[0].buf_len -= n; }
    return count;
}
int main(void) {
    __wasi_fd_t fd = raw_open("sg.txt", __WASI_OFLAGS_CREAT, RIGHTS_RW, 0);
    __wasi_ciovec_t out[4] = { { (const uint8_t *)"abc", 3 }, { (const uint8_t *)"", 0 }, { (const uint8_t *)"defg", 4 }, { (const uint8_t *)"h\n", 2 } };
    __wasi_size_t n = 0, total = 0;
    __wasi_ciovec_t *o = out; size_t left = 4;
    while (left > 0 && !(left == 1 && o[0].buf_len == 0)) {
        if (__wasi_fd_write(fd, o, left, &n)) { printf("write failed\n"); return 1; }
        total += n;
        size_t before = left;
        left = advance((__wasi_iovec_t *)o, left, n);
        o += before - left;
        if (n == 0 && o[0].buf_len != 0) break;
    }
    printf("wrote %u\n", (unsigned)total);
    __wasi_filesize_t p;
    SHOW("seek", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &p));
    char a[2] = {0}, b[5] = {0}, c[16] = {0};
    __wasi_iovec_t in[3] = { { (uint8_t *)a, 1 }, { (uint8_t *)b, 4 }, { (uint8_t *)c, 15 } };
    __wasi_iovec_t *i = in; left = 3; total = 0;
    for (;;) {
        if (__wasi_fd_read(fd, i, left, &n)) { printf("read failed\n"); return 1; }
        if (n == 0) break;
        total += n;
        size_t before = left;
        left = advance(i, left, n);
        i += before - left;
        if (left == 0) break;
    }
    printf("read %u: [%s] [%s] [%s]\n", (unsigned)total, a, b, c);
    SHOW("read at end", __wasi_fd_read(fd, in, 3, &n));
    printf("read %u\n", (unsigned)n);
    SHOW("zero iovecs", __wasi_fd_write(fd, out, 0, &n));
    printf("wrote %u\n", (unsigned)n);
    return 0;
}
