/* WASI preview1 descriptor calls (fd_*): reads and writes through host file descriptors,
 * seek/tell, stat, prestat, readdir. A directory descriptor has no host fd (it is known
 * by its path, as in the C# shim): reading or seeking it is EISDIR. */
#define _GNU_SOURCE
#include "wasi-host.h"
#include "wasi-imports.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ALL_RIGHTS 0x1FFFFFFFull

static uint64_t ns_of(struct timespec t) { return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec; }

static uint8_t filetype_of(mode_t m) {
  if (S_ISLNK(m)) return FT_SYMLINK;
  if (S_ISDIR(m)) return FT_DIRECTORY;
  if (S_ISREG(m)) return FT_REGULAR;
  if (S_ISCHR(m)) return FT_CHAR_DEVICE;
  return FT_UNKNOWN;
}

void obs_write_filestat(uint8_t* out, const struct stat* st) {
  memset(out, 0, 64);
  obs_store_u64(out, (uint64_t)st->st_dev);
  obs_store_u64(out + 8, (uint64_t)st->st_ino);
  out[16] = filetype_of(st->st_mode);
  obs_store_u64(out + 24, (uint64_t)st->st_nlink);
  obs_store_u64(out + 32, (uint64_t)st->st_size);
  obs_store_u64(out + 40, ns_of(st->st_atim));
  obs_store_u64(out + 48, ns_of(st->st_mtim));
  obs_store_u64(out + 56, ns_of(st->st_ctim));
}

/* The descriptor's host fd, or an errno: EBADF when it is not open, EISDIR for a directory. */
static uint32_t file_of(obs_wasi_t* w, uint32_t fd, obs_fd_t** out) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d) return W_EBADF;
  if (d->host_fd < 0) return W_EISDIR;
  *out = d;
  return W_SUCCESS;
}

/* Writes (or, with offset >= 0, pwrites) every iovec; *total gets the bytes written. */
static uint32_t transfer(obs_wasi_t* w, obs_fd_t* d, uint32_t iovs, uint32_t count, int64_t offset, int writing,
                         uint32_t* total) {
  *total = 0;
  for (uint32_t i = 0; i < count; i++) {
    uint8_t* v = obs_mem(w, iovs + 8 * i, 8);
    if (!v) return W_EFAULT;
    uint32_t buf = obs_load_u32(v), len = obs_load_u32(v + 4);
    uint8_t* p = obs_mem(w, buf, len);
    if (!p) return W_EFAULT;
    uint32_t done = 0;
    while (done < len) {
      ssize_t n;
      if (writing)
        n = offset >= 0 ? pwrite(d->host_fd, p + done, len - done, offset + *total + done) : write(d->host_fd, p + done, len - done);
      else
        n = offset >= 0 ? pread(d->host_fd, p + done, len - done, offset + *total + done) : read(d->host_fd, p + done, len - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (*total + done > 0) break; /* report what was transferred; the next call sees the error */
        return obs_errno(errno);
      }
      if (n == 0) break; /* end of file */
      done += (uint32_t)n;
    }
    *total += done;
    if (done < len) break;
  }
  return W_SUCCESS;
}

static uint32_t rw(obs_wasi_t* w, uint32_t fd, uint32_t iovs, uint32_t count, int64_t offset, uint32_t result, int writing) {
  obs_fd_t* d;
  uint32_t r = file_of(w, fd, &d);
  if (r) return r;
  uint8_t* out = obs_mem(w, result, 4);
  if (!out) return W_EFAULT;
  uint32_t total;
  r = transfer(w, d, iovs, count, offset, writing, &total);
  if (r) return r;
  obs_store_u32(out, total);
  return W_SUCCESS;
}

I WASI(fd_write)(W* w, I fd, I iovs, I count, I result) { return rw(w, fd, iovs, count, -1, result, 1); }
I WASI(fd_read)(W* w, I fd, I iovs, I count, I result) { return rw(w, fd, iovs, count, -1, result, 0); }

I WASI(fd_pwrite)(W* w, I fd, I iovs, I count, L offset, I result) {
  if ((int64_t)offset < 0) return W_EINVAL;
  return rw(w, fd, iovs, count, (int64_t)offset, result, 1);
}

I WASI(fd_pread)(W* w, I fd, I iovs, I count, L offset, I result) {
  if ((int64_t)offset < 0) return W_EINVAL;
  return rw(w, fd, iovs, count, (int64_t)offset, result, 0);
}

I WASI(fd_seek)(W* w, I fd, L offset, I whence, I result) {
  obs_fd_t* d;
  uint32_t r = file_of(w, fd, &d);
  if (r) return r;
  if (whence > 2) return W_EINVAL;
  uint8_t* out = obs_mem(w, result, 8);
  if (!out) return W_EFAULT;
  static const int host_whence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  off_t pos = lseek(d->host_fd, (off_t)(int64_t)offset, host_whence[whence]);
  if (pos < 0) return obs_errno(errno);
  obs_store_u64(out, (uint64_t)pos);
  return W_SUCCESS;
}

I WASI(fd_tell)(W* w, I fd, I result) { return WASI(fd_seek)(w, fd, 0, 1, result); }

I WASI(fd_close)(W* w, I fd) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d) return W_EBADF;
  if (d->host_fd >= 0) close(d->host_fd);
  free(d->host_path);
  free(d->root);
  free(d->preopen_name);
  memset(d, 0, sizeof *d);
  return W_SUCCESS;
}

static I sync_fd(W* w, I fd) {
  obs_fd_t* d;
  uint32_t r = file_of(w, fd, &d);
  if (r) return r;
  fsync(d->host_fd); /* stdout on a pipe or /dev/null cannot be synced: not the guest's problem */
  return W_SUCCESS;
}

