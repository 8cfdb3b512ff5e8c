/* SPDX-License-Identifier: Apache-2.0 */
/* Adds or removes a system DSN through the driver's setup library, the way an ODBC
 * administrator does: SQLConfigDataSource -> the driver manager -> ConfigDSN.
 * Usage: rs_configdsn add|remove DRIVER "KEY=VALUE;KEY=VALUE..." (DSN=... among them)
 * Exits 0 on success, 1 with the installer error on failure. Used by install-test.sh. */
#include <sql.h>
#include <sqlext.h>
#include <odbcinst.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* SQLConfigDataSource takes "K=V\0K=V\0\0": turn the ';' separators into NULs. */
static char *rs_attr_list(const char *text)
{
    size_t n = strlen(text);
    char *out = calloc(n + 2, 1);
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++)
        out[i] = text[i] == ';' ? '\0' : text[i];
    return out;
}

int main(int argc, char **argv)
{
    if (argc != 4 || (strcmp(argv[1], "add") && strcmp(argv[1], "remove"))) {
        fprintf(stderr, "usage: %s add|remove DRIVER \"DSN=name;KEY=VALUE...\"\n", argv[0]);
        return 2;
    }
    WORD req = strcmp(argv[1], "add") == 0 ? ODBC_ADD_SYS_DSN : ODBC_REMOVE_SYS_DSN;
    char *attrs = rs_attr_list(argv[3]);
    if (!attrs)
        return 1;
    BOOL ok = SQLConfigDataSource(NULL, req, argv[2], attrs);
    free(attrs);
    if (ok)
        return 0;
    for (WORD i = 1; i <= 8; i++) {
        DWORD code = 0;
        char msg[512];
        if (SQLInstallerError(i, &code, msg, sizeof msg, NULL) != SQL_SUCCESS)
            break;
        fprintf(stderr, "SQLConfigDataSource: installer error %lu: %s\n", (unsigned long)code, msg);
    }
    return 1;
}
