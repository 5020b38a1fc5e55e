/* WASI preview1 path calls (path_*), each confined to its preopen. A guest path is walked
 * one component at a time from its directory descriptor, as WasiPreview1.Links.cs does: a
 * component that is a symlink (the last one only when the lookup follows links) is replaced
 * by its target, which must be relative, and no step, '..' or a link, may leave the
 * preopen. So a link the guest makes to "../../etc" exists, but nothing is reached through
 * it. Absolute paths, absolute link targets and escapes are ENOTCAPABLE. */
#define _GNU_SOURCE
#include "wasi-host.h"
#include "wasi-imports.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* More links than this in one lookup is a loop (ELOOP), as on Linux. */
#define MAX_LINKS_PER_LOOKUP 40

/* A guest string as a malloc'd C string; NULL with *err set when out of memory bounds or holding a NUL. */
static char* guest_string(obs_wasi_t* w, uint32_t ptr, uint32_t len, uint32_t* err) {
  uint8_t* p = obs_mem(w, ptr, len);
  if (!p) { *err = W_EFAULT; return NULL; }
  if (memchr(p, 0, len)) { *err = W_ENOTCAPABLE; return NULL; }
  char* s = malloc((size_t)len + 1);
  memcpy(s, p, len);
  s[len] = 0;
  return s;
}

static int is_link(const char* host) {
  struct stat st;
  return lstat(host, &st) == 0 && S_ISLNK(st.st_mode);
}

/* A stack of path components still to walk. */
typedef struct {
  char** items;
  size_t count, cap;
} parts_t;

static void push_path(parts_t* s, const char* path) {
  /* Components are pushed last first, so the first is popped first. */
  size_t n = strlen(path);
  size_t end = n;
  while (end > 0) {
    size_t start = end;
    while (start > 0 && path[start - 1] != '/') start--;
    if (end > start) {
      if (s->count == s->cap) s->items = realloc(s->items, (s->cap = s->cap ? 2 * s->cap : 16) * sizeof *s->items);
      s->items[s->count++] = strndup(path + start, end - start);
    }
    end = start > 0 ? start - 1 : 0;
  }
}

static void free_parts(parts_t* s) {
  for (size_t i = 0; i < s->count; i++) free(s->items[i]);
  free(s->items);
}

static size_t trimmed_len(const char* p) {
  size_t n = strlen(p);
  while (n > 1 && p[n - 1] == '/') n--;
  return n;
}

uint32_t obs_resolve(obs_wasi_t* w, uint32_t dirfd, const char* path, int follow_last, char** host) {
  *host = NULL;
  obs_fd_t* d = obs_fd(w, dirfd);
  if (!d) return W_EBADF;
  if (d->host_fd >= 0 || !d->host_path) return W_ENOTDIR;
  if (path[0] == '/') return W_ENOTCAPABLE;
  size_t root_len = trimmed_len(d->root);
  char current[PATH_MAX];
  size_t cur_len = trimmed_len(d->host_path);
  if (cur_len >= sizeof current) return W_ENAMETOOLONG;
  memcpy(current, d->host_path, cur_len);
  current[cur_len] = 0;
  parts_t pending = {0};
  push_path(&pending, path);
  int links = 0;
  uint32_t r = W_SUCCESS;
  while (pending.count > 0) {
    char* part = pending.items[--pending.count];
    if (!strcmp(part, ".")) { free(part); continue; }
    if (!strcmp(part, "..")) {
      free(part);
      if (cur_len == root_len) { r = W_ENOTCAPABLE; break; }
      while (cur_len > 0 && current[cur_len - 1] != '/') cur_len--;
      if (cur_len > 1) cur_len--; /* drop the '/' too, but keep "/" itself */
      current[cur_len] = 0;
      continue;
    }
    size_t part_len = strlen(part);
    if (cur_len + 1 + part_len >= sizeof current) { free(part); r = W_ENAMETOOLONG; break; }
    char next[PATH_MAX];
    memcpy(next, current, cur_len);
    next[cur_len] = '/';
    memcpy(next + cur_len + 1, part, part_len + 1);
    free(part);
    if ((pending.count > 0 || follow_last) && is_link(next)) {
      if (++links > MAX_LINKS_PER_LOOKUP) { r = W_ELOOP; break; }
      char target[PATH_MAX];
      ssize_t n = readlink(next, target, sizeof target - 1);
      if (n < 0) { r = obs_errno(errno); break; }
      target[n] = 0;
      if (target[0] == '/') { r = W_ENOTCAPABLE; break; }
      push_path(&pending, target);
      continue;
    }
    cur_len += 1 + part_len;
    memcpy(current, next, cur_len + 1);
  }
  free_parts(&pending);
  if (r != W_SUCCESS) return r;
  if (strncmp(current, d->root, root_len) != 0 || (current[root_len] != 0 && current[root_len] != '/'))
    return W_ENOTCAPABLE;
  *host = strdup(current);
  return W_SUCCESS;
}

