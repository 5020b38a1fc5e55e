/* The preview1 functions this host does not provide: they link and return ENOSYS, as the
 * C# shim's stand-ins do, so a module that imports them still runs until it calls one. */
#include "wasi-host.h"
#include "wasi-imports.h"

I WASI(fd_advise)(W* w, I fd, L offset, L len, I advice) { (void)w, (void)fd, (void)offset, (void)len, (void)advice; return W_ENOSYS; }
I WASI(fd_allocate)(W* w, I fd, L offset, L len) { (void)w, (void)fd, (void)offset, (void)len; return W_ENOSYS; }
I WASI(fd_fdstat_set_rights)(W* w, I fd, L base, L inheriting) { (void)w, (void)fd, (void)base, (void)inheriting; return W_ENOSYS; }
I WASI(fd_filestat_set_times)(W* w, I fd, L atim, L mtim, I flags) { (void)w, (void)fd, (void)atim, (void)mtim, (void)flags; return W_ENOSYS; }
I WASI(fd_renumber)(W* w, I from, I to) { (void)w, (void)from, (void)to; return W_ENOSYS; }
I WASI(path_filestat_set_times)(W* w, I fd, I flags, I path, I len, L atim, L mtim, I fst) {
  (void)w, (void)fd, (void)flags, (void)path, (void)len, (void)atim, (void)mtim, (void)fst;
  return W_ENOSYS;
}
I WASI(path_link)(W* w, I oldfd, I flags, I oldpath, I oldlen, I newfd, I newpath, I newlen) {
  (void)w, (void)oldfd, (void)flags, (void)oldpath, (void)oldlen, (void)newfd, (void)newpath, (void)newlen;
  return W_ENOSYS;
}
I WASI(proc_raise)(W* w, I sig) { (void)w, (void)sig; return W_ENOSYS; }
I WASI(sock_accept)(W* w, I fd, I flags, I out) { (void)w, (void)fd, (void)flags, (void)out; return W_ENOSYS; }
I WASI(sock_recv)(W* w, I fd, I iovs, I n, I flags, I out, I oflags) {
  (void)w, (void)fd, (void)iovs, (void)n, (void)flags, (void)out, (void)oflags;
  return W_ENOSYS;
}
I WASI(sock_send)(W* w, I fd, I iovs, I n, I flags, I out) { (void)w, (void)fd, (void)iovs, (void)n, (void)flags, (void)out; return W_ENOSYS; }
I WASI(sock_shutdown)(W* w, I fd, I how) { (void)w, (void)fd, (void)how; return W_ENOSYS; }
