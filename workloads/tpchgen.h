/* tpchgen.h: the project's deterministic TPC-H-like data generator (header-only).
 *
 * Generates customer, orders and lineitem in memory, column by column, from fixed
 * splitmix64 streams: the same scale factor gives the same bytes on every target.
 * Shapes and value domains follow the TPC-H specification closely enough for
 * Q1/Q3/Q6-style queries (row counts 150000*SF customers, 1500000*SF orders, 1..7
 * lines per order, dates 1992-01-01..1998-12-31, the 1995-06-17 "current date"
 * rule for returnflag/linestatus), but it is NOT dbgen: no text columns beyond a
 * few names, simplified keys, and its own PRNG. Decimals are stored as integers:
 * money in cents, discount and tax in hundredths, dates as days since 1992-01-01.
 * Used by tpch-q1, tpch-q6 and sqlite-tpch (listed in their `sources` for hashing).
 */
#ifndef OBSERVATORY_TPCHGEN_H
#define OBSERVATORY_TPCHGEN_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TPCH_DATE_1994_01_01 731
#define TPCH_DATE_1995_01_01 1096
#define TPCH_DATE_1995_03_15 1169
#define TPCH_DATE_CURRENT 1263 /* 1995-06-17 */
#define TPCH_DATE_1998_12_01 2526
#define TPCH_DATE_ORDER_MAX 2405 /* 1998-12-31 minus 151 days */

typedef struct {
    int64_t n;
    int32_t *custkey, *nationkey;
    int64_t *acctbal;     /* cents */
    uint8_t *mktsegment;  /* index into tpch_segments */
} TpchCustomer;

typedef struct {
    int64_t n;
    int32_t *orderkey, *custkey, *orderdate;
    int64_t *totalprice;    /* cents */
    uint8_t *orderstatus;   /* 'F', 'O' or 'P' */
    uint8_t *orderpriority; /* index into tpch_priorities */
    int32_t *shippriority;
} TpchOrders;

typedef struct {
    int64_t n;
    int32_t *orderkey, *partkey, *suppkey, *linenumber;
    int32_t *quantity;      /* 1..50 */
    int64_t *extendedprice; /* cents */
    int32_t *discount;      /* hundredths: 0..10 */
    int32_t *tax;           /* hundredths: 0..8 */
    uint8_t *returnflag;    /* 'A', 'N' or 'R' */
    uint8_t *linestatus;    /* 'F' or 'O' */
    int32_t *shipdate, *commitdate, *receiptdate;
    uint8_t *shipmode;      /* index into tpch_shipmodes */
} TpchLineitem;

typedef struct { double sf; TpchCustomer customer; TpchOrders orders; TpchLineitem lineitem; } Tpch;

static const char *const tpch_segments[5] = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};
static const char *const tpch_priorities[5] = {"1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW"};
static const char *const tpch_shipmodes[7] = {"REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB"};

typedef struct { uint64_t s; } TpchRng;
static inline uint64_t tpch_next(TpchRng *r) { /* splitmix64 */
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}
/* Uniform integer in [lo, hi] (modulo bias is irrelevant here and deterministic). */
static inline int64_t tpch_uniform(TpchRng *r, int64_t lo, int64_t hi) { return lo + (int64_t)(tpch_next(r) % (uint64_t)(hi - lo + 1)); }

static inline int64_t tpch_retailprice(int64_t partkey) { /* TPC-H 4.2.3, in cents */
    return 90000 + (partkey / 10) % 20001 + 100 * (partkey % 1000);
}

/* days since 1992-01-01 -> "YYYY-MM-DD" */
static inline void tpch_date_str(int32_t days, char out[11]) {
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 1992;
    for (;;) {
        int len = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 366 : 365;
        if (days < len) break;
        days -= len; y++;
    }
    int leap = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)), m = 0;
    for (; m < 12; m++) { int len = mdays[m] + (m == 1 && leap); if (days < len) break; days -= len; }
    snprintf(out, 11, "%04d-%02d-%02d", y, m + 1, days + 1);
}

static inline void *tpch_alloc(int64_t n, size_t size) {
    void *p = malloc((size_t)(n ? n : 1) * size);
    if (!p) { fprintf(stderr, "tpchgen: out of memory\n"); exit(2); }
    return p;
}

