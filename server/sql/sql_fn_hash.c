/* SPDX-License-Identifier: Apache-2.0 */
/* Rockset's hashing and binary-encoding functions: MD5, SHA1, SHA256, SHA512 (of a string's
 * UTF-8 bytes or of bytes; the digest is a bytes value), TO_HEX / FROM_HEX, TO_BASE64 /
 * FROM_BASE64, TO_UTF8 / FROM_UTF8. Digests come from OpenSSL, already the server's. */
#include "server/sql/sql_fn_util.h"
#include "server/sql/sql_functions.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

static const unsigned str_or_bytes = SQL_VTM_STR | SQL_VTM_BYTES;

/* The bytes a string or bytes argument holds. */
static const unsigned char *arg_bytes(sqlite3_value *v, size_t *n)
{
    if (sql_value_type(v) == SQL_VT_STRING) {
        const unsigned char *s = sqlite3_value_text(v);
        *n = (size_t)sqlite3_value_bytes(v);
        return s;
    }
    return sql_value_payload(v, n);
}

static void fn_digest(sqlite3_context *c, int n, sqlite3_value **v)
{
    const char *name = (const char *)sql_fn_data(c);
    if (sql_fn_args(c, name, n, v, &str_or_bytes) != 0)
        return;
    const EVP_MD *md = strcmp(name, "MD5") == 0 ? EVP_md5()
                     : strcmp(name, "SHA1") == 0 ? EVP_sha1()
                     : strcmp(name, "SHA256") == 0 ? EVP_sha256() : EVP_sha512();
    size_t len;
    const unsigned char *p = arg_bytes(v[0], &len);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outlen = 0;
    if (EVP_Digest(p ? p : (const unsigned char *)"", len, out, &outlen, md, NULL) != 1) {
        sql_fn_error(c, name, "the digest failed");
        return;
    }
    sql_value_result_tagged(c, SQL_VT_BYTES, out, outlen);
}

/* TO_HEX(bytes): two upper-case hex digits a byte. */
static void fn_to_hex(sqlite3_context *c, int n, sqlite3_value **v)
{
    static const char hex[] = "0123456789ABCDEF";
    if (sql_fn_args(c, "TO_HEX", n, v, (const unsigned[]){ SQL_VTM_BYTES }) != 0)
        return;
    size_t len;
    const unsigned char *p = sql_value_payload(v[0], &len);
    sql_fbuf b = { 0 };
    for (size_t i = 0; i < len; i++) {
        char two[2] = { hex[p[i] >> 4], hex[p[i] & 15] };
        sql_fbuf_add(&b, two, 2);
    }
    sql_fbuf_result_text(c, &b);
}

static int hex_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
         : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
}

/* FROM_HEX(string): the bytes an even number of hex digits (either case) spell. */
static void fn_from_hex(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "FROM_HEX", n, v, (const unsigned[]){ SQL_VTM_STR }) != 0)
        return;
    const unsigned char *s = sqlite3_value_text(v[0]);
    size_t len = (size_t)sqlite3_value_bytes(v[0]);
    if (len % 2) {
        sql_fn_error(c, "FROM_HEX", "the string has an odd number of digits");
        return;
    }
    sql_fbuf b = { 0 };
    for (size_t i = 0; i < len; i += 2) {
        int hi = hex_digit(s[i]), lo = hex_digit(s[i + 1]);
        if (hi < 0 || lo < 0) {
            sqlite3_free(b.s);
            sql_fn_error(c, "FROM_HEX", "the string is not hexadecimal");
            return;
        }
        unsigned char byte = (unsigned char)(hi << 4 | lo);
        sql_fbuf_add(&b, &byte, 1);
    }
    if (b.oom)
        sqlite3_result_error_nomem(c);
    else
        sql_value_result_tagged(c, SQL_VT_BYTES, b.s ? b.s : "", b.n);
    sqlite3_free(b.s);
}

