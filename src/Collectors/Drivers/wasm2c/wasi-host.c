/* WASI preview1 for wasm2c output: the instance's state, args, environ, clocks, random,
 * proc_exit and sched_yield. Descriptors are in wasi-fd.c, paths in wasi-paths.c,
 * poll_oneoff in wasi-poll.c, the functions it does not provide in wasi-enosys.c.
 * Every guest pointer is checked against the linear memory's size (EFAULT when outside):
 * wasm2c's guard pages protect the module's own accesses, not the host's. */
#define _GNU_SOURCE
#include "wasi-host.h"
#include "wasi-imports.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

uint8_t* obs_mem(obs_wasi_t* w, uint32_t ptr, uint32_t len) {
  if (!w->memory) return NULL;
  if ((uint64_t)ptr + len > w->memory->size) return NULL;
  return w->memory->data + ptr;
}

void obs_store_u16(uint8_t* p, uint16_t v) { memcpy(p, &v, 2); }
void obs_store_u32(uint8_t* p, uint32_t v) { memcpy(p, &v, 4); }
void obs_store_u64(uint8_t* p, uint64_t v) { memcpy(p, &v, 8); }
uint32_t obs_load_u32(const uint8_t* p) { uint32_t v; memcpy(&v, p, 4); return v; }
uint64_t obs_load_u64(const uint8_t* p) { uint64_t v; memcpy(&v, p, 8); return v; }

uint32_t obs_errno(int e) {
  switch (e) {
    case 0: return W_SUCCESS;
    case E2BIG: return W_E2BIG;
    case EACCES: return W_EACCES;
    case EAGAIN: return W_EAGAIN;
    case EBADF: return W_EBADF;
    case EBUSY: return W_EBUSY;
    case EEXIST: return W_EEXIST;
    case EFAULT: return W_EFAULT;
    case EFBIG: return W_EFBIG;
    case EINVAL: return W_EINVAL;
    case EISDIR: return W_EISDIR;
    case ELOOP: return W_ELOOP;
    case EMFILE: case ENFILE: return W_EMFILE;
    case EMLINK: return W_EMLINK;
    case ENAMETOOLONG: return W_ENAMETOOLONG;
    case ENOENT: return W_ENOENT;
    case ENOMEM: return W_ENOMEM;
    case ENOSPC: return W_ENOSPC;
    case ENOSYS: return W_ENOSYS;
    case ENOTDIR: return W_ENOTDIR;
    case ENOTEMPTY: return W_ENOTEMPTY;
    case EOVERFLOW: return W_EOVERFLOW;
    case EPERM: return W_EPERM;
    case EROFS: return W_EROFS;
    case ESPIPE: return W_ESPIPE;
    case EXDEV: return W_EXDEV;
    default: return W_EIO;
  }
}

obs_fd_t* obs_fd(obs_wasi_t* w, uint32_t fd) {
  if (fd >= OBS_MAX_FDS || !w->fds[fd].used) return NULL;
  return &w->fds[fd];
}

int obs_fd_register(obs_wasi_t* w, const obs_fd_t* d) {
  for (int i = 3; i < OBS_MAX_FDS; i++) {
    if (!w->fds[i].used) {
      w->fds[i] = *d;
      w->fds[i].used = 1;
      return i;
    }
  }
  return -1;
}