I WASI(fd_sync)(W* w, I fd) { return sync_fd(w, fd); }
I WASI(fd_datasync)(W* w, I fd) { return sync_fd(w, fd); }

I WASI(fd_fdstat_get)(W* w, I fd, I result) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d) return W_EBADF;
  uint8_t* b = obs_mem(w, result, 24);
  if (!b) return W_EFAULT;
  memset(b, 0, 24);
  b[0] = (uint8_t)d->filetype;
  obs_store_u16(b + 2, d->append ? 1 : 0);
  obs_store_u64(b + 8, ALL_RIGHTS);
  obs_store_u64(b + 16, ALL_RIGHTS);
  return W_SUCCESS;
}

I WASI(fd_fdstat_set_flags)(W* w, I fd, I flags) {
  (void)flags;
  return obs_fd(w, fd) ? W_SUCCESS : W_EBADF;
}

I WASI(fd_filestat_get)(W* w, I fd, I result) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d) return W_EBADF;
  uint8_t* b = obs_mem(w, result, 64);
  if (!b) return W_EFAULT;
  struct stat st;
  if (d->host_path) {
    if ((d->host_fd >= 0 ? fstat(d->host_fd, &st) : stat(d->host_path, &st)) != 0) return obs_errno(errno);
    obs_write_filestat(b, &st);
    return W_SUCCESS;
  }
  /* stdio: its type and, for a regular file, its size; nothing of the host's files. */
  memset(b, 0, 64);
  b[16] = (uint8_t)d->filetype;
  if (fstat(d->host_fd, &st) == 0 && S_ISREG(st.st_mode)) obs_store_u64(b + 32, (uint64_t)st.st_size);
  return W_SUCCESS;
}

I WASI(fd_filestat_set_size)(W* w, I fd, L size) {
  obs_fd_t* d;
  uint32_t r = file_of(w, fd, &d);
  if (r) return r;
  return ftruncate(d->host_fd, (off_t)size) == 0 ? W_SUCCESS : obs_errno(errno);
}

I WASI(fd_prestat_get)(W* w, I fd, I result) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d || !d->preopen_name) return W_EBADF;
  uint8_t* b = obs_mem(w, result, 8);
  if (!b) return W_EFAULT;
  memset(b, 0, 8);
  obs_store_u32(b + 4, (uint32_t)strlen(d->preopen_name));
  return W_SUCCESS;
}

I WASI(fd_prestat_dir_name)(W* w, I fd, I buf, I len) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d || !d->preopen_name) return W_EBADF;
  size_t n = strlen(d->preopen_name);
  if (len < n) return W_EINVAL;
  uint8_t* p = obs_mem(w, buf, (uint32_t)n);
  if (!p) return W_EFAULT;
  memcpy(p, d->preopen_name, n);
  return W_SUCCESS;
}

typedef struct {
  char* name;
  uint64_t ino;
  uint8_t type;
} entry_t;

static int by_name(const void* a, const void* b) { return strcmp(((const entry_t*)a)->name, ((const entry_t*)b)->name); }

/* ".", "..", then the directory's entries sorted by name (as the C# shim lists them); the
 * cookie is the index of the next entry. */
I WASI(fd_readdir)(W* w, I fd, I buf, I buf_len, L cookie, I used_ptr) {
  obs_fd_t* d = obs_fd(w, fd);
  if (!d) return W_EBADF;
  if (d->host_fd >= 0 || !d->host_path) return W_ENOTDIR;
  uint8_t* out = obs_mem(w, buf, buf_len);
  uint8_t* used_out = obs_mem(w, used_ptr, 4);
  if (!out || !used_out) return W_EFAULT;
  DIR* dir = opendir(d->host_path);
  if (!dir) return obs_errno(errno);
  size_t count = 2, cap = 16;
  entry_t* entries = malloc(cap * sizeof *entries);
  entries[0] = (entry_t){strdup("."), 0, FT_DIRECTORY};
  entries[1] = (entry_t){strdup(".."), 0, FT_DIRECTORY};
  for (struct dirent* e; (e = readdir(dir));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    if (count == cap) entries = realloc(entries, (cap *= 2) * sizeof *entries);
    uint8_t type = e->d_type == DT_LNK ? FT_SYMLINK : e->d_type == DT_DIR ? FT_DIRECTORY : FT_REGULAR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      type = fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? filetype_of(st.st_mode) : FT_UNKNOWN;
    }
    entries[count++] = (entry_t){strdup(e->d_name), (uint64_t)e->d_ino, type};
  }
  closedir(dir);
  qsort(entries + 2, count - 2, sizeof *entries, by_name);
  uint32_t used = 0;
  for (uint64_t i = cookie; i < count && used < buf_len; i++) {
    uint8_t head[24];
    uint32_t namelen = (uint32_t)strlen(entries[i].name);
    memset(head, 0, sizeof head);
    obs_store_u64(head, i + 1);
    obs_store_u64(head + 8, entries[i].ino ? entries[i].ino : i + 1);
    obs_store_u32(head + 16, namelen);
    head[20] = entries[i].type;
    /* A dirent cut at the buffer's end is how preview1 says "call again with a bigger buffer". */
    uint32_t n = buf_len - used < 24 ? buf_len - used : 24;
    memcpy(out + used, head, n);
    used += n;
    uint32_t m = buf_len - used < namelen ? buf_len - used : namelen;
    memcpy(out + used, entries[i].name, m);
    used += m;
  }
  for (size_t i = 0; i < count; i++) free(entries[i].name);
  free(entries);
  obs_store_u32(used_out, used);
  return W_SUCCESS;
}