static void tpch_generate(Tpch *db, double sf) {
    db->sf = sf;
    int64_t ncust = (int64_t)(150000 * sf), nord = (int64_t)(1500000 * sf);
    int64_t nparts = (int64_t)(200000 * sf), nsupp = (int64_t)(10000 * sf);
    if (ncust < 1) ncust = 1;
    if (nord < 1) nord = 1;
    if (nparts < 1) nparts = 1;
    if (nsupp < 1) nsupp = 1;

    TpchCustomer *c = &db->customer;
    TpchRng rc = {0xC0570E5ull};
    c->n = ncust;
    c->custkey = tpch_alloc(ncust, 4); c->nationkey = tpch_alloc(ncust, 4);
    c->acctbal = tpch_alloc(ncust, 8); c->mktsegment = tpch_alloc(ncust, 1);
    for (int64_t i = 0; i < ncust; i++) {
        c->custkey[i] = (int32_t)(i + 1);
        c->nationkey[i] = (int32_t)tpch_uniform(&rc, 0, 24);
        c->acctbal[i] = tpch_uniform(&rc, -99999, 999999);
        c->mktsegment[i] = (uint8_t)tpch_uniform(&rc, 0, 4);
    }

    /* Lines per order are drawn first so lineitem can be allocated exactly. */
    TpchRng rl = {0x11E17E3ull}, ro = {0x0D0E25ull};
    uint8_t *nlines = tpch_alloc(nord, 1);
    int64_t nli = 0;
    for (int64_t i = 0; i < nord; i++) { nlines[i] = (uint8_t)tpch_uniform(&rl, 1, 7); nli += nlines[i]; }

    TpchOrders *o = &db->orders;
    o->n = nord;
    o->orderkey = tpch_alloc(nord, 4); o->custkey = tpch_alloc(nord, 4); o->orderdate = tpch_alloc(nord, 4);
    o->totalprice = tpch_alloc(nord, 8); o->orderstatus = tpch_alloc(nord, 1);
    o->orderpriority = tpch_alloc(nord, 1); o->shippriority = tpch_alloc(nord, 4);

    TpchLineitem *l = &db->lineitem;
    l->n = nli;
    l->orderkey = tpch_alloc(nli, 4); l->partkey = tpch_alloc(nli, 4); l->suppkey = tpch_alloc(nli, 4);
    l->linenumber = tpch_alloc(nli, 4); l->quantity = tpch_alloc(nli, 4); l->extendedprice = tpch_alloc(nli, 8);
    l->discount = tpch_alloc(nli, 4); l->tax = tpch_alloc(nli, 4); l->returnflag = tpch_alloc(nli, 1);
    l->linestatus = tpch_alloc(nli, 1); l->shipdate = tpch_alloc(nli, 4); l->commitdate = tpch_alloc(nli, 4);
    l->receiptdate = tpch_alloc(nli, 4); l->shipmode = tpch_alloc(nli, 1);

    int64_t li = 0;
    for (int64_t i = 0; i < nord; i++) {
        int32_t okey = (int32_t)(i + 1), odate = (int32_t)tpch_uniform(&ro, 0, TPCH_DATE_ORDER_MAX);
        o->orderkey[i] = okey;
        o->custkey[i] = (int32_t)tpch_uniform(&ro, 1, ncust);
        o->orderdate[i] = odate;
        o->orderpriority[i] = (uint8_t)tpch_uniform(&ro, 0, 4);
        o->shippriority[i] = 0;
        int64_t total = 0; int nf = 0;
        for (int k = 0; k < nlines[i]; k++, li++) {
            int64_t pk = tpch_uniform(&rl, 1, nparts);
            int32_t qty = (int32_t)tpch_uniform(&rl, 1, 50);
            l->orderkey[li] = okey;
            l->partkey[li] = (int32_t)pk;
            l->suppkey[li] = (int32_t)((pk + k * (nsupp / 4 + (pk - 1) / nsupp)) % nsupp + 1);
            l->linenumber[li] = k + 1;
            l->quantity[li] = qty;
            l->extendedprice[li] = qty * tpch_retailprice(pk);
            l->discount[li] = (int32_t)tpch_uniform(&rl, 0, 10);
            l->tax[li] = (int32_t)tpch_uniform(&rl, 0, 8);
            l->shipdate[li] = odate + (int32_t)tpch_uniform(&rl, 1, 121);
            l->commitdate[li] = odate + (int32_t)tpch_uniform(&rl, 30, 90);
            l->receiptdate[li] = l->shipdate[li] + (int32_t)tpch_uniform(&rl, 1, 30);
            l->returnflag[li] = l->receiptdate[li] <= TPCH_DATE_CURRENT ? (tpch_next(&rl) & 1 ? 'R' : 'A') : 'N';
            l->linestatus[li] = l->shipdate[li] > TPCH_DATE_CURRENT ? 'O' : 'F';
            l->shipmode[li] = (uint8_t)tpch_uniform(&rl, 0, 6);
            nf += l->linestatus[li] == 'F';
            total += l->extendedprice[li] * (100 + l->tax[li]) * (100 - l->discount[li]) / 10000;
        }
        o->totalprice[i] = total;
        o->orderstatus[i] = nf == nlines[i] ? 'F' : nf == 0 ? 'O' : 'P';
    }
    free(nlines);
}

static void tpch_free(Tpch *db) {
    TpchCustomer *c = &db->customer; TpchOrders *o = &db->orders; TpchLineitem *l = &db->lineitem;
    free(c->custkey); free(c->nationkey); free(c->acctbal); free(c->mktsegment);
    free(o->orderkey); free(o->custkey); free(o->orderdate); free(o->totalprice); free(o->orderstatus);
    free(o->orderpriority); free(o->shippriority);
    free(l->orderkey); free(l->partkey); free(l->suppkey); free(l->linenumber); free(l->quantity);
    free(l->extendedprice); free(l->discount); free(l->tax); free(l->returnflag); free(l->linestatus);
    free(l->shipdate); free(l->commitdate); free(l->receiptdate); free(l->shipmode);
}

/* Prints a decimal stored as an integer scaled by 10^digits, e.g. (12345, 2) -> "123.45". */
static inline void tpch_print_fixed(FILE *f, int64_t v, int digits) {
    int64_t scale = 1;
    for (int i = 0; i < digits; i++) scale *= 10;
    if (v < 0) { fputc('-', f); v = -v; }
    fprintf(f, "%lld.%0*lld", (long long)(v / scale), digits, (long long)(v % scale));
}

#endif
