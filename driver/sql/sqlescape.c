/* SPDX-License-Identifier: Apache-2.0 */
/* The scalar functions of ODBC escapes ({fn ...}), written as Rockset SQL. The table is the
 * single source of truth: the SQL_FN_* masks SQLGetInfo reports are computed from it, and
 * docs/escapes.md lists the same rows (tests/driver/sql/test_sqlrewrite checks a sample of each). */
#include "driver/sql/sqlescape.h"
#include "driver/sql/sqlrewrite.h"

#include <sql.h>
#include <sqlext.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum { FN_STR, FN_NUM, FN_TD, FN_SYS, FN_CVT };

typedef int (*fn_special)(char *const *args, size_t nargs, rs_sb *out, char *err,
                          size_t errlen);

struct rs_fn_def {
    const char *name;
    int cat;
    unsigned long bit;
    int minargs, maxargs;
    rs_fn_args_style style;
    int bare_ok;
    const char *tmpl;   /* $1..$9 = arguments, $* = all arguments; NULL = special */
    fn_special special;
};

static int fn_convert(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen);
static int fn_tsadd(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen);
static int fn_tsdiff(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen);

#define L RS_FNARGS_LIST
static const struct rs_fn_def fn_table[] = {
    /* string */
    { "ASCII", FN_STR, SQL_FN_STR_ASCII, 1, 1, L, 0, "CODEPOINT(SUBSTR($1, 1, 1))", NULL },
    { "CHAR", FN_STR, SQL_FN_STR_CHAR, 1, 1, L, 0, "CHR($1)", NULL },
    { "CHAR_LENGTH", FN_STR, SQL_FN_STR_CHAR_LENGTH, 1, 1, L, 0, "LENGTH($1)", NULL },
    { "CHARACTER_LENGTH", FN_STR, SQL_FN_STR_CHARACTER_LENGTH, 1, 1, L, 0, "LENGTH($1)", NULL },
    { "CONCAT", FN_STR, SQL_FN_STR_CONCAT, 2, 2, L, 0, "CONCAT($1, $2)", NULL },
    { "LCASE", FN_STR, SQL_FN_STR_LCASE, 1, 1, L, 0, "LOWER($1)", NULL },
    { "LEFT", FN_STR, SQL_FN_STR_LEFT, 2, 2, L, 0, "SUBSTR($1, 1, $2)", NULL },
    /* ODBC's LENGTH leaves out trailing blanks. */
    { "LENGTH", FN_STR, SQL_FN_STR_LENGTH, 1, 1, L, 0, "LENGTH(RTRIM($1))", NULL },
    /* Only the two-argument form: the start position cannot be written without repeating
     * an argument (and so its markers). */
    { "LOCATE", FN_STR, SQL_FN_STR_LOCATE_2, 2, 2, L, 0, "STRPOS($2, $1)", NULL },
    { "LTRIM", FN_STR, SQL_FN_STR_LTRIM, 1, 1, L, 0, "LTRIM($1)", NULL },
    { "POSITION", FN_STR, SQL_FN_STR_POSITION, 2, 2, RS_FNARGS_IN, 0, "STRPOS($2, $1)", NULL },
    { "REPLACE", FN_STR, SQL_FN_STR_REPLACE, 3, 3, L, 0, "REPLACE($1, $2, $3)", NULL },
    /* A negative start counts from the end of the string. */
    { "RIGHT", FN_STR, SQL_FN_STR_RIGHT, 2, 2, L, 0, "SUBSTR($1, -($2))", NULL },
    { "RTRIM", FN_STR, SQL_FN_STR_RTRIM, 1, 1, L, 0, "RTRIM($1)", NULL },
    { "SUBSTRING", FN_STR, SQL_FN_STR_SUBSTRING, 2, 3, L, 0, "SUBSTR($*)", NULL },
    { "UCASE", FN_STR, SQL_FN_STR_UCASE, 1, 1, L, 0, "UPPER($1)", NULL },
    /* numeric */
    { "ABS", FN_NUM, SQL_FN_NUM_ABS, 1, 1, L, 0, "ABS($1)", NULL },
    { "ACOS", FN_NUM, SQL_FN_NUM_ACOS, 1, 1, L, 0, "ACOS($1)", NULL },
    { "ASIN", FN_NUM, SQL_FN_NUM_ASIN, 1, 1, L, 0, "ASIN($1)", NULL },
    { "ATAN", FN_NUM, SQL_FN_NUM_ATAN, 1, 1, L, 0, "ATAN($1)", NULL },
    { "ATAN2", FN_NUM, SQL_FN_NUM_ATAN2, 2, 2, L, 0, "ATAN2($1, $2)", NULL },
    { "CEILING", FN_NUM, SQL_FN_NUM_CEILING, 1, 1, L, 0, "CEIL($1)", NULL },
    { "COS", FN_NUM, SQL_FN_NUM_COS, 1, 1, L, 0, "COS($1)", NULL },
    { "COT", FN_NUM, SQL_FN_NUM_COT, 1, 1, L, 0, "(1.0 / TAN($1))", NULL },
    { "DEGREES", FN_NUM, SQL_FN_NUM_DEGREES, 1, 1, L, 0, "DEGREES($1)", NULL },
    { "EXP", FN_NUM, SQL_FN_NUM_EXP, 1, 1, L, 0, "EXP($1)", NULL },
    { "FLOOR", FN_NUM, SQL_FN_NUM_FLOOR, 1, 1, L, 0, "FLOOR($1)", NULL },
    { "LOG", FN_NUM, SQL_FN_NUM_LOG, 1, 1, L, 0, "LN($1)", NULL },
    { "LOG10", FN_NUM, SQL_FN_NUM_LOG10, 1, 1, L, 0, "LOG10($1)", NULL },
    { "MOD", FN_NUM, SQL_FN_NUM_MOD, 2, 2, L, 0, "MOD($1, $2)", NULL },
    { "PI", FN_NUM, SQL_FN_NUM_PI, 0, 0, L, 0, "PI()", NULL },
    { "POWER", FN_NUM, SQL_FN_NUM_POWER, 2, 2, L, 0, "POW($1, $2)", NULL },
    { "RADIANS", FN_NUM, SQL_FN_NUM_RADIANS, 1, 1, L, 0, "RADIANS($1)", NULL },
    /* Rockset's RAND() takes no seed: RAND(seed) is refused by the argument count. */
    { "RAND", FN_NUM, SQL_FN_NUM_RAND, 0, 0, L, 0, "RAND()", NULL },
    { "ROUND", FN_NUM, SQL_FN_NUM_ROUND, 1, 2, L, 0, "ROUND($*)", NULL },
    { "SIGN", FN_NUM, SQL_FN_NUM_SIGN, 1, 1, L, 0, "SIGN($1)", NULL },
    { "SIN", FN_NUM, SQL_FN_NUM_SIN, 1, 1, L, 0, "SIN($1)", NULL },
    { "SQRT", FN_NUM, SQL_FN_NUM_SQRT, 1, 1, L, 0, "SQRT($1)", NULL },
    { "TAN", FN_NUM, SQL_FN_NUM_TAN, 1, 1, L, 0, "TAN($1)", NULL },
    { "TRUNCATE", FN_NUM, SQL_FN_NUM_TRUNCATE, 2, 2, L, 0, "TRUNC($1, $2)", NULL },
    /* time and date */
    { "CURDATE", FN_TD, SQL_FN_TD_CURDATE, 0, 0, L, 0, "CURRENT_DATE()", NULL },
    { "CURTIME", FN_TD, SQL_FN_TD_CURTIME, 0, 0, L, 0, "CURRENT_TIME()", NULL },
    { "CURRENT_DATE", FN_TD, SQL_FN_TD_CURRENT_DATE, 0, 0, L, 1, "CURRENT_DATE()", NULL },
    /* The precision argument is accepted and dropped: Rockset keeps microseconds. */
    { "CURRENT_TIME", FN_TD, SQL_FN_TD_CURRENT_TIME, 0, 1, L, 1, "CURRENT_TIME()", NULL },
    { "CURRENT_TIMESTAMP", FN_TD, SQL_FN_TD_CURRENT_TIMESTAMP, 0, 1, L, 1,
      "CURRENT_TIMESTAMP()", NULL },
    { "DAYOFMONTH", FN_TD, SQL_FN_TD_DAYOFMONTH, 1, 1, L, 0, "EXTRACT(DAY FROM $1)", NULL },
    /* Sunday = 1 in both ODBC and Rockset (whose date parts follow BigQuery's). */
    { "DAYOFWEEK", FN_TD, SQL_FN_TD_DAYOFWEEK, 1, 1, L, 0, "EXTRACT(DAYOFWEEK FROM $1)", NULL },
    { "DAYOFYEAR", FN_TD, SQL_FN_TD_DAYOFYEAR, 1, 1, L, 0, "EXTRACT(DAYOFYEAR FROM $1)", NULL },
    { "EXTRACT", FN_TD, SQL_FN_TD_EXTRACT, 1, 1, RS_FNARGS_RAW, 0, "EXTRACT($1)", NULL },
    { "HOUR", FN_TD, SQL_FN_TD_HOUR, 1, 1, L, 0, "EXTRACT(HOUR FROM $1)", NULL },
    { "MINUTE", FN_TD, SQL_FN_TD_MINUTE, 1, 1, L, 0, "EXTRACT(MINUTE FROM $1)", NULL },
    { "MONTH", FN_TD, SQL_FN_TD_MONTH, 1, 1, L, 0, "EXTRACT(MONTH FROM $1)", NULL },
    { "NOW", FN_TD, SQL_FN_TD_NOW, 0, 0, L, 0, "CURRENT_TIMESTAMP()", NULL },
    { "QUARTER", FN_TD, SQL_FN_TD_QUARTER, 1, 1, L, 0, "EXTRACT(QUARTER FROM $1)", NULL },
    { "SECOND", FN_TD, SQL_FN_TD_SECOND, 1, 1, L, 0, "EXTRACT(SECOND FROM $1)", NULL },
    { "TIMESTAMPADD", FN_TD, SQL_FN_TD_TIMESTAMPADD, 3, 3, L, 0, NULL, fn_tsadd },
    { "TIMESTAMPDIFF", FN_TD, SQL_FN_TD_TIMESTAMPDIFF, 3, 3, L, 0, NULL, fn_tsdiff },
    /* ODBC wants 1..53; Rockset's WEEK counts from 0, its ISOWEEK from 1. */
    { "WEEK", FN_TD, SQL_FN_TD_WEEK, 1, 1, L, 0, "EXTRACT(ISOWEEK FROM $1)", NULL },
    { "YEAR", FN_TD, SQL_FN_TD_YEAR, 1, 1, L, 0, "EXTRACT(YEAR FROM $1)", NULL },
    /* system: the catalog of every Rockset deployment is "rockset". */
    { "DATABASE", FN_SYS, SQL_FN_SYS_DBNAME, 0, 0, L, 0, "'rockset'", NULL },
    { "IFNULL", FN_SYS, SQL_FN_SYS_IFNULL, 2, 2, L, 0, "COALESCE($1, $2)", NULL },
    { "USER", FN_SYS, SQL_FN_SYS_USERNAME, 0, 0, L, 0, "CURRENT_USER()", NULL },
    /* conversion (CAST is plain SQL and passes through untouched) */
    { "CONVERT", FN_CVT, SQL_FN_CVT_CONVERT, 2, 2, L, 0, NULL, fn_convert },
};
#undef L