static int open_stdio(obs_fd_t* d, const char* path, int flags, int filetype) {
  int fd = open(path, flags | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  memset(d, 0, sizeof *d);
  d->used = 1;
  d->filetype = filetype;
  d->host_fd = fd;
  return 0;
}

int obs_wasi_init(obs_wasi_t* w, const obs_wasi_options_t* options, const char* stdin_path, const char* stdout_path,
                  const char* stderr_path) {
  memset(w->fds, 0, sizeof w->fds);
  w->options = options;
  w->memory = NULL;
  w->exited = 0;
  w->exit_code = 0;
  if (open_stdio(&w->fds[0], stdin_path ? stdin_path : "/dev/null", O_RDONLY, FT_CHAR_DEVICE) != 0) return -1;
  if (open_stdio(&w->fds[1], stdout_path, O_WRONLY | O_CREAT | O_TRUNC, FT_REGULAR) != 0) return -1;
  if (open_stdio(&w->fds[2], stderr_path, O_WRONLY | O_CREAT | O_TRUNC, FT_REGULAR) != 0) return -1;
  for (int i = 0; i < options->preopen_count; i++) {
    char* root = realpath(options->preopens[i].host, NULL);
    if (!root) root = strdup(options->preopens[i].host);
    obs_fd_t d = {.filetype = FT_DIRECTORY, .host_fd = -1, .host_path = root, .root = strdup(root),
                  .preopen_name = strdup(options->preopens[i].guest)};
    obs_fd_register(w, &d);
  }
  return 0;
}

void obs_wasi_close(obs_wasi_t* w) {
  for (int i = 0; i < OBS_MAX_FDS; i++) {
    obs_fd_t* d = &w->fds[i];
    if (!d->used) continue;
    if (d->host_fd >= 0) close(d->host_fd);
    free(d->host_path);
    free(d->root);
    free(d->preopen_name);
    memset(d, 0, sizeof *d);
  }
}

/* --- args and environ --- */

static uint32_t write_strings(obs_wasi_t* w, int count, char** items, uint32_t ptrs, uint32_t buf) {
  for (int i = 0; i < count; i++) {
    size_t n = strlen(items[i]) + 1;
    uint8_t* p = obs_mem(w, ptrs + 4u * (uint32_t)i, 4);
    uint8_t* b = obs_mem(w, buf, (uint32_t)n);
    if (!p || !b) return W_EFAULT;
    obs_store_u32(p, buf);
    memcpy(b, items[i], n);
    buf += (uint32_t)n;
  }
  return W_SUCCESS;
}

static uint32_t write_sizes(obs_wasi_t* w, int count, char** items, uint32_t count_ptr, uint32_t size_ptr) {
  uint8_t* c = obs_mem(w, count_ptr, 4);
  uint8_t* s = obs_mem(w, size_ptr, 4);
  if (!c || !s) return W_EFAULT;
  uint32_t total = 0;
  for (int i = 0; i < count; i++) total += (uint32_t)strlen(items[i]) + 1;
  obs_store_u32(c, (uint32_t)count);
  obs_store_u32(s, total);
  return W_SUCCESS;
}

uint32_t WASI(args_get)(obs_wasi_t* w, uint32_t argv, uint32_t buf) {
  return write_strings(w, w->options->argc, w->options->argv, argv, buf);
}

uint32_t WASI(args_sizes_get)(obs_wasi_t* w, uint32_t count, uint32_t size) {
  return write_sizes(w, w->options->argc, w->options->argv, count, size);
}

uint32_t WASI(environ_get)(obs_wasi_t* w, uint32_t env, uint32_t buf) {
  return write_strings(w, w->options->envc, w->options->env, env, buf);
}

uint32_t WASI(environ_sizes_get)(obs_wasi_t* w, uint32_t count, uint32_t size) {
  return write_sizes(w, w->options->envc, w->options->env, count, size);
}

/* --- clocks and random --- */

static const clockid_t host_clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};

int obs_clock_now(uint32_t id, uint64_t* ns) {
  if (id > 3) return -1;
  struct timespec t;
  clock_gettime(host_clocks[id], &t);
  *ns = (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
  return 0;
}

uint32_t WASI(clock_res_get)(obs_wasi_t* w, uint32_t id, uint32_t out) {
  if (id > 3) return W_EINVAL;
  uint8_t* p = obs_mem(w, out, 8);
  if (!p) return W_EFAULT;
  struct timespec r;
  clock_getres(host_clocks[id], &r);
  obs_store_u64(p, (uint64_t)r.tv_sec * 1000000000ull + (uint64_t)r.tv_nsec);
  return W_SUCCESS;
}

uint32_t WASI(clock_time_get)(obs_wasi_t* w, uint32_t id, uint64_t precision, uint32_t out) {
  (void)precision;
  uint64_t ns;
  if (obs_clock_now(id, &ns) != 0) return W_EINVAL;
  uint8_t* p = obs_mem(w, out, 8);
  if (!p) return W_EFAULT;
  obs_store_u64(p, ns);
  return W_SUCCESS;
}

uint32_t WASI(random_get)(obs_wasi_t* w, uint32_t buf, uint32_t len) {
  uint8_t* p = obs_mem(w, buf, len);
  if (!p) return W_EFAULT;
  while (len > 0) {
    ssize_t n = getrandom(p, len, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return obs_errno(errno);
    }
    p += n;
    len -= (uint32_t)n;
  }
  return W_SUCCESS;
}

/* --- process --- */

void WASI(proc_exit)(obs_wasi_t* w, uint32_t code) {
  w->exited = 1;
  w->exit_code = (int)code;
  siglongjmp(w->exit_target, 1);
}

uint32_t WASI(sched_yield)(obs_wasi_t* w) {
  (void)w;
  sched_yield();
  return W_SUCCESS;
}
