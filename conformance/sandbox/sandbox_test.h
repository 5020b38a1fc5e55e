/* Shared helpers of the sandbox conformance programs: escape attempts made through the raw
 * WASI preview1 calls (wasi-libc would refuse absolute paths itself, before the engine sees
 * them). Every program runs with one preopen, "fs" (fd 3), prints one line per attempt,
 * "WHAT: refused" or "WHAT: ESCAPED", the escapes' details on stderr, and exits 0 only when
 * every attempt was refused. Attempts only read outside, or write into the test's own
 * throwaway directory (the preopen's parent), never elsewhere. */
#ifndef SANDBOX_TEST_H
#define SANDBOX_TEST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* Deeper than any scratch path: '..' above / stays at /, so this reaches the host's root. */
#define UP "../../../../../../../../../../../../../../../../"

static const __wasi_fd_t PREOPEN = 3;
static int escapes = 0;

static inline void report(const char *what, int escaped, const char *detail) {
    printf("%s: %s\n", what, escaped ? "ESCAPED" : "refused");
    if (escaped) { escapes++; fprintf(stderr, "%s: %s\n", what, detail); }
}

static inline void require_preopen(void) {
    __wasi_prestat_t p;
    if (__wasi_fd_prestat_get(PREOPEN, &p) != 0 || p.tag != __WASI_PREOPENTYPE_DIR) {
        printf("setup: fd 3 is not the preopened directory\n");
        exit(2);
    }
}

/* Whether a directory listing (fd_readdir from cookie 0) names "passwd": the host's /etc does,
 * the sandbox's own /etc (the loader cache only) does not. */
static inline int lists_passwd(__wasi_fd_t fd) {
    static uint8_t buf[8192];
    __wasi_dircookie_t cookie = 0;
    for (int round = 0; round < 64; round++) {
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used) != 0 || used == 0) return 0;
        __wasi_size_t at = 0;
        while (at + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + at, sizeof d);
            if (at + sizeof d + d.d_namlen > used) break; /* truncated entry: read again from here */
            if (d.d_namlen == 6 && memcmp(buf + at + sizeof d, "passwd", 6) == 0) return 1;
            cookie = d.d_next;
            at += sizeof d + d.d_namlen;
        }
        if (used < sizeof buf) return 0;
    }
    return 0;
}

/* Opens PATH under DIR (with or without following a final symlink); true when a file gave bytes
 * or a directory listed "passwd" (the host's /etc). */
static inline int can_read(__wasi_fd_t dir, __wasi_lookupflags_t follow, const char *path) {
    __wasi_fd_t fd;
    if (__wasi_path_open(dir, follow, path, 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_READDIR, 0, 0, &fd) != 0) return 0;
    char buf[256];
    __wasi_iovec_t iov = { (uint8_t *)buf, sizeof buf };
    __wasi_size_t n = 0;
    int ok = __wasi_fd_read(fd, &iov, 1, &n) == 0 && n > 0;
    if (!ok) ok = lists_passwd(fd);
    (void)__wasi_fd_close(fd);
    return ok;
}

/* Either lookup flag: an engine that follows the link only when asked still escapes. */
static inline int can_read_any(__wasi_fd_t dir, const char *path) {
    return can_read(dir, 0, path) || can_read(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path);
}

/* Creates PATH under DIR; true when it worked (the file is then removed again). */
static inline int can_create(__wasi_fd_t dir, const char *path) {
    __wasi_fd_t fd;
    if (__wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, __WASI_OFLAGS_CREAT,
                         __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ, 0, 0, &fd) != 0) return 0;
    (void)__wasi_fd_close(fd);
    (void)__wasi_path_unlink_file(dir, path);
    return 1;
}

static inline int finish(void) { return escapes == 0 ? 0 : 1; }
#endif
