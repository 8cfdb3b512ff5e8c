/* SPDX-License-Identifier: Apache-2.0 */
/* The setup library through unixODBC, as odbcinst and applications use it: a private
 * ODBCSYSINI/ODBCINI in a temporary directory and an odbcinst.ini whose driver names the
 * built library as its Setup. DSNs are added, changed and removed with SQLConfigDataSource
 * and the files are read back; ODBCINSTConstructProperties must describe every keyword; the
 * W entry points are called directly. */
#include "driver/odbc/keywords.h"
#include "tests/cunit_main.h"

#include <sys/stat.h>
#include <CUnit/Basic.h>
#include <dlfcn.h>
#include <odbcinstext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#ifndef RS_SETUP_LIB
#error RS_SETUP_LIB must name the built setup library
#endif

#define DRIVER_NAME "RocksetTest"

static char dir[256];
static void *lib; /* the setup library, for the entry points unixODBC cannot reach */
static char user_ini[300], sys_ini[300], inst_ini[300];

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

/* The value of key in [section] of an ini file, "" with found = 0 when absent. */
static int ini_get(const char *path, const char *section, const char *key, char *out,
                   size_t outlen)
{
    FILE *f = fopen(path, "r");
    char line[1024];
    int in = 0, found = 0;
    out[0] = '\0';
    if (!f)
        return 0;
    while (!found && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '[') {
            char *end = strchr(line, ']');
            if (end)
                *end = '\0';
            in = strcasecmp(line + 1, section) == 0;
            if (in && !key)
                found = 1;
            continue;
        }
        char *eq = strchr(line, '=');
        if (!in || !key || !eq)
            continue;
        char *k = line, *v = eq + 1;
        *eq = '\0';
        for (char *e = eq - 1; e >= k && (*e == ' ' || *e == '\t'); e--)
            *e = '\0';
        while (*v == ' ' || *v == '\t')
            v++;
        if (strcasecmp(k, key) == 0) {
            snprintf(out, outlen, "%s", v);
            found = 1;
        }
    }
    fclose(f);
    return found;
}

static void expect_value(const char *path, const char *section, const char *key,
                         const char *want)
{
    char v[512];
    int found = ini_get(path, section, key, v, sizeof v);
    if (!found || strcmp(v, want) != 0)
        fprintf(stderr, "\n  %s [%s] %s = '%s' (found %d), want '%s'\n", path, section, key, v,
                found, want);
    CU_ASSERT(found);
    CU_ASSERT_STRING_EQUAL(v, want);
}

static void expect_absent(const char *path, const char *section, const char *key)
{
    char v[512];
    CU_ASSERT_FALSE(ini_get(path, section, key, v, sizeof v));
}

/* The most recent installer error: its code, and its message contains part. (Errors pile up
 * when the setup library is called directly: only odbcinst's own entry points clear them.) */
static void expect_installer_error(DWORD code, const char *part)
{
    DWORD got = 0;
    char msg[512] = "";
    int found = 0;
    for (WORD i = 1; i <= 8; i++) {
        DWORD c = 0;
        char m[512] = "";
        WORD len = 0;
        RETCODE rc = SQLInstallerError(i, &c, m, sizeof m, &len);
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
            break;
        got = c;
        memcpy(msg, m, sizeof msg);
        found = 1;
    }
    CU_ASSERT(found);
    if (got != code || (part && !strstr(msg, part)))
        fprintf(stderr, "\n  installer error %lu '%s', want %lu '%s'\n", (unsigned long)got,
                msg, (unsigned long)code, part ? part : "");
    CU_ASSERT_EQUAL(got, code);
    CU_ASSERT(part == NULL || strstr(msg, part) != NULL);
}

