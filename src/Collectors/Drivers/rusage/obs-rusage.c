/* obs-rusage FILE COMMAND [ARGS...]: runs COMMAND as its child and, once it has ended, writes to FILE
 * one line "USER_US SYSTEM_US MAXRSS_KB": the kernel's account (getrusage of reaped children) of COMMAND
 * and every descendant reaped under it. The kernel keeps run time in nanoseconds, so this CPU time has
 * microsecond resolution where /proc's is a 10 ms tick, and it is not lost in bubblewrap's PID
 * namespace (whose outer process never waits for the namespace's init). Runtime CLIs run under it
 * inside the sandbox. Exits as COMMAND did: the same code, or the same signal (without a core file).
 * Termination signals sent to it are passed on to COMMAND. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile pid_t child;

static void pass_on(int sig) {
  if (child > 0) kill(child, sig);
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: obs-rusage FILE COMMAND [ARGS...]\n");
    return 125;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = pass_on;
  int passed[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof passed / sizeof passed[0]; i++) sigaction(passed[i], &sa, NULL);
  child = fork();
  if (child < 0) {
    fprintf(stderr, "obs-rusage: fork: %s\n", strerror(errno));
    return 125;
  }
  if (child == 0) {
    execvp(argv[2], argv + 2);
    fprintf(stderr, "obs-rusage: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  /* Orphans reparented to this process (it may be the namespace's init): reap what has ended. */
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
  struct rusage ru;
  if (getrusage(RUSAGE_CHILDREN, &ru) == 0) {
    FILE* f = fopen(argv[1], "w");
    if (f) {
      fprintf(f, "%lld %lld %ld\n", (long long)ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec,
              (long long)ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec, ru.ru_maxrss);
      fclose(f);
    }
  }
  if (WIFSIGNALED(status)) {
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    signal(WTERMSIG(status), SIG_DFL);
    raise(WTERMSIG(status));
    return 128 + WTERMSIG(status);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 125;
}
