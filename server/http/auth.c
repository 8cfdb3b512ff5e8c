/* SPDX-License-Identifier: Apache-2.0 */
/* API keys. Only a key's SHA-256 is kept (looked up, then compared in constant time) and a
 * masked form for listings: whoever reads the data dir cannot use a key. So a key is shown
 * whole once, in the answer that creates it (?reveal=true is refused), and keys never reach
 * logs or error messages. */
#include "server/http/auth.h"
#include "server/store/store.h"
#include "server/store/events.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static void key_hash(const char *key, unsigned char out[SHA256_DIGEST_LENGTH])
{
    SHA256((const unsigned char *)key, strlen(key), out);
}

void srv_auth_mask_key(const char *key, char out[SRV_KEY_LEN + 1])
{
    size_t n = strlen(key), shown = n > 12 ? SRV_KEY_SHOWN : 0;

    if (n > SRV_KEY_LEN)
        n = SRV_KEY_LEN;
    for (size_t i = 0; i < n; i++)
        out[i] = i < shown ? key[i] : '*';
    out[n] = '\0';
}

/* Databases made before keys were kept hashed hold them in clear: masked once, at start. */
static int mask_stored_keys(sqlite3 *db)
{
    sqlite3_stmt *st = srv_store_prepare(db, "SELECT 1 FROM meta WHERE key = 'apikeys_masked'");
    int done = st && srv_store_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (done)
        return 0;
    st = srv_store_prepare(db, "SELECT id, key FROM apikeys");
    sqlite3_stmt *up = srv_store_prepare(db, "UPDATE apikeys SET key = ? WHERE id = ?");
    int rc = st && up ? SQLITE_ROW : SQLITE_ERROR;
    while (rc == SQLITE_ROW && (rc = srv_store_step(st)) == SQLITE_ROW) {
        char masked[SRV_KEY_LEN + 1];
        srv_auth_mask_key((const char *)sqlite3_column_text(st, 1), masked);
        sqlite3_bind_text(up, 1, masked, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
        if (srv_store_step(up) != SQLITE_DONE)
            rc = SQLITE_ERROR;
        sqlite3_reset(up);
    }
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    if (rc != SQLITE_DONE)
        return -1;
    return srv_store_exec(db, "INSERT INTO meta(key, value) VALUES('apikeys_masked', '1')");
}

/* Records last_access_time at most once a minute: a write per request would serialize
 * every reader behind the write lock. */
static void note_access(sqlite3 *db, long long id, long long last_epoch)
{
    long long now = (long long)time(NULL);
    if (now - last_epoch < 60)
        return;
    char iso[32];
    srv_now_iso(iso, sizeof iso);
    sqlite3_stmt *st = srv_store_prepare(
        db, "UPDATE apikeys SET last_access_time = ?, last_access_epoch = ? WHERE id = ?");
    if (!st)
        return;
    sqlite3_bind_text(st, 1, iso, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_int64(st, 3, id);
    srv_store_step(st);
    sqlite3_finalize(st);
}

int srv_auth_check(sqlite3 *db, const char *key, char *email, size_t elen, char *name,
                   size_t nlen)
{
    unsigned char h[SHA256_DIGEST_LENGTH];
    key_hash(key, h);
    sqlite3_stmt *st = srv_store_stmt(
        db, "SELECT id, key_hash, user_email, name, last_access_epoch FROM apikeys"
            " WHERE key_hash = ? AND state = 'ACTIVE'");
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, h, sizeof h, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    int result = rc == SQLITE_DONE ? 1 : -1;
    if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == (int)sizeof h &&
        CRYPTO_memcmp(sqlite3_column_blob(st, 1), h, sizeof h) == 0) {
        long long id = sqlite3_column_int64(st, 0), last = sqlite3_column_int64(st, 4);
        snprintf(email, elen, "%s", (const char *)sqlite3_column_text(st, 2));
        snprintf(name, nlen, "%s", (const char *)sqlite3_column_text(st, 3));
        srv_store_stmt_done(st);
        note_access(db, id, last);
        return 0;
    }
    srv_store_stmt_done(st);
    return result;
}

static int key_name_used(sqlite3 *db, const char *user, const char *name)
{
    sqlite3_stmt *st =
        srv_store_prepare(db, "SELECT 1 FROM apikeys WHERE user_email = ? AND name = ?");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int srv_auth_create_key(sqlite3 *db, const char *user, const char *name, const char *by,
                        const char *given_key, char key_out[SRV_KEY_LEN + 1])
{
    unsigned char h[SHA256_DIGEST_LENGTH];
    char now[32];
    int used = key_name_used(db, user, name);
    if (used != 0)
        return used;
    if (given_key)
        snprintf(key_out, SRV_KEY_LEN + 1, "%s", given_key);
    else
        srv_random_hex(key_out, SRV_KEY_LEN / 2);
    key_hash(given_key ? given_key : key_out, h);
    srv_now_iso(now, sizeof now);
    sqlite3_stmt *st = srv_store_prepare(
        db, "INSERT INTO apikeys(user_email, name, key, key_hash, created_at, created_by)"
            " VALUES(?,?,?,?,?,?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, user, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
    char masked[SRV_KEY_LEN + 1];
    srv_auth_mask_key(key_out, masked);
    sqlite3_bind_text(st, 3, masked, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(st, 4, h, sizeof h, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 5, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, by, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc == SQLITE_CONSTRAINT)
        return 2;
    return rc == SQLITE_DONE ? 0 : -1;
}

static int count_rows(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = srv_store_prepare(db, sql);
    if (!st)
        return -1;
    int n = srv_store_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static int first_start(sqlite3 *db)
{
    char now[32], org[17];
    srv_now_iso(now, sizeof now);
    srv_random_hex(org, 8);
    sqlite3_stmt *st = srv_store_prepare(
        db, "INSERT OR IGNORE INTO meta(key, value) VALUES('org_id', ?), ('org_created_at', ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, org, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    int rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    st = srv_store_prepare(db, "INSERT OR IGNORE INTO users(email, first_name, last_name, roles,"
                               " state, created_at) VALUES(?, 'Admin', 'Local', '[\"admin\"]',"
                               " 'ACTIVE', ?)");
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, SRV_ADMIN_EMAIL, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, now, -1, SQLITE_TRANSIENT);
    rc = srv_store_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return -1;
    return srv_store_ensure_workspace(db, "commons", SRV_ADMIN_EMAIL);
}

/* Makes sure the given key is live; it is attached to the admin under a name derived from
 * nothing secret (a counter), so the key itself never shows up in listings' names. */
static int ensure_key(sqlite3 *db, const char *api_key)
{
    char email[320], name[256], key[SRV_KEY_LEN + 1];
    int rc = srv_auth_check(db, api_key, email, sizeof email, name, sizeof name);
    if (rc <= 0)
        return rc;
    /* A deleted key with that value would collide on key_hash: revive it under the admin. */
    unsigned char h[SHA256_DIGEST_LENGTH];
    key_hash(api_key, h);
    sqlite3_stmt *st = srv_store_prepare(db, "DELETE FROM apikeys WHERE key_hash = ?");
    if (!st)
        return -1;
    sqlite3_bind_blob(st, 1, h, sizeof h, SQLITE_TRANSIENT);
    srv_store_step(st);
    sqlite3_finalize(st);
    for (int i = 0; i < 1000; i++) {
        char kname[64];
        snprintf(kname, sizeof kname, i ? "local-%d" : "local", i);
        rc = srv_auth_create_key(db, SRV_ADMIN_EMAIL, kname, SRV_ADMIN_EMAIL, api_key, key);
        if (rc != 1)
            return rc == 0 ? 0 : -1;
    }
    return -1;
}

int srv_auth_bootstrap(sqlite3 *db, const char *api_key)
{
    if (srv_store_begin(db) != 0)
        return -1;
    int fresh = count_rows(db, "SELECT count(*) FROM users") == 0;
    int rc = fresh ? first_start(db) : mask_stored_keys(db);
    rc = rc == 0 ? srv_events_ensure(db) : rc; /* every start: older data dirs get _events too */
    if (rc == 0 && fresh)
        rc = srv_store_exec(db, "INSERT OR IGNORE INTO meta(key, value) VALUES('apikeys_masked', '1')");
    int print_key = 0;
    char key[SRV_KEY_LEN + 1];
    if (rc == 0 && api_key) {
        rc = ensure_key(db, api_key);
    } else if (rc == 0 && fresh) {
        rc = srv_auth_create_key(db, SRV_ADMIN_EMAIL, "default", SRV_ADMIN_EMAIL, NULL, key);
        print_key = rc == 0;
    }
    if (rc != 0 || srv_store_commit(db) != 0) {
        srv_store_rollback(db);
        fprintf(stderr, "rockset-local: cannot initialize the organization\n");
        return -1;
    }
    if (print_key) {
        /* Shown once, on the first start only: the operator's only chance to copy it. */
        printf("api key: %s\n", key);
        fflush(stdout);
    }
    return 0;
}