static int suite_init(void)
{
    char text[1024];
    snprintf(dir, sizeof dir, "/tmp/rs-setup-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    snprintf(user_ini, sizeof user_ini, "%s/user-odbc.ini", dir);
    snprintf(sys_ini, sizeof sys_ini, "%s/odbc.ini", dir);
    snprintf(inst_ini, sizeof inst_ini, "%s/odbcinst.ini", dir);
    snprintf(text, sizeof text,
             "[%s]\nDescription = Rockset driver under test\nDriver = %s/nonexistent.so\n"
             "Setup = %s\n", DRIVER_NAME, dir, RS_SETUP_LIB);
    if (write_file(inst_ini, text) || write_file(user_ini, "") || write_file(sys_ini, ""))
        return -1;
    setenv("ODBCSYSINI", dir, 1);
    setenv("ODBCINSTINI", "odbcinst.ini", 1);
    setenv("ODBCINI", user_ini, 1);
    setenv("HOME", dir, 1);
    lib = dlopen(RS_SETUP_LIB, RTLD_NOW);
    return lib ? 0 : -1;
}

static int suite_clean(void)
{
    unlink(user_ini);
    unlink(sys_ini);
    unlink(inst_ini);
    rmdir(dir);
    if (lib)
        dlclose(lib);
    return 0;
}

static void test_add_change_remove(void)
{
    struct stat st;

    CU_ASSERT_EQUAL_FATAL(chmod(user_ini, 0644), 0);
    CU_ASSERT_TRUE_FATAL(SQLConfigDataSource(
        NULL, ODBC_ADD_DSN, DRIVER_NAME,
        "DSN=rs1\0Server=http://127.0.0.1:9999\0pwd=k3y\0Workspace=sales\0SSLVerify=no\0"
        "LogLevel=3\0Description=test dsn\0\0"));
    expect_value(user_ini, "rs1", "Driver", DRIVER_NAME);
    expect_value(user_ini, "rs1", "Server", "http://127.0.0.1:9999");
    expect_value(user_ini, "rs1", "ApiKey", "k3y"); /* the alias is stored under its name */
    /* a file holding a key is its owner's alone */
    CU_ASSERT_EQUAL(stat(user_ini, &st), 0);
    CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
    expect_absent(user_ini, "rs1", "PWD");
    expect_value(user_ini, "rs1", "Workspace", "sales");
    expect_value(user_ini, "rs1", "SSLVerify", "no");
    expect_value(user_ini, "rs1", "LogLevel", "3");
    expect_value(user_ini, "rs1", "Description", "test dsn");

    /* Change one value, drop another (empty value = back to the default). */
    CU_ASSERT_TRUE(SQLConfigDataSource(NULL, ODBC_CONFIG_DSN, DRIVER_NAME,
                                       "DSN=rs1\0Workspace=ops\0LogLevel=\0\0"));
    expect_value(user_ini, "rs1", "Workspace", "ops");
    expect_absent(user_ini, "rs1", "LogLevel");
    expect_value(user_ini, "rs1", "Server", "http://127.0.0.1:9999");
    expect_value(user_ini, "rs1", "Driver", DRIVER_NAME);

    /* Driver is never changed by ConfigDSN. */
    CU_ASSERT_TRUE(SQLConfigDataSource(NULL, ODBC_CONFIG_DSN, DRIVER_NAME,
                                       "DSN=rs1\0Driver=Other\0\0"));
    expect_value(user_ini, "rs1", "Driver", DRIVER_NAME);

    /* Adding a data source that exists replaces it whole. */
    CU_ASSERT_TRUE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                       "DSN=rs1\0Server=http://other:1\0\0"));
    expect_value(user_ini, "rs1", "Server", "http://other:1");
    expect_absent(user_ini, "rs1", "Workspace");

    CU_ASSERT_TRUE(SQLConfigDataSource(NULL, ODBC_REMOVE_DSN, DRIVER_NAME, "DSN=rs1\0\0"));
    expect_absent(user_ini, "rs1", NULL);
}

static void test_system_dsn(void)
{
    CU_ASSERT_TRUE_FATAL(SQLConfigDataSource(NULL, ODBC_ADD_SYS_DSN, DRIVER_NAME,
                                             "DSN=rs_sys\0PageSize=500\0\0"));
    expect_value(sys_ini, "rs_sys", "PageSize", "500");
    expect_absent(user_ini, "rs_sys", NULL);
    CU_ASSERT_TRUE(SQLConfigDataSource(NULL, ODBC_REMOVE_SYS_DSN, DRIVER_NAME,
                                       "DSN=rs_sys\0\0"));
    expect_absent(sys_ini, "rs_sys", NULL);
}

static void test_bad_input(void)
{
    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "DSN=bad\0Colour=blue\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "Colour");
    expect_absent(user_ini, "bad", NULL); /* nothing half written */

    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "Server=http://x\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_DSN, "DSN");

    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "DSN=bad\0Timeout=soon\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "Timeout");
    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "DSN=bad\0LogLevel=9\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "LogLevel");
    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "DSN=bad\0SSLVerify=maybe\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "SSLVerify");
    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_ADD_DSN, DRIVER_NAME,
                                        "DSN=bad\0novalue\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "KEYWORD=VALUE");
    expect_absent(user_ini, "bad", NULL);

    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_CONFIG_DSN, DRIVER_NAME,
                                        "DSN=nosuch\0Workspace=x\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_DSN, "nosuch");
    expect_absent(user_ini, "nosuch", NULL);
    CU_ASSERT_FALSE(SQLConfigDataSource(NULL, ODBC_REMOVE_DSN, DRIVER_NAME, "DSN=nosuch\0\0"));
    expect_installer_error(ODBC_ERROR_INVALID_DSN, "nosuch");
}