/* TO_BASE64(bytes): standard alphabet, padded. */
static void fn_to_base64(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "TO_BASE64", n, v, (const unsigned[]){ SQL_VTM_BYTES }) != 0)
        return;
    size_t len;
    const unsigned char *p = sql_value_payload(v[0], &len);
    char *out = sqlite3_malloc64(4 * ((len + 2) / 3) + 1);
    if (!out) {
        sqlite3_result_error_nomem(c);
        return;
    }
    sql_value_base64(p, len, out);
    sqlite3_result_text(c, out, -1, sqlite3_free);
}

static int b64_value(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? ch - 'A' : ch >= 'a' && ch <= 'z' ? ch - 'a' + 26
         : ch >= '0' && ch <= '9' ? ch - '0' + 52 : ch == '+' ? 62 : ch == '/' ? 63 : -1;
}

/* base64 text (padding optional) -> bytes in b; -1 when it is not base64. */
static int b64_decode(const unsigned char *s, size_t len, sql_fbuf *b)
{
    while (len > 0 && s[len - 1] == '=')
        len--;
    if (len % 4 == 1)
        return -1;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int d = b64_value(s[i]);
        if (d < 0)
            return -1;
        acc = (acc << 6) | (unsigned)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            unsigned char byte = (unsigned char)(acc >> bits);
            sql_fbuf_add(b, &byte, 1);
        }
    }
    return 0;
}

static void fn_from_base64(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "FROM_BASE64", n, v, (const unsigned[]){ SQL_VTM_STR }) != 0)
        return;
    sql_fbuf b = { 0 };
    if (b64_decode(sqlite3_value_text(v[0]), (size_t)sqlite3_value_bytes(v[0]), &b) != 0)
        sql_fn_error(c, "FROM_BASE64", "the string is not base64");
    else if (b.oom)
        sqlite3_result_error_nomem(c);
    else
        sql_value_result_tagged(c, SQL_VT_BYTES, b.s ? b.s : "", b.n);
    sqlite3_free(b.s);
}

/* TO_UTF8(string): its UTF-8 bytes. */
static void fn_to_utf8(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "TO_UTF8", n, v, (const unsigned[]){ SQL_VTM_STR }) != 0)
        return;
    sql_value_result_tagged(c, SQL_VT_BYTES, sqlite3_value_text(v[0]),
                            (size_t)sqlite3_value_bytes(v[0]));
}

/* FROM_UTF8(bytes): the string they encode; malformed UTF-8 is an error, since a string
 * must be valid UTF-8 on the wire. */
static void fn_from_utf8(sqlite3_context *c, int n, sqlite3_value **v)
{
    if (sql_fn_args(c, "FROM_UTF8", n, v, (const unsigned[]){ SQL_VTM_BYTES }) != 0)
        return;
    size_t len;
    const unsigned char *p = sql_value_payload(v[0], &len);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = sql_utf8_next(p + i, len - i, &cp);
        if ((cp == 0xFFFD && k == 1) || cp == 0) {
            sql_fn_error(c, "FROM_UTF8", "the bytes are not valid UTF-8 text");
            return;
        }
        i += k;
    }
    sqlite3_result_text64(c, (const char *)(p ? p : (const unsigned char *)""), len,
                          SQLITE_TRANSIENT, SQLITE_UTF8);
}

void sql_fn_hash_register(sqlite3 *db)
{
    static const struct {
        const char *name;
        void (*fn)(sqlite3_context *, int, sqlite3_value **);
    } defs[] = {
        { "MD5", fn_digest }, { "SHA1", fn_digest }, { "SHA256", fn_digest },
        { "SHA512", fn_digest }, { "TO_HEX", fn_to_hex }, { "FROM_HEX", fn_from_hex },
        { "TO_BASE64", fn_to_base64 }, { "FROM_BASE64", fn_from_base64 },
        { "TO_UTF8", fn_to_utf8 }, { "FROM_UTF8", fn_from_utf8 },
    };
    for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
        sql_fn_register(db, defs[i].name, 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                        (void *)defs[i].name, defs[i].fn);
}
