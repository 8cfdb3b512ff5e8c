/* SPDX-License-Identifier: Apache-2.0 */
/* rockset-local hardening over HTTP (issue #11): the API key is checked on the headers before
 * any body is read, each role's key does only what Rockset's roles allow, integrations never
 * show their secrets, and a name is never read as another one (double percent-encoding, %00,
 * \u0000). Run through tests/with-server.sh. */
#include "tests/server/handlers/api_util.h"
#include "tests/cunit_main.h"

#include <CUnit/Basic.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define GET(p) api_call("GET", p, NULL, NULL)
#define DEL(p) api_call("DELETE", p, NULL, NULL)
#define POST(p, b) api_call("POST", p, b, NULL)

/* jstr that never gives NULL (CU_ASSERT_STRING_EQUAL would crash on one). */
static const char *sstr(const cJSON *j, const char *path)
{
    const char *s = jstr(j, path);
    return s ? s : "(missing)";
}

/* ---- raw HTTP: requests curl would not send as they are ---- */

static int connect_server(void)
{
    const char *s = getenv("RS_SERVER"); /* http://127.0.0.1:PORT */
    const char *colon = s ? strrchr(s, ':') : NULL;
    struct sockaddr_in a = {0};
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || !colon)
        return -1;
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)atoi(colon + 1));
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

