/* The WASI preview1 host of the wasm2c engine: what one instance of a module sees (argv,
 * environment, stdio files, preopened directories) and the state its calls share.
 * wasm2c names the import context of module "wasi_snapshot_preview1" struct
 * Z_wasi_snapshot_preview1_instance_t and leaves it to the embedder: this is it.
 * Mirrors src/Collectors/Engines/WasmC/WasiPreview1.cs (the C# shim of the wasm.h engine):
 * same errno choices, same confinement rules, so the two hosts answer a program alike. */
#ifndef OBS_WASI_HOST_H
#define OBS_WASI_HOST_H

#include <setjmp.h>
#include <stdint.h>

#include "wasm-rt.h"

/* errno values of the preview1 witx. */
enum {
  W_SUCCESS = 0, W_E2BIG = 1, W_EACCES = 2, W_EAGAIN = 6, W_EBADF = 8, W_EBUSY = 10, W_EEXIST = 20, W_EFAULT = 21,
  W_EFBIG = 22, W_EINVAL = 28, W_EIO = 29, W_EISDIR = 31, W_ELOOP = 32, W_EMFILE = 33, W_EMLINK = 34,
  W_ENAMETOOLONG = 37, W_ENOENT = 44, W_ENOMEM = 48, W_ENOSPC = 51, W_ENOSYS = 52, W_ENOTDIR = 54,
  W_ENOTEMPTY = 55, W_EOVERFLOW = 61, W_EPERM = 63, W_EROFS = 69, W_ESPIPE = 70, W_EXDEV = 75, W_ENOTCAPABLE = 76,
};

enum { FT_UNKNOWN = 0, FT_CHAR_DEVICE = 2, FT_DIRECTORY = 3, FT_REGULAR = 4, FT_SYMLINK = 7 };

#define OBS_MAX_FDS 1024
#define OBS_MAX_PREOPENS 64

/* An open descriptor: a host file (host_fd >= 0) or a directory known by its host path. */
typedef struct {
  int used;
  int filetype;
  int host_fd;        /* -1 for directories */
  char* host_path;    /* directories and files opened by path; NULL for stdio */
  char* root;         /* directories: the host path of the preopen they lie in */
  char* preopen_name; /* preopens only: the guest path */
  int append;
} obs_fd_t;

typedef struct {
  const char* host;
  const char* guest;
} obs_preopen_t;

/* What one instance gets: fixed for the process, given by the command line. */
typedef struct {
  int argc;
  char** argv; /* argv[0] is the program name the module sees */
  int envc;
  char** env;  /* "KEY=VALUE" */
  int preopen_count;
  obs_preopen_t preopens[OBS_MAX_PREOPENS];
} obs_wasi_options_t;

struct Z_wasi_snapshot_preview1_instance_t {
  const obs_wasi_options_t* options;
  wasm_rt_memory_t* memory; /* the module's exported memory, set after instantiation */
  obs_fd_t fds[OBS_MAX_FDS];
  /* proc_exit leaves the module by longjmp to here with its code. */
  sigjmp_buf exit_target;
  int exited;
  int exit_code;
};

typedef struct Z_wasi_snapshot_preview1_instance_t obs_wasi_t;

/* Opens stdio (stdin from stdin_path or empty; stdout and stderr truncated) and the preopens.
 * Returns 0, or -1 with errno when a stdio file cannot be opened. */
int obs_wasi_init(obs_wasi_t* w, const obs_wasi_options_t* options, const char* stdin_path, const char* stdout_path,
                  const char* stderr_path);

/* Closes every descriptor the instance still holds. */
void obs_wasi_close(obs_wasi_t* w);

/* --- shared by the host's files --- */

/* A guest byte range, or NULL when it lies outside linear memory (the caller answers EFAULT). */
uint8_t* obs_mem(obs_wasi_t* w, uint32_t ptr, uint32_t len);
uint32_t obs_errno(int host_errno);
obs_fd_t* obs_fd(obs_wasi_t* w, uint32_t fd);
/* A new descriptor number for d (copied), or -1 when the table is full. */
int obs_fd_register(obs_wasi_t* w, const obs_fd_t* d);
/* Nanoseconds on a preview1 clock (0 realtime, 1 monotonic, 2 process CPU, 3 thread CPU); -1 for an unknown id. */
int obs_clock_now(uint32_t id, uint64_t* ns);
void obs_store_u16(uint8_t* p, uint16_t v);
void obs_store_u32(uint8_t* p, uint32_t v);
void obs_store_u64(uint8_t* p, uint64_t v);
uint32_t obs_load_u32(const uint8_t* p);
uint64_t obs_load_u64(const uint8_t* p);
/* Writes the 64-byte filestat of a host stat result. */
struct stat;
void obs_write_filestat(uint8_t* out, const struct stat* st);

/* Resolves a guest path against a directory descriptor, refusing anything that leaves the
 * preopen (wasi-paths.c). On success *host is a malloc'd host path. */
uint32_t obs_resolve(obs_wasi_t* w, uint32_t dirfd, const char* path, int follow_last, char** host);

#endif
