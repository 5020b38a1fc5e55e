/* sqlite-tpch: SQLite (the amalgamation from npm better-sqlite3@12.11.1, never
 * committed) running TPC-H-style queries over the project's generated tables
 * (tpchgen.h) in an in-memory database. argv[1] = scale factor, argv[2] = query
 * repetitions.
 *
 * Region 1 = load (CREATE TABLE, prepared INSERTs in one transaction, an index);
 * region 2 = the queries: Q1 (pricing summary), Q3 (shipping priority: a 3-way join),
 * Q6 (revenue forecast) and a window query (row_number / running sum per customer).
 * Money is stored as integer cents and rates as integer hundredths, so every result is
 * an exact integer and every target prints the same bytes (SQLite's own float
 * formatting uses long double, which differs between x86-64 and wasm32). Q1 and Q6
 * print the same sums as the columnar kernels tpch-q1 / tpch-q6 at the same scale.
 *
 * SQLite is built with SQLITE_OS_OTHER: this file supplies a minimal VFS (no files,
 * deterministic "randomness", a fixed clock), so the module needs no WASI filesystem
 * and behaves identically natively. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../node_modules/better-sqlite3/deps/sqlite3/sqlite3.h"
#include "bench.h"
#include "tpchgen.h"

/* ---- a VFS with no files ---------------------------------------------------- */
static int vfs_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out) {
    (void)v; (void)name; (void)flags; (void)out;
    f->pMethods = NULL;
    return SQLITE_CANTOPEN;
}
static int vfs_delete(sqlite3_vfs *v, const char *name, int sync) { (void)v; (void)name; (void)sync; return SQLITE_IOERR_DELETE; }
static int vfs_access(sqlite3_vfs *v, const char *name, int flags, int *res) { (void)v; (void)name; (void)flags; *res = 0; return SQLITE_OK; }
static int vfs_fullpath(sqlite3_vfs *v, const char *name, int n, char *out) { (void)v; snprintf(out, (size_t)n, "%s", name); return SQLITE_OK; }
static int vfs_random(sqlite3_vfs *v, int n, char *out) { (void)v; for (int i = 0; i < n; i++) out[i] = (char)(i * 37 + 11); return n; }
static int vfs_sleep(sqlite3_vfs *v, int us) { (void)v; return us; }
static int vfs_time(sqlite3_vfs *v, double *t) { (void)v; *t = 2449886.5; return SQLITE_OK; } /* 1995-06-17 */
static int vfs_error(sqlite3_vfs *v, int n, char *out) { (void)v; if (n > 0) out[0] = 0; return 0; }
static sqlite3_vfs memvfs = {1, (int)sizeof(sqlite3_file), 512, NULL, "observatory-memvfs", NULL, vfs_open, vfs_delete, vfs_access, vfs_fullpath,
                             NULL, NULL, NULL, NULL, vfs_random, vfs_sleep, vfs_time, vfs_error};
int sqlite3_os_init(void) { return sqlite3_vfs_register(&memvfs, 1); }
int sqlite3_os_end(void) { return SQLITE_OK; }

/* ---- helpers -------------------------------------------------------------------- */
static sqlite3 *db;
static void die(const char *what) { fprintf(stderr, "sqlite-tpch: %s: %s\n", what, sqlite3_errmsg(db)); exit(1); }
static void exec(const char *sql) {
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) { fprintf(stderr, "sqlite-tpch: %s\n  in: %s\n", err, sql); exit(1); }
}
static sqlite3_stmt *prepare(const char *sql) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql);
    return st;
}
static void step_done(sqlite3_stmt *st) {
    if (sqlite3_step(st) != SQLITE_DONE) die("insert");
    sqlite3_reset(st);
}

