/* Shared helpers of the project's WASI preview1 conformance programs.
 * Each program prints what it observed and exits 0; an unexpected result prints
 * "FAIL file:line: condition (errno N)" and exits 1, so a failure explains itself. */
#ifndef WASI_TEST_H
#define WASI_TEST_H
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond)                                                                    \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            printf("FAIL %s:%d: %s (errno %d)\n", __FILE__, __LINE__, #cond, errno);   \
            exit(1);                                                                   \
        }                                                                              \
    } while (0)

#endif
