/* Every wasi_snapshot_preview1 function, under the C names wasm2c 1.0.32 gives imports
 * (Z_<module>Z_<name>, i32 -> uint32_t, i64 -> uint64_t, the import context first).
 * The host defines all of them (those it does not provide return ENOSYS, wasi-enosys.c),
 * so any preview1 import links, as wasi-libc expects; a name outside preview1 does not. */
#ifndef OBS_WASI_IMPORTS_H
#define OBS_WASI_IMPORTS_H

#include <stdint.h>

#define WASI(name) Z_wasi_snapshot_preview1Z_##name

struct Z_wasi_snapshot_preview1_instance_t;
typedef struct Z_wasi_snapshot_preview1_instance_t W;
typedef uint32_t I;
typedef uint64_t L;

I WASI(args_get)(W*, I, I);
I WASI(args_sizes_get)(W*, I, I);
I WASI(environ_get)(W*, I, I);
I WASI(environ_sizes_get)(W*, I, I);
I WASI(clock_res_get)(W*, I, I);
I WASI(clock_time_get)(W*, I, L, I);
I WASI(fd_advise)(W*, I, L, L, I);
I WASI(fd_allocate)(W*, I, L, L);
I WASI(fd_close)(W*, I);
I WASI(fd_datasync)(W*, I);
I WASI(fd_fdstat_get)(W*, I, I);
I WASI(fd_fdstat_set_flags)(W*, I, I);
I WASI(fd_fdstat_set_rights)(W*, I, L, L);
I WASI(fd_filestat_get)(W*, I, I);
I WASI(fd_filestat_set_size)(W*, I, L);
I WASI(fd_filestat_set_times)(W*, I, L, L, I);
I WASI(fd_pread)(W*, I, I, I, L, I);
I WASI(fd_prestat_get)(W*, I, I);
I WASI(fd_prestat_dir_name)(W*, I, I, I);
I WASI(fd_pwrite)(W*, I, I, I, L, I);
I WASI(fd_read)(W*, I, I, I, I);
I WASI(fd_readdir)(W*, I, I, I, L, I);
I WASI(fd_renumber)(W*, I, I);
I WASI(fd_seek)(W*, I, L, I, I);
I WASI(fd_sync)(W*, I);
I WASI(fd_tell)(W*, I, I);
I WASI(fd_write)(W*, I, I, I, I);
I WASI(path_create_directory)(W*, I, I, I);
I WASI(path_filestat_get)(W*, I, I, I, I, I);
I WASI(path_filestat_set_times)(W*, I, I, I, I, L, L, I);
I WASI(path_link)(W*, I, I, I, I, I, I, I);
I WASI(path_open)(W*, I, I, I, I, I, L, L, I, I);
I WASI(path_readlink)(W*, I, I, I, I, I, I);
I WASI(path_remove_directory)(W*, I, I, I);
I WASI(path_rename)(W*, I, I, I, I, I, I);
I WASI(path_symlink)(W*, I, I, I, I, I);
I WASI(path_unlink_file)(W*, I, I, I);
I WASI(poll_oneoff)(W*, I, I, I, I);
void WASI(proc_exit)(W*, I);
I WASI(proc_raise)(W*, I);
I WASI(sched_yield)(W*);
I WASI(random_get)(W*, I, I);
I WASI(sock_accept)(W*, I, I, I);
I WASI(sock_recv)(W*, I, I, I, I, I, I);
I WASI(sock_send)(W*, I, I, I, I, I);
I WASI(sock_shutdown)(W*, I, I);

#endif