/* Resolves the guest path (ptr, len) against dirfd; the usual prologue of every path call. */
static uint32_t resolve_guest(obs_wasi_t* w, uint32_t dirfd, uint32_t ptr, uint32_t len, int follow, char** host) {
  uint32_t err = 0;
  char* path = guest_string(w, ptr, len, &err);
  if (!path) return err;
  uint32_t r = obs_resolve(w, dirfd, path, follow, host);
  free(path);
  return r;
}

enum { O_CREAT_ = 1, O_DIRECTORY_ = 2, O_EXCL_ = 4, O_TRUNC_ = 8 };
#define RIGHT_FD_READ (1ull << 1)
#define RIGHT_FD_WRITE (1ull << 6)
#define FDFLAG_APPEND 1

static uint32_t register_fd(obs_wasi_t* w, obs_fd_t* d, uint32_t result) {
  uint8_t* out = obs_mem(w, result, 4);
  int fd = out ? obs_fd_register(w, d) : -1;
  if (fd < 0) {
    if (d->host_fd >= 0) close(d->host_fd);
    free(d->host_path);
    free(d->root);
    return out ? W_EMFILE : W_EFAULT;
  }
  obs_store_u32(out, (uint32_t)fd);
  return W_SUCCESS;
}

I WASI(path_open)(W* w, I dirfd, I lookup, I path, I path_len, I oflags, L rights, L inheriting, I fdflags, I result) {
  (void)inheriting;
  char* host;
  uint32_t r = resolve_guest(w, dirfd, path, path_len, lookup & 1, &host);
  if (r) return r;
  if (is_link(host)) { free(host); return W_ELOOP; } /* O_NOFOLLOW on a symlink, as POSIX says */
  const char* root = obs_fd(w, dirfd)->root;
  struct stat st;
  int exists = stat(host, &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) {
    if ((oflags & (O_CREAT_ | O_EXCL_)) == (O_CREAT_ | O_EXCL_)) { free(host); return W_EEXIST; }
    obs_fd_t d = {.filetype = FT_DIRECTORY, .host_fd = -1, .host_path = host, .root = strdup(root)};
    return register_fd(w, &d, result);
  }
  uint32_t refuse = 0;
  if (oflags & O_DIRECTORY_) refuse = exists ? W_ENOTDIR : W_ENOENT;
  else if (!exists && !(oflags & O_CREAT_)) refuse = W_ENOENT;
  else if (exists && (oflags & (O_CREAT_ | O_EXCL_)) == (O_CREAT_ | O_EXCL_)) refuse = W_EEXIST;
  if (refuse) { free(host); return refuse; }
  int wants_write = (rights & RIGHT_FD_WRITE) || (oflags & (O_CREAT_ | O_TRUNC_)) || (fdflags & FDFLAG_APPEND);
  int wants_read = (rights & RIGHT_FD_READ) || !wants_write;
  int flags = (wants_write ? (wants_read ? O_RDWR : O_WRONLY) : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC;
  if (oflags & O_CREAT_) flags |= O_CREAT;
  if (oflags & O_TRUNC_) flags |= O_TRUNC;
  if (fdflags & FDFLAG_APPEND) flags |= O_APPEND;
  int fd = open(host, flags, 0644);
  if (fd < 0) { int e = errno; free(host); return obs_errno(e); }
  obs_fd_t d = {.filetype = FT_REGULAR, .host_fd = fd, .host_path = host, .root = NULL, .append = (fdflags & FDFLAG_APPEND) != 0};
  return register_fd(w, &d, result);
}

I WASI(path_filestat_get)(W* w, I dirfd, I flags, I path, I path_len, I result) {
  char* host;
  uint32_t r = resolve_guest(w, dirfd, path, path_len, flags & 1, &host);
  if (r) return r;
  uint8_t* out = obs_mem(w, result, 64);
  struct stat st;
  if (!out) r = W_EFAULT;
  else if (lstat(host, &st) != 0) r = obs_errno(errno);
  else obs_write_filestat(out, &st);
  free(host);
  return r;
}

/* One host call on one resolved, unfollowed path: mkdir, rmdir, unlink. */
static uint32_t on_path(W* w, I dirfd, I path, I path_len, int (*call)(const char*)) {
  char* host;
  uint32_t r = resolve_guest(w, dirfd, path, path_len, 0, &host);
  if (r) return r;
  r = call(host) == 0 ? W_SUCCESS : obs_errno(errno);
  free(host);
  return r;
}

static int make_dir(const char* host) { return mkdir(host, 0755); }

static int remove_dir(const char* host) {
  if (is_link(host)) { errno = ENOTDIR; return -1; }
  return rmdir(host);
}

I WASI(path_create_directory)(W* w, I dirfd, I path, I path_len) { return on_path(w, dirfd, path, path_len, make_dir); }
I WASI(path_remove_directory)(W* w, I dirfd, I path, I path_len) { return on_path(w, dirfd, path, path_len, remove_dir); }
/* unlink(2) removes a link itself, whatever it points at, and refuses a directory with EISDIR. */
I WASI(path_unlink_file)(W* w, I dirfd, I path, I path_len) { return on_path(w, dirfd, path, path_len, unlink); }

I WASI(path_rename)(W* w, I old_fd, I old_path, I old_len, I new_fd, I new_path, I new_len) {
  char *from, *to;
  uint32_t r = resolve_guest(w, old_fd, old_path, old_len, 0, &from);
  if (r) return r;
  r = resolve_guest(w, new_fd, new_path, new_len, 0, &to);
  if (r) { free(from); return r; }
  r = rename(from, to) == 0 ? W_SUCCESS : obs_errno(errno);
  free(from);
  free(to);
  return r;
}

I WASI(path_symlink)(W* w, I target_ptr, I target_len, I dirfd, I path, I path_len) {
  uint32_t err = 0;
  char* target = guest_string(w, target_ptr, target_len, &err);
  if (!target) return err;
  char* host;
  uint32_t r = resolve_guest(w, dirfd, path, path_len, 0, &host);
  if (r) { free(target); return r; }
  /* An absolute target could only ever point out of the sandbox. */
  if (target[0] == '/') r = W_ENOTCAPABLE;
  else r = symlink(target, host) == 0 ? W_SUCCESS : obs_errno(errno);
  free(target);
  free(host);
  return r;
}

I WASI(path_readlink)(W* w, I dirfd, I path, I path_len, I buf, I buf_len, I used_ptr) {
  char* host;
  uint32_t r = resolve_guest(w, dirfd, path, path_len, 0, &host);
  if (r) return r;
  uint8_t* out = obs_mem(w, buf, buf_len);
  uint8_t* used = obs_mem(w, used_ptr, 4);
  char target[PATH_MAX];
  ssize_t n = out && used ? readlink(host, target, sizeof target) : -1;
  int e = errno;
  free(host);
  if (!out || !used) return W_EFAULT;
  if (n < 0) return obs_errno(e);
  uint32_t m = (uint32_t)n < buf_len ? (uint32_t)n : buf_len;
  memcpy(out, target, m);
  obs_store_u32(used, m);
  return W_SUCCESS;
}
