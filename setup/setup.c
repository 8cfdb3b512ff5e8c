/* SPDX-License-Identifier: Apache-2.0 */
/* ConfigDSN and ConfigDriver: what odbcinst (SQLConfigDataSource, SQLConfigDriver) calls to
 * add, change or remove a Rockset data source or driver entry. There is no GUI: the window
 * handle is ignored, everything comes from the attribute list, and a bad list is refused
 * with an installer error rather than half written. */
#include "setup/setup_int.h"
#include "driver/odbc/keywords.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define ODBC_INI "odbc.ini"
#define ODBCINST_INI "odbcinst.ini"

BOOL rs_setup_fail(DWORD code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    SQLPostInstallerError(code, msg);
    return FALSE;
}

static char *trim(char *s)
{
    while (*s && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

BOOL rs_setup_list_parse(const char *list, rs_setup_list *out)
{
    memset(out, 0, sizeof *out);
    if (!list || !*list)
        return TRUE;
    size_t total = 0, count = 0;
    while (list[total]) {
        total += strlen(list + total) + 1;
        count++;
    }
    out->buf = malloc(total + 1);
    out->pairs = calloc(count, sizeof *out->pairs);
    if (!out->buf || !out->pairs) {
        rs_setup_list_free(out);
        return rs_setup_fail(ODBC_ERROR_OUT_OF_MEM, "out of memory");
    }
    memcpy(out->buf, list, total + 1);
    for (char *p = out->buf, *next; *p; p = next) {
        next = p + strlen(p) + 1;
        char *eq = strchr(p, '=');
        char *key;
        if (!eq || !*(key = (*eq = '\0', trim(p)))) {
            rs_setup_list_free(out);
            return rs_setup_fail(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                                 "attribute without a keyword: expected KEYWORD=VALUE");
        }
        out->pairs[out->n].key = key;
        out->pairs[out->n].value = trim(eq + 1);
        out->n++;
    }
    return TRUE;
}

void rs_setup_list_free(rs_setup_list *l)
{
    free(l->buf);
    free(l->pairs);
    memset(l, 0, sizeof *l);
}

static int is_number(const char *v)
{
    if (!*v)
        return 0;
    for (; *v; v++)
        if (!isdigit((unsigned char)*v))
            return 0;
    return 1;
}

/* The spellings the connection-string parser accepts for booleans. */
static int is_bool(const char *v)
{
    static const char *const ok[] = { "1", "0", "yes", "no", "true", "false", "on", "off",
                                      "y", "n", NULL };
    for (size_t i = 0; ok[i]; i++)
        if (strcasecmp(v, ok[i]) == 0)
            return 1;
    return 0;
}

static BOOL check_value(const rs_keyword *kw, const char *v)
{
    if (!*v)
        return TRUE; /* empty: the keyword goes back to its default */
    if (kw->type == RS_KW_INT && !is_number(v))
        return rs_setup_fail(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                             "%s must be a whole number of 0 or more, not '%.64s'", kw->name, v);
    if (kw->type == RS_KW_BOOL && !is_bool(v))
        return rs_setup_fail(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                             "%s must be 1 or 0 (yes/no, true/false), not '%.64s'", kw->name, v);
    if (kw->type == RS_KW_LIST) {
        for (size_t i = 0; kw->values && kw->values[i]; i++)
            if (strcasecmp(kw->values[i], v) == 0)
                return TRUE;
        return rs_setup_fail(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                             "%s must be one of its listed values, not '%.64s'", kw->name, v);
    }
    return TRUE;
}

/* Every keyword known and every value well formed; *dsn = the DSN attribute. Nothing is
 * written before the whole list passed. */
static BOOL check_attributes(const rs_setup_list *l, const char **dsn)
{
    *dsn = NULL;
    for (size_t i = 0; i < l->n; i++) {
        const rs_keyword *kw = rs_keyword_find(l->pairs[i].key);
        if (!kw)
            return rs_setup_fail(ODBC_ERROR_INVALID_KEYWORD_VALUE,
                                 "unknown keyword '%.64s' (see docs/keywords.md)",
                                 l->pairs[i].key);
        if (strcmp(kw->name, "DSN") == 0)
            *dsn = l->pairs[i].value;
        else if (!check_value(kw, l->pairs[i].value))
            return FALSE;
    }
    if (!*dsn || !**dsn)
        return rs_setup_fail(ODBC_ERROR_INVALID_DSN, "the DSN attribute is missing");
    if (!SQLValidDSN(*dsn))
        return rs_setup_fail(ODBC_ERROR_INVALID_DSN, "'%.64s' is not a valid data source name",
                             *dsn);
    return TRUE;
}

static int dsn_exists(const char *dsn)
{
    char buf[256];
    buf[0] = '\0';
    return SQLGetPrivateProfileString(dsn, "Driver", "", buf, sizeof buf, ODBC_INI) > 0 &&
           buf[0] != '\0';
}

/* A user data source that now holds an API key: its file (unixODBC's user odbc.ini, $ODBCINI
 * or ~/.odbc.ini) becomes readable by its owner only, as ssh does with private keys. A system
 * data source's file (/etc/odbc.ini) is left as it is, since every user of the machine must
 * read it: docs/security.md says to keep keys out of system DSNs. */
static void protect_user_file(void)
{
    char path[4096];
    const char *ini = getenv("ODBCINI"), *home = getenv("HOME");
    UWORD mode = ODBC_BOTH_DSN;

    if (!SQLGetConfigMode(&mode) || mode == ODBC_SYSTEM_DSN)
        return;
    if (ini && *ini)
        snprintf(path, sizeof path, "%s", ini);
    else if (home && *home)
        snprintf(path, sizeof path, "%s/.odbc.ini", home);
    else
        return;
    (void)chmod(path, S_IRUSR | S_IWUSR);
}

/* Writes the keywords under their canonical names; an empty value removes the entry. DSN and
 * Driver are not written: the section name is the DSN, and ConfigDSN must not change Driver. */
static BOOL write_attributes(const char *dsn, const rs_setup_list *l)
{
    int secret = 0;

    for (size_t i = 0; i < l->n; i++) {
        const rs_keyword *kw = rs_keyword_find(l->pairs[i].key);
        const char *v = l->pairs[i].value;
        if (strcmp(kw->name, "DSN") == 0 || strcmp(kw->name, "Driver") == 0)
            continue;
        /* A value under the other name would shadow or confuse this one. */
        if (kw->alias)
            SQLWritePrivateProfileString(dsn, kw->alias, NULL, ODBC_INI);
        if (!SQLWritePrivateProfileString(dsn, kw->name, *v ? v : NULL, ODBC_INI) && *v)
            return rs_setup_fail(ODBC_ERROR_REQUEST_FAILED, "could not write %s of %.64s",
                                 kw->name, dsn);
        secret |= strcmp(kw->name, "ApiKey") == 0 && *v;
    }
    if (secret)
        protect_user_file();
    return TRUE;
}

static BOOL config_dsn(WORD request, const char *driver, const rs_setup_list *l)
{
    const char *dsn;
    if (request == ODBC_REMOVE_DSN) {
        dsn = NULL;
        for (size_t i = 0; i < l->n; i++)
            if (strcasecmp(l->pairs[i].key, "DSN") == 0)
                dsn = l->pairs[i].value;
        if (!dsn || !*dsn)
            return rs_setup_fail(ODBC_ERROR_INVALID_DSN, "the DSN attribute is missing");
        if (!dsn_exists(dsn))
            return rs_setup_fail(ODBC_ERROR_INVALID_DSN, "no data source named '%.64s'", dsn);
        if (!SQLRemoveDSNFromIni(dsn))
            return rs_setup_fail(ODBC_ERROR_REMOVE_DSN_FAILED, "could not remove '%.64s'", dsn);
        return TRUE;
    }
    if (!check_attributes(l, &dsn))
        return FALSE;
    if (request == ODBC_ADD_DSN) {
        /* An existing data source of that name is replaced, as the specification says for
         * calls without a window. */
        if (!SQLWriteDSNToIni(dsn, driver))
            return rs_setup_fail(ODBC_ERROR_CREATE_DSN_FAILED, "could not create '%.64s'", dsn);
    } else if (!dsn_exists(dsn)) {
        return rs_setup_fail(ODBC_ERROR_INVALID_DSN, "no data source named '%.64s'", dsn);
    }
    return write_attributes(dsn, l);
}

BOOL INSTAPI ConfigDSN(HWND hwnd, WORD request, LPCSTR driver, LPCSTR attributes)
{
    if (request != ODBC_ADD_DSN && request != ODBC_CONFIG_DSN && request != ODBC_REMOVE_DSN)
        return rs_setup_fail(ODBC_ERROR_INVALID_REQUEST_TYPE,
                             "request %u is not ODBC_ADD_DSN, ODBC_CONFIG_DSN or ODBC_REMOVE_DSN",
                             (unsigned)request);
    if (request == ODBC_ADD_DSN && (!driver || !*driver))
        return rs_setup_fail(ODBC_ERROR_INVALID_NAME, "no driver name");
    rs_setup_list l;
    if (!rs_setup_list_parse(attributes, &l))
        return FALSE;
    BOOL ok = config_dsn(request, driver, &l);
    rs_setup_list_free(&l);
    return ok;
}

static void set_msg(const char *text, LPSTR msg, WORD msg_max, WORD *msg_out)
{
    size_t n = strlen(text);
    if (msg_out)
        *msg_out = (WORD)n;
    if (msg && msg_max > 0)
        snprintf(msg, msg_max, "%s", text);
}

/* ODBC_INSTALL_DRIVER and ODBC_CONFIG_DRIVER: args ("K=V\0...\0\0") are driver settings
 * written into the driver's odbcinst.ini section. ODBC_REMOVE_DRIVER: the driver keeps
 * nothing outside that section, which the installer removes itself. */
BOOL INSTAPI ConfigDriver(HWND hwnd, WORD request, LPCSTR driver, LPCSTR args, LPSTR msg,
                          WORD msg_max, WORD *msg_out)
{
    char text[256];
    set_msg("", msg, msg_max, msg_out);
    if (request > ODBC_CONFIG_DRIVER_MAX)
        return rs_setup_fail(ODBC_ERROR_INVALID_REQUEST_TYPE,
                             "the Rockset driver defines no driver-specific request %u",
                             (unsigned)request);
    if (request != ODBC_INSTALL_DRIVER && request != ODBC_REMOVE_DRIVER &&
        request != ODBC_CONFIG_DRIVER)
        return rs_setup_fail(ODBC_ERROR_INVALID_REQUEST_TYPE,
                             "request %u is not a ConfigDriver request", (unsigned)request);
    if (!driver || !*driver)
        return rs_setup_fail(ODBC_ERROR_INVALID_NAME, "no driver name");
    if (request == ODBC_REMOVE_DRIVER) {
        snprintf(text, sizeof text, "%.64s: nothing to remove besides its odbcinst.ini entry",
                 driver);
        set_msg(text, msg, msg_max, msg_out);
        return TRUE;
    }
    rs_setup_list l;
    if (!rs_setup_list_parse(args, &l))
        return FALSE;
    for (size_t i = 0; i < l.n; i++)
        if (!SQLWritePrivateProfileString(driver, l.pairs[i].key,
                                          *l.pairs[i].value ? l.pairs[i].value : NULL,
                                          ODBCINST_INI) && *l.pairs[i].value) {
            rs_setup_list_free(&l);
            return rs_setup_fail(ODBC_ERROR_REQUEST_FAILED, "could not write odbcinst.ini");
        }
    snprintf(text, sizeof text, "%.64s: %zu setting%s written", driver, l.n,
             l.n == 1 ? "" : "s");
    set_msg(text, msg, msg_max, msg_out);
    rs_setup_list_free(&l);
    return TRUE;
}