static int send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads what the server answers within timeout_ms (until it closes or the headers and a JSON
 * body's closing brace arrived). Returns a malloc'd string. */
static char *read_answer(int fd, int timeout_ms)
{
    size_t cap = 65536, n = 0;
    char *b = calloc(1, cap + 1);
    struct pollfd p = {.fd = fd, .events = POLLIN};
    while (b && n < cap && poll(&p, 1, timeout_ms) == 1) {
        ssize_t r = recv(fd, b + n, cap - n, 0);
        if (r <= 0)
            break;
        n += (size_t)r;
        b[n] = '\0';
        const char *body = strstr(b, "\r\n\r\n");
        if (body && strrchr(body, '}'))
            break;
    }
    return b;
}

/* Sends the head of a request announcing `announced` body bytes, then `sent` of them, and
 * returns the answer read within 10 s (the rest of the body is never sent). */
static char *partial_post(const char *path, const char *auth, size_t announced, size_t sent)
{
    char head[1024];
    int fd = connect_server();
    if (fd < 0)
        return NULL;
    int hn = snprintf(head, sizeof head,
                      "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%s%s%sContent-Type: "
                      "application/json\r\nContent-Length: %zu\r\n\r\n",
                      path, auth ? "Authorization: " : "", auth ? auth : "", auth ? "\r\n" : "",
                      announced);
    char *chunk = malloc(sent);
    char *ans = NULL;
    if (chunk) {
        memset(chunk, ' ', sent);
        chunk[0] = '{';
        if (send_all(fd, head, (size_t)hn) == 0 && send_all(fd, chunk, sent) == 0)
            ans = read_answer(fd, 10000);
    }
    free(chunk);
    close(fd);
    return ans;
}

/* Resident memory of the rockset-local serving RS_DATADIR, in KiB (-1 when not found). */
static long server_rss_kib(void)
{
    const char *dir = getenv("RS_DATADIR");
    DIR *d = opendir("/proc");
    struct dirent *e;
    long kib = -1;
    while (d && dir && kib < 0 && (e = readdir(d))) {
        char path[300], cmd[4096], line[256];
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        FILE *f = fopen(path, "rb");
        size_t n = f ? fread(cmd, 1, sizeof cmd - 1, f) : 0;
        if (f)
            fclose(f);
        for (size_t i = 0; i < n; i++)
            if (cmd[i] == '\0')
                cmd[i] = ' ';
        cmd[n] = '\0';
        if (!strstr(cmd, "rockset-local") || !strstr(cmd, dir) || strstr(cmd, " load "))
            continue;
        snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
        f = fopen(path, "r");
        while (f && fgets(line, sizeof line, f))
            if (strncmp(line, "VmRSS:", 6) == 0)
                kib = atol(line + 6);
        if (f)
            fclose(f);
    }
    if (d)
        closedir(d);
    return kib;
}

/* Item 3: no key, a wrong key: 401 on the headers, before the client has sent even 1 MB of
 * the 50 MB it announced (the rest never comes: a server waiting for it would not answer). */
static void test_auth_before_body(void)
{
    const char *path = "/v1/orgs/self/ws/commons/collections/sample/docs";
    long before = server_rss_kib();
    for (int i = 0; i < 6; i++) {
        char *a = partial_post(path, i % 2 ? "ApiKey not-a-key" : NULL, 50u * 1000 * 1000,
                               256 * 1024);
        CU_ASSERT_PTR_NOT_NULL_FATAL(a);
        CU_ASSERT(strncmp(a, "HTTP/1.1 401", 12) == 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(a, "\"AUTHEXCEPTION\""));
        CU_ASSERT_PTR_NULL(strstr(a, "not-a-key"));
        free(a);
    }
    long after = server_rss_kib();
    if (before > 0 && after > 0)
        CU_ASSERT(after - before < 16 * 1024); /* nothing like 6 x 50 MB was buffered */
    /* A valid key still gets its body read and answered. */
    char auth[200];
    snprintf(auth, sizeof auth, "ApiKey %s", getenv("RS_APIKEY"));
    char *a = partial_post("/v1/orgs/self/ws", auth, 1, 1); /* body "{": bad JSON */
    CU_ASSERT_PTR_NOT_NULL_FATAL(a);
    CU_ASSERT(strncmp(a, "HTTP/1.1 400", 12) == 0);
    free(a);
    /* The ping needs no key, with or without a body. */
    api_resp r = api_call("GET", "/", NULL, "");
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
}

/* ---- item 7: roles ---- */

static char *make_user_key(const char *email_enc, const char *body)
{
    api_resp r = POST("/v1/orgs/self/users", body);
    CU_ASSERT_EQUAL(r.status, 200);
    api_free(&r);
    r = api_callf("POST", "{\"name\":\"k1\"}", "/v1/orgs/self/users/%s/apikeys", email_enc);
    CU_ASSERT_EQUAL(r.status, 200);
    char *k = strdup(jstr(r.json, "data.key") ? jstr(r.json, "data.key") : "x");
    api_free(&r);
    return k;
}

static void expect_forbidden(const char *method, const char *path, const char *body,
                             const char *key)
{
    api_resp r = api_call(method, path, body, key);
    CU_ASSERT_EQUAL(r.status, 403);
    CU_ASSERT(is_error(r.json, "FORBIDDEN", NULL));
    if (r.status != 403)
        fprintf(stderr, "\n%s %s -> %ld %s\n", method, path, r.status, r.body);
    api_free(&r);
}

static void expect_status(const char *method, const char *path, const char *body,
                          const char *key, long status)
{
    api_resp r = api_call(method, path, body, key);
    CU_ASSERT_EQUAL(r.status, status);
    if (r.status != status)
        fprintf(stderr, "\n%s %s -> %ld (want %ld) %s\n", method, path, r.status, status, r.body);
    api_free(&r);
}

static void test_member_limits(void)
{
    char *mem = make_user_key("mem%40example.com",
                              "{\"email\":\"mem@example.com\",\"roles\":[\"member\"]}");
    char *other = make_user_key("oth%40example.com",
                                "{\"email\":\"oth@example.com\",\"roles\":[\"member\"]}");
    /* Users are read+write for admins only; members read them. */
    expect_forbidden("POST", "/v1/orgs/self/users",
                     "{\"email\":\"evil@example.com\",\"roles\":[\"admin\"]}", mem);
    expect_status("GET", "/v1/orgs/self/users/evil%40example.com", NULL, NULL, 404);
    expect_forbidden("DELETE", "/v1/orgs/self/users/oth%40example.com", NULL, mem);
    expect_status("GET", "/v1/orgs/self/users/self", NULL, other, 200); /* oth and key live */
    expect_status("GET", "/v1/orgs/self/users", NULL, mem, 200);
    expect_status("GET", "/v1/orgs/self/users/oth%40example.com", NULL, mem, 200);
    /* Others' API keys: admins only. */
    expect_forbidden("DELETE", "/v1/orgs/self/users/oth%40example.com/apikeys/k1", NULL, mem);
    expect_forbidden("POST", "/v1/orgs/self/users/oth%40example.com/apikeys", "{\"name\":\"x\"}",
                     mem);
    expect_forbidden("GET", "/v1/orgs/self/users/oth%40example.com/apikeys/k1?reveal=true", NULL,
                     mem);
    expect_status("GET", "/v1/orgs/self/users/self", NULL, other, 200);
    /* Their own keys: yes, by "self" or by their own email. */
    expect_status("POST", "/v1/orgs/self/users/self/apikeys", "{\"name\":\"k2\"}", mem, 200);
    expect_status("GET", "/v1/orgs/self/users/mem%40example.com/apikeys/k2", NULL, mem, 200);
    expect_status("DELETE", "/v1/orgs/self/users/mem%40example.com/apikeys/k2", NULL, mem, 200);
    /* Integrations are read+write for members. */
    expect_status("GET", "/v1/orgs/self/integrations", NULL, mem, 200);
    /* Only the three roles exist. */
    expect_status("POST", "/v1/orgs/self/users", "{\"email\":\"z@example.com\",\"roles\":[\"root\"]}",
                  NULL, 400);
    /* An admin may. */
    expect_status("DELETE", "/v1/orgs/self/users/oth%40example.com", NULL, NULL, 200);
    expect_status("GET", "/v1/orgs/self/users/self", NULL, other, 401);
    free(mem);
    free(other);
}

static void test_read_only_limits(void)
{
    char *ro = make_user_key("ro%40example.com",
                             "{\"email\":\"ro@example.com\",\"roles\":[\"read-only\"]}");
    expect_status("GET", "/v1/orgs/self/users/self", NULL, ro, 200);
    expect_forbidden("GET", "/v1/orgs/self/users", NULL, ro);
    expect_forbidden("GET", "/v1/orgs/self/users/admin%40localhost", NULL, ro);
    expect_forbidden("GET", "/v1/orgs/self/integrations", NULL, ro);
    expect_forbidden("GET", "/v1/orgs/self/integrations/none", NULL, ro);
    expect_forbidden("POST", "/v1/orgs/self/integrations", "{\"name\":\"roi\"}", ro);
    expect_status("POST", "/v1/orgs/self/users/self/apikeys", "{\"name\":\"k2\"}", ro, 200);
    expect_status("GET", "/v1/orgs/self/users/self/apikeys", NULL, ro, 200);
    /* read-only users query, and change nothing (workspaces, collections, documents, lambdas) */
    expect_forbidden("POST", "/v1/orgs/self/ws", "{\"name\":\"row\"}", ro);
    expect_forbidden("POST", "/v1/orgs/self/ws/commons/collections", "{\"name\":\"roc\"}", ro);
    expect_forbidden("DELETE", "/v1/orgs/self/ws/commons/collections/sample", NULL, ro);
    expect_forbidden("POST", "/v1/orgs/self/ws/commons/collections/sample/docs",
                     "{\"data\":[{\"_id\":\"ro1\"}]}", ro);
    expect_forbidden("DELETE", "/v1/orgs/self/ws/commons/collections/sample/docs",
                     "{\"data\":[{\"_id\":\"s01\"}]}", ro);
    expect_forbidden("POST", "/v1/orgs/self/ws/commons/lambdas",
                     "{\"name\":\"rol\",\"sql\":{\"query\":\"SELECT 1\"}}", ro);
    expect_status("POST", "/v1/orgs/self/queries",
                  "{\"sql\":{\"query\":\"SELECT COUNT(*) FROM commons.sample\"}}", ro, 200);
    expect_status("GET", "/v1/orgs/self/ws/commons/collections/sample", NULL, ro, 200);
    /* a key acts with its owner's role, and says which */
    api_resp r = api_call("GET", "/v1/orgs/self/users/self/apikeys/k2", NULL, ro);
    CU_ASSERT(jstr(r.json, "data.role") && strcmp(jstr(r.json, "data.role"), "read-only") == 0);
    api_free(&r);
    r = api_call("GET", "/v1/orgs/self/users/self/apikeys", NULL, NULL);
    CU_ASSERT(jstr(r.json, "data.0.role") && strcmp(jstr(r.json, "data.0.role"), "admin") == 0);
    api_free(&r);
    free(ro);
}

/* ---- item 7: integration secrets ---- */

static const char *const secrets[] = {"SECRETawsS3", "SECRETredshiftPw", "SECRETredshiftAws",
                                      "SECRETgcsJson", "SECRETmongoPw", "SECRETkafka",
                                      "SECRETkinesis", "SECRETdynamo", "SECRETsnow",
                                      "SECRETazure"};

static void assert_no_secret(const api_resp *r)
{
    for (size_t i = 0; i < sizeof secrets / sizeof *secrets; i++) {
        CU_ASSERT_PTR_NULL(strstr(r->body, secrets[i]));
        if (strstr(r->body, secrets[i]))
            fprintf(stderr, "\nsecret %s shown: %s\n", secrets[i], r->body);
    }
}

static void test_integration_secrets(void)
{
    const char *body =
        "{\"name\":\"sec\",\"description\":\"d\","
        "\"s3\":{\"aws_access_key\":{\"aws_access_key_id\":\"AKIDs3\","
        "\"aws_secret_access_key\":\"SECRETawsS3\"}},"
        "\"kinesis\":{\"aws_access_key\":{\"aws_access_key_id\":\"AKIDk\","
        "\"aws_secret_access_key\":\"SECRETkinesis\"}},"
        "\"dynamodb\":{\"aws_access_key\":{\"aws_access_key_id\":\"AKIDd\","
        "\"aws_secret_access_key\":\"SECRETdynamo\"}},"
        "\"redshift\":{\"aws_access_key\":{\"aws_access_key_id\":\"AKIDr\","
        "\"aws_secret_access_key\":\"SECRETredshiftAws\"},\"username\":\"awsuser\","
        "\"password\":\"SECRETredshiftPw\",\"host\":\"h\",\"port\":5439},"
        "\"gcs\":{\"gcp_service_account\":{\"service_account_key_file_json\":\"SECRETgcsJson\"}},"
        "\"mongodb\":{\"connection_uri\":\"mongodb+srv://bob:SECRETmongoPw@db.example.com/x\"},"
        "\"kafka\":{\"kafka_topic_names\":[\"t\"],\"security_config\":{\"api_key\":\"ck\","
        "\"secret\":\"SECRETkafka\"}},"
        "\"snowflake\":{\"username\":\"u\",\"password\":\"SECRETsnow\"},"
        "\"azure_blob_storage\":{\"connection_string\":\"AccountKey=SECRETazure\"}}";
    api_resp r = POST("/v1/orgs/self/integrations", body);
    CU_ASSERT_EQUAL(r.status, 200);
    assert_no_secret(&r);
    /* What is not secret stays, so a client can tell which credentials are set. */
    CU_ASSERT_STRING_EQUAL(sstr(r.json, "data.s3.aws_access_key.aws_access_key_id"), "AKIDs3");
    CU_ASSERT_STRING_EQUAL(sstr(r.json, "data.redshift.username"), "awsuser");
    CU_ASSERT_STRING_EQUAL(sstr(r.json, "data.mongodb.connection_uri"),
                           "mongodb+srv://bob@db.example.com/x");
    api_free(&r);
    char *mem = make_user_key("sec%40example.com",
                              "{\"email\":\"sec@example.com\",\"roles\":[\"member\"]}");
    const char *keys[] = {NULL, mem};
    for (int i = 0; i < 2; i++) {
        r = api_call("GET", "/v1/orgs/self/integrations/sec", NULL, keys[i]);
        CU_ASSERT_EQUAL(r.status, 200);
        CU_ASSERT_STRING_EQUAL(sstr(r.json, "data.description"), "d");
        assert_no_secret(&r);
        api_free(&r);
        r = api_call("GET", "/v1/orgs/self/integrations", NULL, keys[i]);
        CU_ASSERT_EQUAL(r.status, 200);
        assert_no_secret(&r);
        api_free(&r);
    }
    r = DEL("/v1/orgs/self/integrations/sec");
    CU_ASSERT_EQUAL(r.status, 200);
    assert_no_secret(&r);
    api_free(&r);
    free(mem);
}

/* ---- item 8: one name, read once ---- */

static void expect_invalid(const char *method, const char *path, const char *body)
{
    api_resp r = api_call(method, path, body, NULL);
    CU_ASSERT_EQUAL(r.status, 400);
    CU_ASSERT(is_error(r.json, "INVALIDINPUT", NULL));
    if (r.status != 400 || !is_error(r.json, "INVALIDINPUT", NULL))
        fprintf(stderr, "\n%s %s -> %ld %s\n", method, path, r.status, r.body);
    api_free(&r);
}

static void test_path_names(void)
{
    expect_status("POST", "/v1/orgs/self/ws/commons/collections", "{\"name\":\"a\"}", NULL, 200);
    /* %00 used to end the path: DELETE a%00b deleted "a". */
    expect_invalid("DELETE", "/v1/orgs/self/ws/commons/collections/a%00b", NULL);
    /* %2561 is "%61" once decoded; decoded again it became "a". */
    expect_invalid("DELETE", "/v1/orgs/self/ws/commons/collections/%2561", NULL);
    expect_invalid("GET", "/v1/orgs/self/ws/%2563ommons/collections/a", NULL);
    expect_status("GET", "/v1/orgs/self/ws/commons/collections/a", NULL, NULL, 200);
    /* Decoded once, as clients encode: %61 is "a", %2F stays inside its segment. */
    expect_status("GET", "/v1/orgs/self/ws/commons/collections/%61", NULL, NULL, 200);
    api_resp r = GET("/v1/orgs/self/users/x%2Fy%40example.com");
    CU_ASSERT_EQUAL(r.status, 404);
    CU_ASSERT(is_error(r.json, "NOTFOUND", "USER_NOT_FOUND"));
    api_free(&r);
    /* A lone '%' is no escape. */
    r = GET("/v1/orgs/self/users/100%25%40example.com");
    CU_ASSERT(is_error(r.json, "NOTFOUND", "USER_NOT_FOUND"));
    api_free(&r);
    /* Query-string values are decoded once too. */
    expect_status("POST", "/v1/orgs/self/users/self/apikeys", "{\"name\":\"qk\"}", NULL, 200);
    /* decoded once: reveal=%74rue is reveal=true, which a hashed store answers 501 */
    r = GET("/v1/orgs/self/users/self/apikeys/qk?reveal=%74rue");
    CU_ASSERT_EQUAL(r.status, 501);
    api_free(&r);
    expect_status("DELETE", "/v1/orgs/self/ws/commons/collections/a", NULL, NULL, 200);
}

static void test_body_nul(void)
{
    /* \u0000 ended the name in cJSON: "wsn\u0000x" created "wsn". */
    expect_invalid("POST", "/v1/orgs/self/ws", "{\"name\":\"wsn\\u0000x\"}");
    expect_status("GET", "/v1/orgs/self/ws/wsn", NULL, NULL, 404);
    expect_invalid("POST", "/v1/orgs/self/ws/commons/collections", "{\"name\":\"c\\u0000\"}");
    expect_invalid("POST", "/v1/orgs/self/users", "{\"email\":\"a@b.c\\u0000x\",\"roles\":[]}");
    expect_status("GET", "/v1/orgs/self/users/a%40b.c", NULL, NULL, 404);
    /* Deleting document "d1\u0000x" must not delete "d1". */
    expect_status("POST", "/v1/orgs/self/ws/commons/collections/sample/docs",
                  "{\"data\":[{\"_id\":\"d1\",\"v\":1}]}", NULL, 200);
    expect_invalid("DELETE", "/v1/orgs/self/ws/commons/collections/sample/docs",
                   "{\"data\":[{\"_id\":\"d1\\u0000x\"}]}");
    api_resp r = POST("/v1/orgs/self/queries",
                      "{\"sql\":{\"query\":\"SELECT count(*) AS n FROM commons.sample "
                      "WHERE _id = 'd1'\"}}");
    CU_ASSERT_EQUAL(jnum(r.json, "results.0.n"), 1);
    api_free(&r);
    /* An escaped backslash before "u0000" is text, not a NUL. */
    r = POST("/v1/orgs/self/ws", "{\"name\":\"wsd\",\"description\":\"a\\\\u0000b\"}");
    CU_ASSERT_EQUAL(r.status, 200);
    CU_ASSERT_STRING_EQUAL(sstr(r.json, "data.description"), "a\\u0000b");
    api_free(&r);
    expect_status("DELETE", "/v1/orgs/self/ws/wsd", NULL, NULL, 200);
    /* A raw NUL byte inside the JSON text. */
    char auth[200];
    snprintf(auth, sizeof auth, "ApiKey %s", getenv("RS_APIKEY"));
    int fd = connect_server();
    CU_ASSERT_FATAL(fd >= 0);
    static const char b[] = "{\"name\":\"wsr\0x\"}";
    char head[512];
    int hn = snprintf(head, sizeof head,
                      "POST /v1/orgs/self/ws HTTP/1.1\r\nHost: x\r\nAuthorization: %s\r\n"
                      "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                      auth, sizeof b - 1);
    CU_ASSERT(send_all(fd, head, (size_t)hn) == 0 && send_all(fd, b, sizeof b - 1) == 0);
    char *a = read_answer(fd, 10000);
    close(fd);
    CU_ASSERT(a && strncmp(a, "HTTP/1.1 400", 12) == 0 && strstr(a, "INVALIDINPUT"));
    free(a);
    expect_status("GET", "/v1/orgs/self/ws/wsr", NULL, NULL, 404);
}

int main(void)
{
    static const cu_case cases[] = {
        {"auth before body", test_auth_before_body},
        {"path names", test_path_names},
        {"body NUL", test_body_nul},
        {"integration secrets", test_integration_secrets},
        {"read-only limits", test_read_only_limits},
        {"member limits", test_member_limits}, /* last: before the fix it deleted users */
        {NULL, NULL},
    };
    int rc;

    if (api_init() != 0)
        return 99;
    rc = cu_run("server_security", cases);
    api_cleanup();
    return rc;
}