static void load(const Tpch *t) {
    exec("CREATE TABLE customer(c_custkey INTEGER PRIMARY KEY, c_name TEXT, c_nationkey INTEGER, c_acctbal INTEGER, c_mktsegment TEXT)");
    exec("CREATE TABLE orders(o_orderkey INTEGER PRIMARY KEY, o_custkey INTEGER, o_orderstatus TEXT, o_totalprice INTEGER,"
         " o_orderdate TEXT, o_orderpriority TEXT, o_shippriority INTEGER)");
    exec("CREATE TABLE lineitem(l_orderkey INTEGER, l_partkey INTEGER, l_suppkey INTEGER, l_linenumber INTEGER,"
         " l_quantity INTEGER, l_extendedprice INTEGER, l_discount INTEGER, l_tax INTEGER, l_returnflag TEXT,"
         " l_linestatus TEXT, l_shipdate TEXT, l_commitdate TEXT, l_receiptdate TEXT, l_shipmode TEXT)");
    exec("BEGIN");
    char name[32], d1[11], d2[11], d3[11], flag[2] = {0}, status[2] = {0};
    sqlite3_stmt *st = prepare("INSERT INTO customer VALUES(?,?,?,?,?)");
    const TpchCustomer *c = &t->customer;
    for (int64_t i = 0; i < c->n; i++) {
        snprintf(name, sizeof name, "Customer#%09d", c->custkey[i]);
        sqlite3_bind_int(st, 1, c->custkey[i]);
        sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 3, c->nationkey[i]);
        sqlite3_bind_int64(st, 4, c->acctbal[i]);
        sqlite3_bind_text(st, 5, tpch_segments[c->mktsegment[i]], -1, SQLITE_STATIC);
        step_done(st);
    }
    sqlite3_finalize(st);
    st = prepare("INSERT INTO orders VALUES(?,?,?,?,?,?,?)");
    const TpchOrders *o = &t->orders;
    for (int64_t i = 0; i < o->n; i++) {
        tpch_date_str(o->orderdate[i], d1);
        status[0] = (char)o->orderstatus[i];
        sqlite3_bind_int(st, 1, o->orderkey[i]);
        sqlite3_bind_int(st, 2, o->custkey[i]);
        sqlite3_bind_text(st, 3, status, 1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, o->totalprice[i]);
        sqlite3_bind_text(st, 5, d1, 10, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 6, tpch_priorities[o->orderpriority[i]], -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 7, o->shippriority[i]);
        step_done(st);
    }
    sqlite3_finalize(st);
    st = prepare("INSERT INTO lineitem VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    const TpchLineitem *l = &t->lineitem;
    for (int64_t i = 0; i < l->n; i++) {
        tpch_date_str(l->shipdate[i], d1); tpch_date_str(l->commitdate[i], d2); tpch_date_str(l->receiptdate[i], d3);
        flag[0] = (char)l->returnflag[i]; status[0] = (char)l->linestatus[i];
        sqlite3_bind_int(st, 1, l->orderkey[i]);
        sqlite3_bind_int(st, 2, l->partkey[i]);
        sqlite3_bind_int(st, 3, l->suppkey[i]);
        sqlite3_bind_int(st, 4, l->linenumber[i]);
        sqlite3_bind_int(st, 5, l->quantity[i]);
        sqlite3_bind_int64(st, 6, l->extendedprice[i]);
        sqlite3_bind_int(st, 7, l->discount[i]);
        sqlite3_bind_int(st, 8, l->tax[i]);
        sqlite3_bind_text(st, 9, flag, 1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 10, status, 1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 11, d1, 10, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 12, d2, 10, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 13, d3, 10, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 14, tpch_shipmodes[l->shipmode[i]], -1, SQLITE_STATIC);
        step_done(st);
    }
    sqlite3_finalize(st);
    exec("CREATE INDEX lineitem_orderkey ON lineitem(l_orderkey)");
    exec("COMMIT");
}