/* Called directly: unixODBC 2.3.11's SQLConfigDriver never reaches a Setup library on 64-bit
 * builds (its PLATFORM64 check of the Setup entry is inverted), so nothing else can. */
static void test_config_driver(void)
{
    BOOL (*cfg)(HWND, WORD, LPCSTR, LPCSTR, LPSTR, WORD, WORD *) =
        (BOOL(*)(HWND, WORD, LPCSTR, LPCSTR, LPSTR, WORD, WORD *))dlsym(lib, "ConfigDriver");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
    char msg[256] = "";
    WORD len = 0;
    CU_ASSERT_TRUE(cfg(NULL, ODBC_INSTALL_DRIVER, DRIVER_NAME, "Threading=1\0\0", msg,
                       sizeof msg, &len));
    expect_value(inst_ini, DRIVER_NAME, "Threading", "1");
    expect_value(inst_ini, DRIVER_NAME, "Setup", RS_SETUP_LIB);
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "1 setting written"));
    CU_ASSERT_EQUAL(len, strlen(msg));
    CU_ASSERT_TRUE(cfg(NULL, ODBC_CONFIG_DRIVER, DRIVER_NAME, "Threading=\0\0", msg,
                       sizeof msg, &len));
    expect_absent(inst_ini, DRIVER_NAME, "Threading");
    CU_ASSERT_TRUE(cfg(NULL, ODBC_REMOVE_DRIVER, DRIVER_NAME, NULL, msg, sizeof msg, &len));
    CU_ASSERT_PTR_NOT_NULL(strstr(msg, "nothing to remove"));
    expect_value(inst_ini, DRIVER_NAME, "Setup", RS_SETUP_LIB);
    CU_ASSERT_FALSE(cfg(NULL, ODBC_CONFIG_DRIVER_MAX + 5, DRIVER_NAME, NULL, msg, sizeof msg,
                        &len));
    expect_installer_error(ODBC_ERROR_INVALID_REQUEST_TYPE, "driver-specific");
    CU_ASSERT_FALSE(cfg(NULL, 42, DRIVER_NAME, NULL, msg, sizeof msg, &len));
    expect_installer_error(ODBC_ERROR_INVALID_REQUEST_TYPE, "42");
    CU_ASSERT_FALSE(cfg(NULL, ODBC_INSTALL_DRIVER, "", NULL, msg, sizeof msg, &len));
    expect_installer_error(ODBC_ERROR_INVALID_NAME, "driver");
    CU_ASSERT_FALSE(cfg(NULL, ODBC_INSTALL_DRIVER, DRIVER_NAME, "=x\0\0", msg, sizeof msg,
                        &len));
    expect_installer_error(ODBC_ERROR_INVALID_KEYWORD_VALUE, "KEYWORD=VALUE");
}

static HODBCINSTPROPERTY find_prop(HODBCINSTPROPERTY p, const char *name)
{
    for (; p; p = p->pNext)
        if (strcasecmp(p->szName, name) == 0)
            return p;
    return NULL;
}

static void test_properties(void)
{
    HODBCINSTPROPERTY first = NULL;
    CU_ASSERT_EQUAL_FATAL(ODBCINSTConstructProperties(DRIVER_NAME, &first), ODBCINST_SUCCESS);
    size_t n;
    const rs_keyword *kw = rs_keywords(&n);
    for (size_t i = 0; i < n; i++) {
        /* odbcinst calls the DSN "Name" and adds it, Description and Driver itself. */
        const char *name = strcmp(kw[i].name, "DSN") == 0 ? "Name" : kw[i].name;
        HODBCINSTPROPERTY p = find_prop(first, name);
        if (!p)
            fprintf(stderr, "\n  no property for keyword %s\n", kw[i].name);
        CU_ASSERT_PTR_NOT_NULL(p);
        if (!p || strcmp(name, "Name") == 0 || strcmp(name, "Driver") == 0 ||
            strcmp(name, "Description") == 0)
            continue;
        CU_ASSERT_STRING_EQUAL(p->szValue, kw[i].def);
        CU_ASSERT_PTR_NOT_NULL(p->pszHelp);
        if (p->pszHelp)
            CU_ASSERT_STRING_EQUAL(p->pszHelp, kw[i].help);
    }
    HODBCINSTPROPERTY p = find_prop(first, "ApiKey");
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_EQUAL(p->nPromptType, ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD);
    p = find_prop(first, "LogLevel");
    CU_ASSERT_FATAL(p != NULL && p->aPromptData != NULL);
    CU_ASSERT_EQUAL(p->nPromptType, ODBCINST_PROMPTTYPE_LISTBOX);
    CU_ASSERT_STRING_EQUAL(p->aPromptData[0], "0");
    CU_ASSERT_STRING_EQUAL(p->aPromptData[4], "4");
    CU_ASSERT_PTR_NULL(p->aPromptData[5]);
    p = find_prop(first, "Server");
    CU_ASSERT_FATAL(p != NULL && p->aPromptData != NULL);
    CU_ASSERT_EQUAL(p->nPromptType, ODBCINST_PROMPTTYPE_COMBOBOX);
    CU_ASSERT_STRING_EQUAL(p->aPromptData[0], "http://127.0.0.1:3030");
    p = find_prop(first, "SSLVerify");
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_EQUAL(p->nPromptType, ODBCINST_PROMPTTYPE_LISTBOX);
    p = find_prop(first, "LogFile");
    CU_ASSERT_FATAL(p != NULL);
    CU_ASSERT_EQUAL(p->nPromptType, ODBCINST_PROMPTTYPE_FILENAME);
    CU_ASSERT_EQUAL(ODBCINSTDestructProperties(&first), ODBCINST_SUCCESS);
}

