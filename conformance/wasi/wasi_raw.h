/* Helpers of the programs that call WASI preview1 functions directly (wasi/api.h): each
 * call's errno is printed, so the expected stdout (recorded from Wasmtime) is the oracle.
 * The first preopen ("fs") is descriptor 3. */
#ifndef WASI_RAW_H
#define WASI_RAW_H
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

#define PRE 3
/* Every preview1 right (bits 0..28): Wasmtime traps on a rights word with unknown bits. */
#define RIGHTS_ALL ((__wasi_rights_t)0x1FFFFFFF)
#define SHOW(label, call) printf("%s: %d\n", label, (int)(call))

/* Opens a path under the preopen with the given rights (inheriting: all), or prints why not. */
static inline __wasi_fd_t raw_open(const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights, __wasi_fdflags_t fdflags) {
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    __wasi_errno_t e = __wasi_path_open(PRE, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, rights, RIGHTS_ALL, fdflags, &fd);
    if (e != 0) { printf("open %s: %d\n", path, (int)e); return (__wasi_fd_t)-1; }
    return fd;
}

#define RIGHTS_RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | \
    __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | \
    __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC | \
    __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)
#define RIGHTS_RO (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET)

static inline __wasi_errno_t raw_write(__wasi_fd_t fd, const char *s, __wasi_size_t *n) {
    __wasi_ciovec_t iov = { (const uint8_t *)s, strlen(s) };
    return __wasi_fd_write(fd, &iov, 1, n);
}

static inline __wasi_errno_t raw_read(__wasi_fd_t fd, char *buf, __wasi_size_t len, __wasi_size_t *n) {
    __wasi_iovec_t iov = { (uint8_t *)buf, len };
    return __wasi_fd_read(fd, &iov, 1, n);
}

static inline long long raw_size(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    __wasi_errno_t e = __wasi_fd_filestat_get(fd, &st);
    return e ? -(long long)e : (long long)st.size;
}
#endif
