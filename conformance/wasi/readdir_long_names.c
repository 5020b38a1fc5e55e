/* WASI preview1 conformance: a 255-byte file name is created, listed and opened; a 256-byte one is refused. */
#include "wasi_test.h"
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
int main(void) {
    char name[300] = "fs/";
    memset(name + 3, 'n', 255);
    name[258] = 0;
    int fd = open(name, O_CREAT | O_WRONLY, 0644);
    CHECK(fd >= 0);
    CHECK(write(fd, "long\n", 5) == 5);
    close(fd);
    DIR *d = opendir("fs");
    CHECK(d != NULL);
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d)) != NULL) if (strlen(e->d_name) == 255) found++;
    closedir(d);
    printf("255-byte names listed: %d\n", found);
    fd = open(name, O_RDONLY);
    char buf[8] = {0};
    CHECK(fd >= 0 && read(fd, buf, 5) == 5);
    printf("read back: %s", buf);
    name[258] = 'n'; name[259] = 0;
    fd = open(name, O_CREAT | O_WRONLY, 0644);
    printf("256-byte name: fd %d errno %d\n", fd < 0 ? -1 : 0, fd < 0 ? errno : 0);
    return 0;
}
