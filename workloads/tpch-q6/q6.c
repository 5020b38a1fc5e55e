/* tpch-q6: TPC-H Q6 (forecasting revenue change) as a columnar kernel over lineitem
 * from the project's generator (tpchgen.h). argv[1] = scale factor, argv[2] = reps.
 *
 *   SELECT sum(l_extendedprice * l_discount) AS revenue FROM lineitem
 *   WHERE l_shipdate >= date '1994-01-01' AND l_shipdate < date '1995-01-01'
 *     AND l_discount BETWEEN 0.06 - 0.01 AND 0.06 + 0.01 AND l_quantity < 24;
 *
 * Exact integer arithmetic. The scalar kernel is branch-free per row; built with
 * -DTPCH_SIMD it uses clang's generic vectors (4 rows per step, all predicates as
 * lane masks): wasm SIMD128 with -msimd128, SSE2 natively. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "tpchgen.h"

static int64_t q6_scalar(const TpchLineitem *l, int64_t *matches) {
    int64_t rev = 0, cnt = 0;
    for (int64_t i = 0; i < l->n; i++) {
        int32_t s = l->shipdate[i], d = l->discount[i];
        int keep = (s >= TPCH_DATE_1994_01_01) & (s < TPCH_DATE_1995_01_01) & (d >= 5) & (d <= 7) & (l->quantity[i] < 24);
        rev += keep ? l->extendedprice[i] * d : 0;
        cnt += keep;
    }
    *matches = cnt;
    return rev;
}

#ifdef TPCH_SIMD
typedef int32_t v4i __attribute__((vector_size(16)));
typedef int64_t v2l __attribute__((vector_size(16)));
static inline v4i ld4i(const int32_t *p) { v4i v; memcpy(&v, p, sizeof v); return v; }
static inline v2l ld2l(const int64_t *p) { v2l v; memcpy(&v, p, sizeof v); return v; }
static inline v2l lo2l(v4i v) { return __builtin_convertvector(__builtin_shufflevector(v, v, 0, 1), v2l); }
static inline v2l hi2l(v4i v) { return __builtin_convertvector(__builtin_shufflevector(v, v, 2, 3), v2l); }

static int64_t q6_simd(const TpchLineitem *l, int64_t *matches) {
    v2l rev = {0, 0}; v4i cnt = {0, 0, 0, 0};
    int64_t n4 = l->n & ~(int64_t)3;
    for (int64_t i = 0; i < n4; i += 4) {
        v4i s = ld4i(l->shipdate + i), d = ld4i(l->discount + i), q = ld4i(l->quantity + i);
        v4i m = (s >= TPCH_DATE_1994_01_01) & (s < TPCH_DATE_1995_01_01) & (d >= 5) & (d <= 7) & (q < 24);
        v4i dm = d & m;
        rev += ld2l(l->extendedprice + i) * lo2l(dm) + ld2l(l->extendedprice + i + 2) * hi2l(dm);
        cnt -= m;
    }
    int64_t r = rev[0] + rev[1], c = (int64_t)cnt[0] + cnt[1] + cnt[2] + cnt[3];
    for (int64_t i = n4; i < l->n; i++) {
        int32_t s = l->shipdate[i], d = l->discount[i];
        if (s >= TPCH_DATE_1994_01_01 && s < TPCH_DATE_1995_01_01 && d >= 5 && d <= 7 && l->quantity[i] < 24) { r += l->extendedprice[i] * d; c++; }
    }
    *matches = c;
    return r;
}
#define Q6 q6_simd
#else
#define Q6 q6_scalar
#endif

int main(int argc, char **argv) {
    double sf = argc > 1 ? atof(argv[1]) : 0.01;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    Tpch db;
    tpch_generate(&db, sf);
    int64_t revenue = 0, matches = 0;
    bench_start();
    for (int r = 0; r < reps; r++) revenue = Q6(&db.lineitem, &matches);
    bench_end();
    printf("tpch-q6 sf=%g lineitem=%lld reps=%d\nmatches=%lld\nrevenue=", sf, (long long)db.lineitem.n, reps, (long long)matches);
    tpch_print_fixed(stdout, revenue, 4);
    printf("\n");
    tpch_free(&db);
    return 0;
}
