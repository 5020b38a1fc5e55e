/* poll_oneoff, as WasiPreview1.Poll.cs does it: clock subscriptions sleep until the earliest
 * deadline (relative, or absolute with the abstime flag) and report every clock that has then
 * expired; fd subscriptions are ready at once (files and stdio never block here), in which
 * case nothing sleeps. Layouts are the preview1 witx ones: subscription 48 bytes, event 32. */
#define _GNU_SOURCE
#include "wasi-host.h"
#include "wasi-imports.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { EVENT_CLOCK = 0, EVENT_FD_READ = 1, EVENT_FD_WRITE = 2 };
#define SUBSCRIPTION_SIZE 48
#define EVENT_SIZE 32

typedef struct {
  uint64_t userdata;
  uint16_t error;
  uint8_t type;
} ready_t;

typedef struct {
  uint64_t userdata;
  uint32_t clock;
  uint64_t deadline;
} deadline_t;

static void sleep_ns(uint64_t ns) {
  struct timespec t = {(time_t)(ns / 1000000000ull), (long)(ns % 1000000000ull)};
  nanosleep(&t, NULL);
}

I WASI(poll_oneoff)(W* w, I in, I out, I count, I count_ptr) {
  if (count == 0) return W_EINVAL;
  if (count > (1u << 20)) return W_EFAULT; /* more than linear memory could hold */
  uint8_t* subs = obs_mem(w, in, count * SUBSCRIPTION_SIZE);
  uint8_t* events = obs_mem(w, out, count * EVENT_SIZE);
  uint8_t* n_out = obs_mem(w, count_ptr, 4);
  if (!subs || !events || !n_out) return W_EFAULT;
  ready_t* ready = calloc(count, sizeof *ready);
  deadline_t* clocks = calloc(count, sizeof *clocks);
  uint32_t n_ready = 0, n_clocks = 0;
  uint32_t r = W_SUCCESS;
  for (uint32_t i = 0; i < count && r == W_SUCCESS; i++) {
    const uint8_t* s = subs + i * SUBSCRIPTION_SIZE;
    uint64_t userdata = obs_load_u64(s);
    uint8_t type = s[8];
    if (type == EVENT_CLOCK) {
      uint32_t clock = obs_load_u32(s + 16);
      uint64_t timeout = obs_load_u64(s + 24);
      int absolute = (s[40] & 1) != 0;
      uint64_t now;
      if (obs_clock_now(clock, &now) != 0) ready[n_ready++] = (ready_t){userdata, W_EINVAL, type};
      else clocks[n_clocks++] = (deadline_t){userdata, clock, absolute ? timeout : now + timeout};
    } else if (type == EVENT_FD_READ || type == EVENT_FD_WRITE) {
      uint32_t fd = obs_load_u32(s + 16);
      ready[n_ready++] = (ready_t){userdata, obs_fd(w, fd) ? W_SUCCESS : W_EBADF, type};
    } else {
      r = W_EINVAL;
    }
  }
  if (r == W_SUCCESS && n_ready == 0) {
    /* Sleep until the earliest clock expires, measured on that clock. */
    uint32_t first = 0;
    uint64_t least = UINT64_MAX;
    for (uint32_t i = 0; i < n_clocks; i++) {
      uint64_t now;
      obs_clock_now(clocks[i].clock, &now);
      uint64_t left = clocks[i].deadline > now ? clocks[i].deadline - now : 0;
      if (left < least) { least = left; first = i; }
    }
    for (uint64_t now; obs_clock_now(clocks[first].clock, &now) == 0 && now < clocks[first].deadline;) {
      uint64_t left = clocks[first].deadline - now;
      sleep_ns(left < 1000000000ull ? left : 1000000000ull);
    }
    for (uint32_t i = 0; i < n_clocks; i++) {
      uint64_t now;
      obs_clock_now(clocks[i].clock, &now);
      if (now >= clocks[i].deadline) ready[n_ready++] = (ready_t){clocks[i].userdata, W_SUCCESS, EVENT_CLOCK};
    }
  }
  if (r == W_SUCCESS) {
    for (uint32_t i = 0; i < n_ready; i++) {
      uint8_t* e = events + i * EVENT_SIZE;
      memset(e, 0, EVENT_SIZE);
      obs_store_u64(e, ready[i].userdata);
      obs_store_u16(e + 8, ready[i].error);
      e[10] = ready[i].type;
    }
    obs_store_u32(n_out, n_ready);
  }
  free(ready);
  free(clocks);
  return r;
}
