/* SPDX-License-Identifier: Apache-2.0 */
/* Internal to the setup library (the setup folder's sources): attribute lists and installer
 * errors shared by ConfigDSN, ConfigDriver and their W forms. */
#ifndef RS_SETUP_INT_H
#define RS_SETUP_INT_H

#include <odbcinst.h>
#include <stddef.h>

/* unixODBC's public headers define BOOL but not its values. */
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

/* The W entry points unixODBC looks up by name; odbcinst.h declares only the ANSI ones. */
BOOL INSTAPI ConfigDSNW(HWND hwnd, WORD request, LPCWSTR driver, LPCWSTR attributes);
BOOL INSTAPI ConfigDriverW(HWND hwnd, WORD request, LPCWSTR driver, LPCWSTR args,
                           LPWSTR msg, WORD msg_max, WORD *msg_out);

/* Posts an installer error (SQLPostInstallerError) and returns FALSE. */
BOOL rs_setup_fail(DWORD code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One "KEY=VALUE" of a doubly NUL-terminated list, split (pointers into a private copy). */
typedef struct rs_setup_pair {
    char *key;
    char *value;
} rs_setup_pair;

typedef struct rs_setup_list {
    char *buf;
    rs_setup_pair *pairs;
    size_t n;
} rs_setup_list;

/* Splits list ("K=V\0K=V\0\0"; NULL or "" = empty). Keys and values are trimmed of blanks.
 * FALSE (installer error posted) for an entry without '=' or an empty key. */
BOOL rs_setup_list_parse(const char *list, rs_setup_list *out);
void rs_setup_list_free(rs_setup_list *l);

/* UTF-16 (SQLWCHAR units) to UTF-8, for one string or a doubly NUL-terminated list.
 * malloc'ed, NULL for a NULL input or when out of memory (*oom set). */
char *rs_setup_utf8(const SQLWCHAR *s, int is_list, int *oom);
/* UTF-8 into UTF-16, at most max units including the terminator; returns the units the
 * whole text needs (without the terminator). */
size_t rs_setup_utf16(const char *s, SQLWCHAR *out, size_t max);

#endif
