/* SPDX-License-Identifier: Apache-2.0 */
/* SQL functions that field mappings name (SHA256(:email), TO_HEX(...), ...), registered on
 * every SQLite connection of rockset-local so mappings and queries see the same set. */
#include "server/store/ingest.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

static void digest_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const EVP_MD *md = sqlite3_user_data(ctx);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outlen = 0;
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    /* Bytes in, bytes out: a blob is hashed as is, anything else as its text form. */
    const void *data = sqlite3_value_type(argv[0]) == SQLITE_BLOB
                           ? sqlite3_value_blob(argv[0])
                           : (const void *)sqlite3_value_text(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    if (!EVP_Digest(data ? data : "", (size_t)len, out, &outlen, md, NULL)) {
        sqlite3_result_error(ctx, "digest failed", -1);
        return;
    }
    sqlite3_result_blob(ctx, out, (int)outlen, SQLITE_TRANSIENT);
}

static void to_hex_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    static const char hex[] = "0123456789abcdef";
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const unsigned char *p = sqlite3_value_blob(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(2 * len + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    for (int i = 0; i < len; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * len] = '\0';
    sqlite3_result_text(ctx, out, 2 * len, sqlite3_free);
}

static void to_base64_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const unsigned char *p = sqlite3_value_blob(argv[0]);
    int len = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(4 * ((len + 2) / 3) + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    int n = EVP_EncodeBlock((unsigned char *)out, p ? p : (const unsigned char *)"", len);
    sqlite3_result_text(ctx, out, n, sqlite3_free);
}

/* CONCAT(a, b, ...): NULL when any argument is NULL, as in Rockset's SQL. */
static void concat_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    sqlite3_str *s = sqlite3_str_new(NULL);
    for (int i = 0; i < argc; i++) {
        if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
            sqlite3_free(sqlite3_str_finish(s));
            sqlite3_result_null(ctx);
            return;
        }
        sqlite3_str_appendall(s, (const char *)sqlite3_value_text(argv[i]));
    }
    int n = sqlite3_str_length(s);
    sqlite3_result_text(ctx, sqlite3_str_finish(s), n, sqlite3_free);
}

int srv_ingest_register_functions(sqlite3 *db)
{
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    int rc = SQLITE_OK;
    rc |= sqlite3_create_function(db, "SHA256", 1, flags, (void *)EVP_sha256(), digest_fn,
                                  NULL, NULL);
    rc |= sqlite3_create_function(db, "SHA512", 1, flags, (void *)EVP_sha512(), digest_fn,
                                  NULL, NULL);
    rc |= sqlite3_create_function(db, "SHA1", 1, flags, (void *)EVP_sha1(), digest_fn, NULL,
                                  NULL);
    rc |= sqlite3_create_function(db, "MD5", 1, flags, (void *)EVP_md5(), digest_fn, NULL,
                                  NULL);
    rc |= sqlite3_create_function(db, "TO_HEX", 1, flags, NULL, to_hex_fn, NULL, NULL);
    rc |= sqlite3_create_function(db, "TO_BASE64", 1, flags, NULL, to_base64_fn, NULL, NULL);
    rc |= sqlite3_create_function(db, "CONCAT", -1, flags, NULL, concat_fn, NULL, NULL);
    return rc == SQLITE_OK ? 0 : -1;
}