#define FN_COUNT (sizeof fn_table / sizeof fn_table[0])

const rs_fn_def *rs_esc_fn_find(const char *name, size_t len)
{
    for (size_t i = 0; i < FN_COUNT; i++)
        if (strlen(fn_table[i].name) == len && strncasecmp(fn_table[i].name, name, len) == 0)
            return &fn_table[i];
    return NULL;
}

rs_fn_args_style rs_esc_fn_style(const rs_fn_def *f)
{
    return f->style;
}

int rs_esc_fn_bare_ok(const rs_fn_def *f)
{
    return f->bare_ok;
}

static void write_template(const char *t, char *const *args, size_t nargs, rs_sb *out)
{
    for (; *t; t++) {
        if (t[0] == '$' && t[1] == '*') {
            for (size_t i = 0; i < nargs; i++) {
                if (i)
                    rs_sb_adds(out, ", ");
                rs_sb_adds(out, args[i]);
            }
            t++;
        } else if (t[0] == '$' && t[1] >= '1' && t[1] <= '9') {
            size_t i = (size_t)(t[1] - '1');
            if (i < nargs)
                rs_sb_adds(out, args[i]);
            t++;
        } else {
            rs_sb_addc(out, *t);
        }
    }
}

int rs_esc_fn_write(const rs_fn_def *f, char *const *args, size_t nargs, rs_sb *out, char *err,
                    size_t errlen)
{
    if (nargs < (size_t)f->minargs || nargs > (size_t)f->maxargs) {
        if (f->minargs == f->maxargs)
            snprintf(err, errlen, "{fn %s} takes %d argument%s, not %zu", f->name, f->minargs,
                     f->minargs == 1 ? "" : "s", nargs);
        else
            snprintf(err, errlen, "{fn %s} takes %d to %d arguments, not %zu", f->name,
                     f->minargs, f->maxargs, nargs);
        return -1;
    }
    for (size_t i = 0; i < nargs; i++)
        if (args[i][0] == '\0') {
            snprintf(err, errlen, "{fn %s}: argument %zu is empty", f->name, i + 1);
            return -1;
        }
    if (f->special)
        return f->special(args, nargs, out, err, errlen);
    write_template(f->tmpl, args, nargs, out);
    return 0;
}

