/* SPDX-License-Identifier: Apache-2.0 */
/* JSON Patch on a copy of the document: the original is only swapped in when every op
 * succeeded, so a failed patch changes nothing. */
#include "server/store/docpatch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Next reference token of a pointer, unescaped (~1 -> '/', ~0 -> '~'); NULL on bad escapes. */
static char *next_token(const char **p)
{
    const char *s = *p + 1, *e = strchr(s, '/');
    size_t n = e ? (size_t)(e - s) : strlen(s), o = 0;
    char *tok = malloc(n + 1);
    if (!tok)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '~') {
            if (i + 1 < n && (s[i + 1] == '0' || s[i + 1] == '1')) {
                tok[o++] = s[i + 1] == '0' ? '~' : '/';
                i++;
                continue;
            }
            free(tok);
            return NULL;
        }
        tok[o++] = s[i];
    }
    tok[o] = '\0';
    *p = s + n;
    return tok;
}

/* An array index token: digits without leading zeros; -1 otherwise. */
static long array_index(const char *tok)
{
    size_t n = strlen(tok);
    if (n == 0 || n > 9 || (n > 1 && tok[0] == '0'))
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)tok[i]))
            return -1;
    return strtol(tok, NULL, 10);
}

static cJSON *child(cJSON *c, const char *tok)
{
    if (cJSON_IsObject(c))
        return cJSON_GetObjectItemCaseSensitive(c, tok);
    if (cJSON_IsArray(c)) {
        long i = array_index(tok);
        return i < 0 ? NULL : cJSON_GetArrayItem(c, (int)i);
    }
    return NULL;
}

/* Walks to the container of the pointer's last token; *last gets that token (malloc'd). */
static cJSON *parent_of(cJSON *root, const char *ptr, char **last)
{
    cJSON *cur = root;
    const char *p = ptr;
    *last = NULL;
    if (*p != '/')
        return NULL;
    for (;;) {
        char *tok = next_token(&p);
        if (!tok)
            return NULL;
        if (*p == '\0') {
            *last = tok;
            return cur;
        }
        cur = child(cur, tok);
        free(tok);
        if (!cur)
            return NULL;
    }
}

static cJSON *get_at(cJSON *root, const char *ptr)
{
    char *last;
    if (*ptr == '\0')
        return root;
    cJSON *par = parent_of(root, ptr, &last);
    cJSON *v = par && last ? child(par, last) : NULL;
    free(last);
    return v;
}

/* Inserts at index i of arr. Done by hand: cJSON_InsertItemInArray of libcjson 1.7.15
 * refuses positions past the first of a parsed array. */
static int array_insert(cJSON *arr, int i, cJSON *v)
{
    cJSON *tail = cJSON_CreateArray();
    if (!tail)
        return -1;
    while (cJSON_GetArraySize(arr) > i)
        cJSON_AddItemToArray(tail, cJSON_DetachItemFromArray(arr, i));
    cJSON_AddItemToArray(arr, v);
    while (tail->child)
        cJSON_AddItemToArray(arr, cJSON_DetachItemViaPointer(tail, tail->child));
    cJSON_Delete(tail);
    return 0;
}

/* add: value is consumed on success. */
static int add_at(cJSON *root, const char *ptr, cJSON *value, int replace_only)
{
    char *last;
    cJSON *par = parent_of(root, ptr, &last);
    int rc = -1;
    if (par && last && cJSON_IsObject(par)) {
        if (cJSON_GetObjectItemCaseSensitive(par, last))
            rc = cJSON_ReplaceItemInObjectCaseSensitive(par, last, value) ? 0 : -1;
        else if (!replace_only)
            rc = cJSON_AddItemToObject(par, last, value) ? 0 : -1;
    } else if (par && last && cJSON_IsArray(par)) {
        int n = cJSON_GetArraySize(par);
        long i = strcmp(last, "-") == 0 && !replace_only ? n : array_index(last);
        if (replace_only && i >= 0 && i < n)
            rc = cJSON_ReplaceItemInArray(par, (int)i, value) ? 0 : -1;
        else if (!replace_only && i == n)
            rc = cJSON_AddItemToArray(par, value) ? 0 : -1;
        else if (!replace_only && i >= 0 && i < n)
            rc = array_insert(par, (int)i, value);
    }
    free(last);
    return rc;
}

