/* SPDX-License-Identifier: Apache-2.0 */
/* The keyword table: lookups, the values the brief fixes, and docs/keywords.md matching the
 * table. `test_keywords --doc > docs/keywords.md` regenerates the document. */
#include "driver/odbc/keywords.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef RS_TOP_SRCDIR
#define RS_TOP_SRCDIR "."
#endif

static const char *type_name(rs_kw_type t)
{
    switch (t) {
    case RS_KW_TEXT: return "text";
    case RS_KW_SECRET: return "secret";
    case RS_KW_INT: return "integer";
    case RS_KW_BOOL: return "boolean";
    case RS_KW_LIST: return "list";
    }
    return "?";
}

static void doc_write(FILE *f)
{
    size_t n;
    const rs_keyword *kw = rs_keywords(&n);
    fputs("# Connection keywords\n\n"
          "<!-- Generated from driver/odbc/keywords.c by `tests/driver/odbc/test_keywords --doc`; the unit\n"
          "     test fails when this file and the table disagree. -->\n\n"
          "Keywords go in a DSN section of odbc.ini or in a connection string\n"
          "(`Driver=Rockset;Server=...;ApiKey=...`). Names match without regard to case.\n"
          "A connection string value overrides the DSN's.\n\n"
          "To add a data source: `odbcinst -i -s -f odbc.ini.sample`, the unixODBC tools\n"
          "(ODBCConfig shows every keyword below with its help), or from a program\n"
          "`SQLConfigDataSource(NULL, ODBC_ADD_DSN, \"Rockset\", \"DSN=name\\0Server=...\\0\\0\")`\n"
          "(the setup library, librocksetodbcS.so, checks the keywords and values and refuses\n"
          "unknown ones; an empty value removes the entry so its default applies).\n\n"
          "| Keyword | Other name | Type | Default | Values | Meaning |\n"
          "|---|---|---|---|---|---|\n", f);
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "| %s | %s | %s | %s | ", kw[i].name, kw[i].alias ? kw[i].alias : "",
                type_name(kw[i].type), kw[i].def[0] ? kw[i].def : "(none)");
        for (size_t v = 0; kw[i].values && kw[i].values[v]; v++)
            fprintf(f, "%s%s", v ? ", " : "", kw[i].values[v]);
        fprintf(f, " | %s |\n", kw[i].help);
    }
}

static char *slurp(FILE *f)
{
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *nb = realloc(buf, cap * 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
            cap *= 2;
        }
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

static void test_doc_matches_table(void)
{
    const char *top = getenv("top_srcdir");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/keywords.md", top && *top ? top : RS_TOP_SRCDIR);
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *doc = slurp(f);
    fclose(f);
    char *gen = NULL;
    size_t genlen = 0;
    FILE *m = open_memstream(&gen, &genlen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    doc_write(m);
    fclose(m);
    CU_ASSERT_PTR_NOT_NULL(doc);
    if (doc && strcmp(doc, gen) != 0)
        fprintf(stderr, "\n%s differs from the table: regenerate it with "
                        "tests/driver/odbc/test_keywords --doc\n", path);
    CU_ASSERT(doc && strcmp(doc, gen) == 0);
    free(doc);
    free(gen);
}

static void test_find(void)
{
    const rs_keyword *k = rs_keyword_find("server");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_STRING_EQUAL(k->name, "Server");
    CU_ASSERT_STRING_EQUAL(k->def, "http://127.0.0.1:3030");
    k = rs_keyword_find("pwd");
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_STRING_EQUAL(k->name, "ApiKey");
    CU_ASSERT_EQUAL(k->type, RS_KW_SECRET);
    CU_ASSERT_PTR_EQUAL(rs_keyword_find("APIKEY"), k);
    CU_ASSERT_PTR_NULL(rs_keyword_find("NoSuchKeyword"));
    CU_ASSERT_PTR_NULL(rs_keyword_find(""));
    CU_ASSERT_PTR_NULL(rs_keyword_find(NULL));
}

static void expect_default(const char *name, rs_kw_type type, const char *def)
{
    const rs_keyword *k = rs_keyword_find(name);
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    CU_ASSERT_STRING_EQUAL(k->name, name);
    CU_ASSERT_EQUAL(k->type, type);
    CU_ASSERT_STRING_EQUAL(k->def, def);
}

static void test_defaults(void)
{
    expect_default("DSN", RS_KW_TEXT, "");
    expect_default("Driver", RS_KW_TEXT, "");
    expect_default("UID", RS_KW_TEXT, "");
    expect_default("Workspace", RS_KW_TEXT, "commons");
    expect_default("Timeout", RS_KW_INT, "60");
    expect_default("ConnectTimeout", RS_KW_INT, "10");
    expect_default("QueryTimeout", RS_KW_INT, "0");
    expect_default("PageSize", RS_KW_INT, "10000");
    expect_default("DefaultRowLimit", RS_KW_INT, "0");
    expect_default("MaxVarchar", RS_KW_INT, "8000");
    expect_default("SSLVerify", RS_KW_BOOL, "1");
    expect_default("CAInfo", RS_KW_TEXT, "");
    expect_default("Proxy", RS_KW_TEXT, "");
    expect_default("MaxRetries", RS_KW_INT, "3");
    expect_default("LogLevel", RS_KW_LIST, "0");
    expect_default("LogFile", RS_KW_TEXT, "");
    expect_default("LambdaTag", RS_KW_TEXT, "latest");
}

/* Every entry is usable by the setup library and the parser: a help line, a default that is
 * one of the listed values, unique names and aliases. */
static void test_table_sane(void)
{
    size_t n;
    const rs_keyword *kw = rs_keywords(&n);
    CU_ASSERT_FATAL(n >= 18);
    for (size_t i = 0; i < n; i++) {
        CU_ASSERT(kw[i].help && strlen(kw[i].help) > 10);
        CU_ASSERT_PTR_NOT_NULL(kw[i].def);
        CU_ASSERT_PTR_EQUAL(rs_keyword_find(kw[i].name), &kw[i]);
        if (kw[i].alias)
            CU_ASSERT_PTR_EQUAL(rs_keyword_find(kw[i].alias), &kw[i]);
        if (kw[i].type == RS_KW_LIST || kw[i].type == RS_KW_BOOL) {
            int found = 0;
            CU_ASSERT_PTR_NOT_NULL_FATAL(kw[i].values);
            for (size_t v = 0; kw[i].values[v]; v++)
                found |= strcmp(kw[i].values[v], kw[i].def) == 0;
            CU_ASSERT(found);
        }
    }
    const rs_keyword *lv = rs_keyword_find("LogLevel");
    CU_ASSERT_STRING_EQUAL(lv->values[0], "0");
    CU_ASSERT_STRING_EQUAL(lv->values[4], "4");
    CU_ASSERT_PTR_NULL(lv->values[5]);
}

int main(int argc, char **argv)
{
    static const cu_case cases[] = {
        {"find", test_find},
        {"defaults", test_defaults},
        {"table", test_table_sane},
        {"doc matches table", test_doc_matches_table},
        {NULL, NULL},
    };

    if (argc > 1 && strcmp(argv[1], "--doc") == 0) {
        doc_write(stdout);
        return 0;
    }
    return cu_run("keywords", cases);
}