/* CONVERT(value, SQL_xxx): the ODBC type names and the Rockset type each becomes. */
static const struct { const char *odbc, *rockset; } cvt_types[] = {
    { "BIGINT", "int" },        { "INTEGER", "int" },        { "SMALLINT", "int" },
    { "TINYINT", "int" },       { "DOUBLE", "float" },       { "FLOAT", "float" },
    { "REAL", "float" },        { "DECIMAL", "float" },      { "NUMERIC", "float" },
    { "CHAR", "string" },       { "VARCHAR", "string" },     { "LONGVARCHAR", "string" },
    { "WCHAR", "string" },      { "WVARCHAR", "string" },    { "WLONGVARCHAR", "string" },
    { "GUID", "string" },       { "BIT", "bool" },           { "DATE", "date" },
    { "TYPE_DATE", "date" },    { "TIME", "time" },          { "TYPE_TIME", "time" },
    { "TIMESTAMP", "timestamp" }, { "TYPE_TIMESTAMP", "timestamp" },
    { "BINARY", "bytes" },      { "VARBINARY", "bytes" },    { "LONGVARBINARY", "bytes" },
};

static const char *skip_prefix(const char *s, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncasecmp(s, prefix, n) == 0 ? s + n : s;
}

static int fn_convert(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen)
{
    const char *t = skip_prefix(args[1], "SQL_");
    for (size_t i = 0; i < sizeof cvt_types / sizeof cvt_types[0]; i++)
        if (strcasecmp(cvt_types[i].odbc, t) == 0) {
            rs_sb_adds(out, "CAST(");
            rs_sb_adds(out, args[0]);
            rs_sb_adds(out, " AS ");
            rs_sb_adds(out, cvt_types[i].rockset);
            rs_sb_addc(out, ')');
            return 0;
        }
    snprintf(err, errlen, "{fn CONVERT}: unsupported target type %.64s", args[1]);
    return -1;
}

