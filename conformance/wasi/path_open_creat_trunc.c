/* WASI preview1 conformance: O_CREAT|O_TRUNC empties an existing file and creates a missing one; O_TRUNC alone on a missing file is ENOENT. */
#include "wasi_test.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
    struct stat st;
    int fd = open("fs/hello.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    CHECK(fd >= 0 && fstat(fd, &st) == 0);
    printf("existing after trunc: %lld\n", (long long)st.st_size);
    CHECK(write(fd, "new", 3) == 3);
    close(fd);
    fd = open("fs/fresh.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    CHECK(fd >= 0 && fstat(fd, &st) == 0);
    printf("fresh: %lld\n", (long long)st.st_size);
    close(fd);
    errno = 0;
    fd = open("fs/none.txt", O_TRUNC | O_WRONLY);
    printf("trunc missing: fd %d errno %d\n", fd < 0 ? -1 : 0, errno);
    CHECK(stat("fs/hello.txt", &st) == 0);
    printf("hello now: %lld\n", (long long)st.st_size);
    return 0;
}