/* Money and rates are integers: cents, hundredths (so disc_price is in 1e-4, charge in 1e-6). */
static const struct { const char *name, *sql; } QUERIES[] = {
    {"q1",
     "SELECT l_returnflag, l_linestatus, sum(l_quantity), sum(l_extendedprice),"
     " sum(l_extendedprice * (100 - l_discount)), sum(l_extendedprice * (100 - l_discount) * (100 + l_tax)),"
     " sum(l_quantity) * 100 / count(*), sum(l_extendedprice) / count(*), sum(l_discount) * 100 / count(*), count(*)"
     " FROM lineitem WHERE l_shipdate <= date('1998-12-01', '-90 days')"
     " GROUP BY l_returnflag, l_linestatus ORDER BY l_returnflag, l_linestatus"},
    {"q3",
     "SELECT l_orderkey, sum(l_extendedprice * (100 - l_discount)) AS revenue, o_orderdate, o_shippriority"
     " FROM customer, orders, lineitem"
     " WHERE c_mktsegment = 'BUILDING' AND c_custkey = o_custkey AND l_orderkey = o_orderkey"
     "   AND o_orderdate < '1995-03-15' AND l_shipdate > '1995-03-15'"
     " GROUP BY l_orderkey, o_orderdate, o_shippriority ORDER BY revenue DESC, o_orderdate, l_orderkey LIMIT 10"},
    {"q6",
     "SELECT count(*), sum(l_extendedprice * l_discount) FROM lineitem"
     " WHERE l_shipdate >= '1994-01-01' AND l_shipdate < date('1994-01-01', '+1 year')"
     "   AND l_discount BETWEEN 6 - 1 AND 6 + 1 AND l_quantity < 24"},
    {"window",
     "WITH ranked AS (SELECT o_custkey, o_orderkey, o_totalprice,"
     "   row_number() OVER (PARTITION BY o_custkey ORDER BY o_totalprice DESC, o_orderkey) AS rn,"
     "   sum(o_totalprice) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey"
     "                           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running,"
     "   lag(o_totalprice, 1, 0) OVER (PARTITION BY o_custkey ORDER BY o_orderdate, o_orderkey) AS prev"
     "   FROM orders)"
     " SELECT c_mktsegment, count(*), sum(o_totalprice), max(running), sum(o_totalprice > prev)"
     " FROM ranked JOIN customer ON c_custkey = o_custkey WHERE rn <= 3"
     " GROUP BY c_mktsegment ORDER BY c_mktsegment"},
};
#define NQ (int)(sizeof QUERIES / sizeof QUERIES[0])

/* Runs one query; appends its rows as text ("a|b|c\n") to out. */
static size_t run_query(sqlite3_stmt *st, char *out, size_t cap) {
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < sqlite3_column_count(st); i++) {
            const char *v = (const char *)sqlite3_column_text(st, i);
            n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", i ? "|" : "", v ? v : "NULL");
        }
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "\n");
    }
    if (rc != SQLITE_DONE) die("query");
    sqlite3_reset(st);
    return n;
}

int main(int argc, char **argv) {
    double sf = argc > 1 ? atof(argv[1]) : 0.01;
    int reps = argc > 2 ? atoi(argv[2]) : 1;
    Tpch t;
    tpch_generate(&t, sf);
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("open");
    bench_start();
    load(&t);
    bench_end();
    static char results[NQ][8192];
    sqlite3_stmt *st[NQ];
    for (int q = 0; q < NQ; q++) st[q] = prepare(QUERIES[q].sql);
    bench_start();
    for (int r = 0; r < reps; r++)
        for (int q = 0; q < NQ; q++) run_query(st[q], results[q], sizeof results[q]);
    bench_end();
    printf("sqlite-tpch sqlite=%s sf=%g reps=%d customer=%lld orders=%lld lineitem=%lld\n", sqlite3_libversion(), sf, reps,
           (long long)t.customer.n, (long long)t.orders.n, (long long)t.lineitem.n);
    for (int q = 0; q < NQ; q++) {
        uint64_t h = 1469598103934665603ull;
        for (const char *p = results[q]; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
        printf("-- %s fnv=%016llx\n%s", QUERIES[q].name, (unsigned long long)h, results[q]);
        sqlite3_finalize(st[q]);
    }
    sqlite3_close(db);
    tpch_free(&t);
    return 0;
}