/* SQL_TSI_xxx interval names and the unit names DATE_ADD / DATE_DIFF take. */
static const char *tsi_unit(const char *arg, char *err, size_t errlen)
{
    static const struct { const char *tsi, *unit; } units[] = {
        { "SECOND", "second" }, { "MINUTE", "minute" }, { "HOUR", "hour" },
        { "DAY", "day" },       { "WEEK", "week" },     { "MONTH", "month" },
        { "QUARTER", "quarter" }, { "YEAR", "year" },
    };
    const char *t = skip_prefix(arg, "SQL_TSI_");
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcasecmp(units[i].tsi, t) == 0)
            return units[i].unit;
    snprintf(err, errlen, "unsupported interval %.64s (use SQL_TSI_SECOND ... SQL_TSI_YEAR)",
             arg);
    return NULL;
}

static int fn_ts2(const char *fname, char *const *args, rs_sb *out, char *err, size_t errlen)
{
    const char *unit = tsi_unit(args[0], err, errlen);
    if (!unit)
        return -1;
    rs_sb_adds(out, fname);
    rs_sb_adds(out, "('");
    rs_sb_adds(out, unit);
    rs_sb_adds(out, "', ");
    rs_sb_adds(out, args[1]);
    rs_sb_adds(out, ", ");
    rs_sb_adds(out, args[2]);
    rs_sb_addc(out, ')');
    return 0;
}

