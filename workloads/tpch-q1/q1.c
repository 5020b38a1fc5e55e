/* tpch-q1: TPC-H Q1 (pricing summary report) as a columnar kernel over lineitem from
 * the project's generator (tpchgen.h). argv[1] = scale factor, argv[2] = repetitions.
 *
 *   SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice),
 *          sum(l_extendedprice*(1-l_discount)), sum(l_extendedprice*(1-l_discount)*(1+l_tax)),
 *          avg(l_quantity), avg(l_extendedprice), avg(l_discount), count(*)
 *   FROM lineitem WHERE l_shipdate <= date '1998-12-01' - interval '90' day
 *   GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus;
 *
 * Exact integer arithmetic (cents, hundredths), so every target prints the same bytes.
 * Built with -DTPCH_SIMD, the kernel uses clang's generic vectors (4 rows per step,
 * masked per-group accumulation): wasm SIMD128 with -msimd128, SSE2 natively. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "tpchgen.h"

#define NGROUPS 6 /* returnflag (A, N, R) x linestatus (F, O) */
static const char GROUP_RF[NGROUPS] = {'A', 'A', 'N', 'N', 'R', 'R'};
static const char GROUP_LS[NGROUPS] = {'F', 'O', 'F', 'O', 'F', 'O'};

typedef struct { int64_t qty, price, disc_price, charge, disc, count; } Agg;

static void q1_scalar(const TpchLineitem *l, int32_t cutoff, Agg agg[NGROUPS]) {
    memset(agg, 0, sizeof(Agg) * NGROUPS);
    for (int64_t i = 0; i < l->n; i++) {
        if (l->shipdate[i] > cutoff) continue;
        int rf = l->returnflag[i], g = ((rf == 'N') + 2 * (rf == 'R')) * 2 + (l->linestatus[i] == 'O');
        int64_t price = l->extendedprice[i], dp = price * (100 - l->discount[i]);
        Agg *a = &agg[g];
        a->qty += l->quantity[i]; a->price += price; a->disc_price += dp;
        a->charge += dp * (100 + l->tax[i]); a->disc += l->discount[i]; a->count++;
    }
}

#ifdef TPCH_SIMD
typedef int32_t v4i __attribute__((vector_size(16)));
typedef int64_t v2l __attribute__((vector_size(16)));
typedef uint8_t v4b __attribute__((vector_size(4)));
static inline v4i ld4i(const int32_t *p) { v4i v; memcpy(&v, p, sizeof v); return v; }
static inline v2l ld2l(const int64_t *p) { v2l v; memcpy(&v, p, sizeof v); return v; }
static inline v4i ld4b(const uint8_t *p) { v4b v; memcpy(&v, p, sizeof v); return __builtin_convertvector(v, v4i); }
static inline v2l lo2l(v4i v) { return __builtin_convertvector(__builtin_shufflevector(v, v, 0, 1), v2l); }
static inline v2l hi2l(v4i v) { return __builtin_convertvector(__builtin_shufflevector(v, v, 2, 3), v2l); }

static void q1_simd(const TpchLineitem *l, int32_t cutoff, Agg agg[NGROUPS]) {
    v4i qty[NGROUPS] = {0}, disc[NGROUPS] = {0}, cnt[NGROUPS] = {0};
    v2l price[NGROUPS] = {0}, dprice[NGROUPS] = {0}, charge[NGROUPS] = {0};
    int64_t n4 = l->n & ~(int64_t)3;
    for (int64_t i = 0; i < n4; i += 4) {
        v4i keep = ld4i(l->shipdate + i) <= cutoff;
        v4i rf = ld4b(l->returnflag + i), ls = ld4b(l->linestatus + i);
        v4i g = (((rf == 'N') & 1) + ((rf == 'R') & 2)) * 2 + ((ls == 'O') & 1);
        v4i q = ld4i(l->quantity + i), d = ld4i(l->discount + i), t = ld4i(l->tax + i);
        v4i dm = 100 - d, tp = 100 + t;
        v2l p0 = ld2l(l->extendedprice + i), p1 = ld2l(l->extendedprice + i + 2);
        v2l dp0 = p0 * lo2l(dm), dp1 = p1 * hi2l(dm);
        v2l ch0 = dp0 * lo2l(tp), ch1 = dp1 * hi2l(tp);
        for (int k = 0; k < NGROUPS; k++) {
            v4i m = keep & (g == k);
            v2l m0 = lo2l(m), m1 = hi2l(m); /* sign extension keeps all-ones masks */
            qty[k] += q & m; disc[k] += d & m; cnt[k] -= m;
            price[k] += (p0 & m0) + (p1 & m1);
            dprice[k] += (dp0 & m0) + (dp1 & m1);
            charge[k] += (ch0 & m0) + (ch1 & m1);
        }
    }
    for (int k = 0; k < NGROUPS; k++) {
        Agg *a = &agg[k];
        a->qty = (int64_t)qty[k][0] + qty[k][1] + qty[k][2] + qty[k][3];
        a->disc = (int64_t)disc[k][0] + disc[k][1] + disc[k][2] + disc[k][3];
        a->count = (int64_t)cnt[k][0] + cnt[k][1] + cnt[k][2] + cnt[k][3];
        a->price = price[k][0] + price[k][1];
        a->disc_price = dprice[k][0] + dprice[k][1];
        a->charge = charge[k][0] + charge[k][1];
    }
    for (int64_t i = n4; i < l->n; i++) { /* tail */
        if (l->shipdate[i] > cutoff) continue;
        int rf = l->returnflag[i], g = ((rf == 'N') + 2 * (rf == 'R')) * 2 + (l->linestatus[i] == 'O');
        int64_t p = l->extendedprice[i], dp = p * (100 - l->discount[i]);
        Agg *a = &agg[g];
        a->qty += l->quantity[i]; a->price += p; a->disc_price += dp;
        a->charge += dp * (100 + l->tax[i]); a->disc += l->discount[i]; a->count++;
    }
}
#define Q1 q1_simd
#else
#define Q1 q1_scalar
#endif

int main(int argc, char **argv) {
    double sf = argc > 1 ? atof(argv[1]) : 0.01;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    Tpch db;
    tpch_generate(&db, sf);
    Agg agg[NGROUPS];
    bench_start();
    for (int r = 0; r < reps; r++) Q1(&db.lineitem, TPCH_DATE_1998_12_01 - 90, agg);
    bench_end();
    printf("tpch-q1 sf=%g lineitem=%lld reps=%d\n", sf, (long long)db.lineitem.n, reps);
    printf("rf|ls|sum_qty|sum_base_price|sum_disc_price|sum_charge|avg_qty|avg_price|avg_disc|count\n");
    for (int k = 0; k < NGROUPS; k++) {
        const Agg *a = &agg[k];
        if (!a->count) continue;
        printf("%c|%c|%lld|", GROUP_RF[k], GROUP_LS[k], (long long)a->qty);
        tpch_print_fixed(stdout, a->price, 2); putchar('|');
        tpch_print_fixed(stdout, a->disc_price, 4); putchar('|');
        tpch_print_fixed(stdout, a->charge, 6); putchar('|');
        tpch_print_fixed(stdout, a->qty * 100 / a->count, 2); putchar('|');
        tpch_print_fixed(stdout, a->price / a->count, 2); putchar('|');
        tpch_print_fixed(stdout, a->disc * 100 / a->count, 4); printf("|%lld\n", (long long)a->count);
    }
    tpch_free(&db);
    return 0;
}