/* "DSN=tëst\0Server=http://h:1\0\0" style lists in UTF-16. */
static size_t to_utf16(const char *ascii_or_latin, size_t len, SQLWCHAR *out)
{
    const unsigned char *s = (const unsigned char *)ascii_or_latin;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == 0xC3 && i + 1 < len) { /* two-byte UTF-8 of U+00C0..U+00FF */
            out[n++] = (SQLWCHAR)(0xC0 + (s[i + 1] & 0x3F));
            i++;
        } else {
            out[n++] = s[i];
        }
    }
    return n;
}

static void test_wide_entry_points(void)
{
    void *h = lib;
    BOOL (*dsnw)(HWND, WORD, LPCWSTR, LPCWSTR) =
        (BOOL(*)(HWND, WORD, LPCWSTR, LPCWSTR))dlsym(h, "ConfigDSNW");
    BOOL (*drvw)(HWND, WORD, LPCWSTR, LPCWSTR, LPWSTR, WORD, WORD *) =
        (BOOL(*)(HWND, WORD, LPCWSTR, LPCWSTR, LPWSTR, WORD, WORD *))dlsym(h, "ConfigDriverW");
    int (*props)(HODBCINSTPROPERTY) = (int (*)(HODBCINSTPROPERTY))dlsym(h,
                                                                         "ODBCINSTGetProperties");
    CU_ASSERT_PTR_NULL(dlsym(h, "rs_setup_fail")); /* internals are not exported */
    CU_ASSERT_PTR_NULL(dlsym(h, "rs_keywords"));
    CU_ASSERT_FATAL(dsnw && drvw && props);
    CU_ASSERT_EQUAL(props(NULL), ODBCINST_ERROR);

    static const char attrs[] = "DSN=t\xc3\xabst\0Workspace=\xc3\xa9t\xc3\xa9\0";
    SQLWCHAR wattrs[64], wdrv[32];
    size_t n = to_utf16(attrs, sizeof attrs, wattrs); /* includes both terminators */
    CU_ASSERT(n < 64);
    to_utf16(DRIVER_NAME, sizeof DRIVER_NAME, wdrv);
    SQLSetConfigMode(ODBC_USER_DSN);
    CU_ASSERT_TRUE(dsnw(NULL, ODBC_ADD_DSN, wdrv, wattrs));
    SQLSetConfigMode(ODBC_BOTH_DSN);
    expect_value(user_ini, "t\xc3\xabst", "Workspace", "\xc3\xa9t\xc3\xa9");
    expect_value(user_ini, "t\xc3\xabst", "Driver", DRIVER_NAME);

    SQLWCHAR msg[8];
    WORD len = 0;
    SQLWCHAR none[2] = { 0, 0 };
    CU_ASSERT_TRUE(drvw(NULL, ODBC_CONFIG_DRIVER, wdrv, none, msg, 8, &len));
    CU_ASSERT(len > 8);          /* the whole message's length ... */
    CU_ASSERT_EQUAL(msg[7], 0);  /* ... and a terminated, truncated copy */
    CU_ASSERT_EQUAL(msg[0], 'R');
}

int main(void)
{
    static const cu_case cases[] = {
        {"add, change, remove a DSN", test_add_change_remove},
        {"system DSN", test_system_dsn},
        {"bad input", test_bad_input},
        {"ConfigDriver", test_config_driver},
        {"ODBCINSTGetProperties", test_properties},
        {"W entry points", test_wide_entry_points},
        {NULL, NULL},
    };
    return cu_run_fixture("setup", suite_init, suite_clean, cases);
}