static cJSON *detach_at(cJSON *root, const char *ptr)
{
    char *last;
    cJSON *par = parent_of(root, ptr, &last), *v = NULL;
    if (par && last) {
        cJSON *c = child(par, last);
        if (c)
            v = cJSON_DetachItemViaPointer(par, c);
    }
    free(last);
    return v;
}

/* Fields the store keeps outside the document may not be patched. */
static int protected_path(const char *p)
{
    return strcmp(p, "") == 0 || (strncmp(p, "/_id", 4) == 0 && (p[4] == 0 || p[4] == 47));
}

static int apply_one(cJSON *doc, const cJSON *op, char *err, size_t errlen)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(op, "op");
    const cJSON *pth = cJSON_GetObjectItemCaseSensitive(op, "path");
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(op, "from");
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(op, "value");
    const char *name = cJSON_IsString(o) ? o->valuestring : "";
    const char *path = cJSON_IsString(pth) ? pth->valuestring : NULL;
    if (!path || protected_path(path)) {
        snprintf(err, errlen, "op '%s': path must be a JSON pointer below the document, not _id",
                 name);
        return -1;
    }
    int needs_from = !strcasecmp(name, "move") || !strcasecmp(name, "copy");
    if (needs_from && (!cJSON_IsString(from) || protected_path(from->valuestring))) {
        snprintf(err, errlen, "op '%s' needs a 'from' pointer", name);
        return -1;
    }
    int needs_value = !strcasecmp(name, "add") || !strcasecmp(name, "replace") ||
                      !strcasecmp(name, "test");
    if (needs_value && !value) {
        snprintf(err, errlen, "op '%s' needs a 'value'", name);
        return -1;
    }
    int rc = -1;
    if (!strcasecmp(name, "add") || !strcasecmp(name, "replace")) {
        cJSON *v = cJSON_Duplicate(value, 1);
        rc = add_at(doc, path, v, !strcasecmp(name, "replace"));
        if (rc)
            cJSON_Delete(v);
    } else if (!strcasecmp(name, "remove")) {
        cJSON *v = detach_at(doc, path);
        rc = v ? 0 : -1;
        cJSON_Delete(v);
    } else if (!strcasecmp(name, "test")) {
        cJSON *v = get_at(doc, path);
        rc = v && cJSON_Compare(v, value, 1) ? 0 : -1;
    } else if (!strcasecmp(name, "copy")) {
        cJSON *v = cJSON_Duplicate(get_at(doc, from->valuestring), 1);
        rc = v ? add_at(doc, path, v, 0) : -1;
        if (rc)
            cJSON_Delete(v);
    } else if (!strcasecmp(name, "move")) {
        size_t fl = strlen(from->valuestring);
        /* A value cannot move into itself. */
        if (strncmp(path, from->valuestring, fl) == 0 && path[fl] == '/')
            rc = -1;
        else {
            cJSON *v = detach_at(doc, from->valuestring);
            rc = v ? add_at(doc, path, v, 0) : -1;
            if (rc)
                cJSON_Delete(v);
        }
    } else if (!strcasecmp(name, "increment")) {
        double by = cJSON_IsNumber(value) ? value->valuedouble : 1;
        cJSON *v = get_at(doc, path);
        if (value && !cJSON_IsNumber(value))
            rc = -1;
        else if (cJSON_IsNumber(v)) {
            cJSON_SetNumberValue(v, v->valuedouble + by);
            rc = 0;
        } else if (!v) {
            cJSON *n = cJSON_CreateNumber(by);
            rc = add_at(doc, path, n, 0);
            if (rc)
                cJSON_Delete(n);
        }
    } else {
        snprintf(err, errlen, "unknown patch op '%s'", name);
        return -1;
    }
    if (rc)
        snprintf(err, errlen, "patch op '%s' failed at path '%s'", name, path);
    return rc;
}

int srv_docpatch_apply(cJSON **doc, const cJSON *ops, char *err, size_t errlen)
{
    if (!cJSON_IsArray(ops)) {
        snprintf(err, errlen, "'patch' must be an array of operations");
        return -1;
    }
    cJSON *work = cJSON_Duplicate(*doc, 1);
    const cJSON *op;
    if (!work) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    cJSON_ArrayForEach(op, ops) {
        if (!cJSON_IsObject(op) || apply_one(work, op, err, errlen) != 0) {
            if (!cJSON_IsObject(op))
                snprintf(err, errlen, "each patch operation must be an object");
            cJSON_Delete(work);
            return -1;
        }
    }
    cJSON_Delete(*doc);
    *doc = work;
    return 0;
}
