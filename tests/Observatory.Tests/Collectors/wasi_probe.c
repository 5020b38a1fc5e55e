/* A small WASI preview1 program whose stdout is deterministic and identical natively:
 * the engine tests compare every engine's output with the native build's. It touches
 * args, environ, clocks, random, stdin, stdout/stderr, files and directories in the
 * preopened directory (".", the working directory natively), and the bench region. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "bench.h"

static int cmp(const void *a, const void *b) { return strcmp(*(const char **)a, *(const char **)b); }

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("arg[%d]=%s\n", i, argv[i]);
    const char *v = getenv("OBS_PROBE");
    printf("env OBS_PROBE=%s\n", v ? v : "(unset)");

    struct timespec t1, t2;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    bench_start();
    unsigned long long acc = 0;
    for (unsigned i = 0; i < 1000000; i++) acc = acc * 6364136223846793005ULL + i;
    bench_end();
    clock_gettime(CLOCK_MONOTONIC, &t2);
    printf("work=%llu clock=%s\n", acc, (t2.tv_sec > t1.tv_sec || (t2.tv_sec == t1.tv_sec && t2.tv_nsec >= t1.tv_nsec)) ? "monotonic" : "BACKWARDS");
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    printf("realtime=%s\n", now.tv_sec > 1600000000 ? "plausible" : "WRONG");
    unsigned char rnd[16];
    printf("random=%s\n", getentropy(rnd, sizeof rnd) == 0 ? "ok" : "failed");

    char line[256];
    int lines = 0;
    while (fgets(line, sizeof line, stdin)) { lines++; printf("stdin: %s", line); }
    printf("stdin lines=%d\n", lines);
    fprintf(stderr, "this goes to stderr\n");

    if (mkdir("dir", 0755) != 0) printf("mkdir failed: %d\n", errno);
    FILE *f = fopen("dir/a.txt", "w");
    if (!f) { printf("fopen w failed: %d\n", errno); return 2; }
    fprintf(f, "alpha\nbeta\n");
    fclose(f);
    f = fopen("dir/a.txt", "a");
    fprintf(f, "gamma\n");
    fclose(f);
    f = fopen("dir/a.txt", "r");
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 6, SEEK_SET);
    fgets(line, sizeof line, f);
    fclose(f);
    printf("size=%ld second=%s", size, line);
    struct stat st;
    printf("stat=%d size=%lld dir=%d\n", stat("dir/a.txt", &st), (long long)st.st_size, S_ISDIR(st.st_mode) ? 1 : 0);
    if (rename("dir/a.txt", "dir/b.txt") != 0) printf("rename failed: %d\n", errno);
    f = fopen("dir/c.txt", "w"); fputs("c", f); fclose(f);
    DIR *d = opendir("dir");
    char *names[16]; int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && n < 16) if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
    if (d) closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("listing:");
    for (int i = 0; i < n; i++) printf(" %s", names[i]);
    printf("\n");
    printf("missing=%s\n", fopen("dir/nope.txt", "r") == NULL && errno == ENOENT ? "ENOENT" : "unexpected");
    printf("unlink=%d %d\n", unlink("dir/b.txt"), unlink("dir/c.txt"));
    printf("rmdir=%d\n", rmdir("dir"));
    printf("gone=%s\n", stat("dir", &st) != 0 ? "yes" : "no");
    return argc > 1 && strcmp(argv[1], "exit7") == 0 ? 7 : 0;
}