static int fn_tsadd(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen)
{
    return fn_ts2("DATE_ADD", args, out, err, errlen);
}

static int fn_tsdiff(char *const *args, size_t nargs, rs_sb *out, char *err, size_t errlen)
{
    return fn_ts2("DATE_DIFF", args, out, err, errlen);
}

/* Matches s against a shape where '9' is a digit and anything else itself; returns the
 * number of bytes matched, 0 on mismatch. */
static size_t match_shape(const char *s, size_t len, const char *shape)
{
    size_t n = strlen(shape);
    if (len < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (shape[i] == '9' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    }
    return n;
}

/* Optional fraction ".ddd" then the end. */
static int fraction_ok(const char *s, size_t len)
{
    if (len == 0)
        return 1;
    if (s[0] != '.' || len < 2)
        return 0;
    for (size_t i = 1; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int datetime_shape_ok(const char *kind, const char *v, size_t n)
{
    size_t m;
    if (strcmp(kind, "guid") == 0) {
        static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
        if (n != sizeof shape - 1)
            return 0;
        for (size_t i = 0; i < n; i++)
            if (shape[i] == '-' ? v[i] != '-' : !isxdigit((unsigned char)v[i]))
                return 0;
        return 1;
    }
    if (strcmp(kind, "d") == 0)
        return match_shape(v, n, "9999-99-99") == n;
    if (strcmp(kind, "t") == 0) {
        m = match_shape(v, n, "99:99:99");
        return m && fraction_ok(v + m, n - m);
    }
    m = match_shape(v, n, "9999-99-99 99:99:99");
    if (!m)
        m = match_shape(v, n, "9999-99-99T99:99:99");
    return m && fraction_ok(v + m, n - m);
}

int rs_esc_datetime(const char *kind, const char *lit, size_t litlen, rs_sb *out, char *err,
                    size_t errlen)
{
    static const char *const shapes[] = { "'YYYY-MM-DD'", "'hh:mm:ss[.f]'",
                                          "'YYYY-MM-DD hh:mm:ss[.f]'",
                                          "'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx' (hex digits)" };
    static const char *const prefixes[] = { "DATE ", "TIME ", "TIMESTAMP ", "" };
    int which = strcmp(kind, "d") == 0    ? 0
                : strcmp(kind, "t") == 0  ? 1
                : strcmp(kind, "ts") == 0 ? 2
                                          : 3;
    /* lit includes its quotes; a literal with '' inside is never a valid date or time. */
    if (litlen < 2 || !datetime_shape_ok(kind, lit + 1, litlen - 2)) {
        snprintf(err, errlen, "{%s %.*s}: expected %s", kind, (int)(litlen > 64 ? 64 : litlen),
                 lit, shapes[which]);
        return -1;
    }
    /* Rockset has no GUID type: a GUID is its text. */
    rs_sb_adds(out, prefixes[which]);
    rs_sb_add(out, lit, litlen);
    return 0;
}

static unsigned long mask_of(int cat)
{
    unsigned long m = 0;
    for (size_t i = 0; i < FN_COUNT; i++)
        if (fn_table[i].cat == cat)
            m |= fn_table[i].bit;
    return m;
}

unsigned long rs_sql_fn_string_mask(void)
{
    return mask_of(FN_STR);
}

unsigned long rs_sql_fn_numeric_mask(void)
{
    return mask_of(FN_NUM);
}

unsigned long rs_sql_fn_timedate_mask(void)
{
    return mask_of(FN_TD);
}

unsigned long rs_sql_fn_system_mask(void)
{
    return mask_of(FN_SYS);
}

unsigned long rs_sql_fn_convert_mask(void)
{
    /* CAST needs no translation: the server understands it as written. */
    return mask_of(FN_CVT) | SQL_FN_CVT_CAST;
}
