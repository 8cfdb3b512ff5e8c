/* SPDX-License-Identifier: Apache-2.0 */
/* ODBCINSTGetProperties: the DSN keywords as unixODBC property descriptions, so odbcinst
 * and ODBCConfig can show and edit a Rockset data source. Built from the keyword table.
 *
 * Memory contract (unixODBC's ODBCINSTDestructProperties): it frees each property, its
 * pszHelp and its aPromptData array, but not the strings the array points to. Those point to
 * this library's constants, which is why it is linked -z nodelete: odbcinst unloads the
 * setup library before the caller reads the properties. */
#include "setup/setup_int.h"
#include "driver/odbc/keywords.h"

#include <odbcinstext.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int INSTAPI ODBCINSTGetProperties(HODBCINSTPROPERTY last);

/* Suggestions for Server: the local server and the regional API hosts. */
static const char *const server_choices[] = {
    "http://127.0.0.1:3030",          "https://api.usw2a1.rockset.com",
    "https://api.use1a1.rockset.com", "https://api.euc1a1.rockset.com",
    NULL,
};

/* odbcinst itself adds Name (the DSN), Description and Driver before asking the setup. */
static int added_by_odbcinst(const rs_keyword *kw)
{
    return strcmp(kw->name, "DSN") == 0 || strcmp(kw->name, "Driver") == 0 ||
           strcmp(kw->name, "Description") == 0;
}

static char **prompt_data(const char *const *values)
{
    size_t n = 0;
    while (values[n])
        n++;
    char **a = malloc((n + 1) * sizeof *a);
    if (!a)
        return NULL;
    for (size_t i = 0; i <= n; i++)
        a[i] = (char *)values[i]; /* odbcinst's type is char **, it never writes them */
    return a;
}

static int prompt_type(const rs_keyword *kw)
{
    if (kw->type == RS_KW_SECRET)
        return ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD;
    if (kw->type == RS_KW_BOOL || kw->type == RS_KW_LIST)
        return ODBCINST_PROMPTTYPE_LISTBOX;
    if (strcmp(kw->name, "Server") == 0)
        return ODBCINST_PROMPTTYPE_COMBOBOX;
    if (strcmp(kw->name, "LogFile") == 0 || strcmp(kw->name, "CAInfo") == 0)
        return ODBCINST_PROMPTTYPE_FILENAME;
    if (strcmp(kw->name, "UID") == 0)
        return ODBCINST_PROMPTTYPE_HIDDEN; /* accepted but meaningless: not worth a field */
    return ODBCINST_PROMPTTYPE_TEXTEDIT;
}

static HODBCINSTPROPERTY new_property(const rs_keyword *kw)
{
    HODBCINSTPROPERTY p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->nPromptType = prompt_type(kw);
    strncpy(p->szName, kw->name, INI_MAX_PROPERTY_NAME);
    strncpy(p->szValue, kw->def, INI_MAX_PROPERTY_VALUE);
    p->pszHelp = strdup(kw->help);
    if (p->nPromptType == ODBCINST_PROMPTTYPE_LISTBOX)
        p->aPromptData = prompt_data(kw->values);
    else if (p->nPromptType == ODBCINST_PROMPTTYPE_COMBOBOX)
        p->aPromptData = prompt_data(server_choices);
    if (!p->pszHelp || ((p->nPromptType == ODBCINST_PROMPTTYPE_LISTBOX ||
                         p->nPromptType == ODBCINST_PROMPTTYPE_COMBOBOX) && !p->aPromptData)) {
        free(p->pszHelp);
        free(p->aPromptData);
        free(p);
        return NULL;
    }
    return p;
}

/* last is the last property odbcinst built; ours are appended after it. */
int INSTAPI ODBCINSTGetProperties(HODBCINSTPROPERTY last)
{
    size_t n;
    const rs_keyword *kw = rs_keywords(&n);
    if (!last)
        return ODBCINST_ERROR;
    while (last->pNext)
        last = last->pNext;
    for (size_t i = 0; i < n; i++) {
        if (added_by_odbcinst(&kw[i]))
            continue;
        HODBCINSTPROPERTY p = new_property(&kw[i]);
        if (!p)
            return ODBCINST_ERROR; /* what was appended stays valid for the destructor */
        last->pNext = p;
        last = p;
    }
    return ODBCINST_SUCCESS;
}
