/* SPDX-License-Identifier: Apache-2.0 */
/* The driver's retry of a 429 against rockset-local's real rate limit (issue #12): run by
 * odbc-tests.sh against its own server started with --rate-limit 2. A burst of queries through
 * the driver manager all succeed, taking the time the limit imposes (so 429s were answered
 * and waited out, Retry-After: 1), and the server ran each exactly once: the query records in
 * its store (query_info, one row per query that reached the query layer) hold every
 * statement once. */
#include "tests/integration/itest.h"
#include "tests/cunit_main.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RL_RATE 2    /* the --rate-limit odbc-tests.sh starts the server with */
#define RL_QUERIES 8

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* How many query records of the server hold this text; -1 when the store cannot be read. */
static int runs_of(const char *text)
{
    const char *dir = getenv("RS_DATADIR");
    char path[4096], like[128];
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int n = -1;

    if (!dir)
        return -1;
    snprintf(path, sizeof path, "%s/rockset.db", dir);
    snprintf(like, sizeof like, "%%%s%%", text);
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_busy_timeout(db, 5000) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT COUNT(*) FROM query_info WHERE sql LIKE ?", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, like, -1, SQLITE_TRANSIENT) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_burst_retried_once_each(void)
{
    char sql[128], tag[32];
    double t0;
    int ok = 0;
    SQLHSTMT st;

    it_connect("");
    st = it_stmt();
    t0 = now_s();
    for (int i = 0; i < RL_QUERIES; i++) {
        snprintf(sql, sizeof sql, "SELECT 'rl-burst-%d' AS tag", i);
        SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);
        if (!SQL_SUCCEEDED(rc))
            it_dump(SQL_HANDLE_STMT, st, sql, __LINE__);
        else if (SQLFetch(st) == SQL_SUCCESS) {
            snprintf(tag, sizeof tag, "rl-burst-%d", i);
            ok += strcmp(it_get(st, 1), tag) == 0;
        }
        SQLCloseCursor(st);
    }
    /* The bucket holds RL_RATE requests, then lets RL_RATE through per second: without the
     * limit (or with retries that do not wait) the burst takes milliseconds. */
    double took = now_s() - t0;
    CU_ASSERT_EQUAL(ok, RL_QUERIES);
    CU_ASSERT(took >= (double)(RL_QUERIES - RL_RATE) / RL_RATE - 0.5);
    printf("\n  %d queries at %d requests/s took %.1f s\n", RL_QUERIES, RL_RATE, took);
    for (int i = 0; i < RL_QUERIES; i++) {
        snprintf(tag, sizeof tag, "'rl-burst-%d'", i);
        CU_ASSERT_EQUAL(runs_of(tag), 1);
    }
    it_free(st);
    it_disconnect();
}

int main(void)
{
    static const cu_case cases[] = {
        {"a burst over --rate-limit: every query answered, each run once",
         test_burst_retried_once_each},
        {NULL, NULL},
    };
    return cu_run("odbc rate limit", cases);
}
