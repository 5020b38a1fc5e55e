/* clang-hello's input: the classic. */
#include <stdio.h>

int main(void) {
    printf("hello, observatory\n");
    return 0;
}
