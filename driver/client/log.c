/* SPDX-License-Identifier: Apache-2.0 */
/* The trace log. One process-wide sink guarded by a mutex; every line is redacted before it
 * is written, so a caller that formats a header or a URL by mistake still leaks no key. */
#include "driver/client/log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define RS_LOG_MAX_SECRETS 32
#define RS_LOG_LINE 4096

static pthread_mutex_t rs_log_mu = PTHREAD_MUTEX_INITIALIZER;
static int rs_log_level;
static FILE *rs_log_fp;            /* NULL = stderr */
static char *rs_log_secrets[RS_LOG_MAX_SECRETS];
static size_t rs_log_nsecrets;

void rs_log_configure(int level, const char *file)
{
    FILE *fp = NULL;

    if (level > 0 && file && *file) {
        /* The log names servers, collections and queries (keys are masked, yet queries are
         * data): it is its owner's alone, a new file created so and an old one made so. */
        int fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
        if (fd >= 0) {
            if (fchmod(fd, 0600) != 0) {
                /* not ours to change: the file stays as its owner made it */
            }
            if (!(fp = fdopen(fd, "a")))
                close(fd);
        }
        if (fp)
            setvbuf(fp, NULL, _IOLBF, 0);
    }
    pthread_mutex_lock(&rs_log_mu);
    if (rs_log_fp)
        fclose(rs_log_fp);
    rs_log_fp = fp;
    rs_log_level = level < 0 ? 0 : level;
    pthread_mutex_unlock(&rs_log_mu);
}

int rs_log_enabled(int level)
{
    int on;

    pthread_mutex_lock(&rs_log_mu);
    on = level > 0 && level <= rs_log_level;
    pthread_mutex_unlock(&rs_log_mu);
    return on;
}

void rs_log_add_secret(const char *secret)
{
    size_t i;

    /* Short strings would blank out ordinary words; keys are long. */
    if (!secret || strlen(secret) < 4)
        return;
    pthread_mutex_lock(&rs_log_mu);
    for (i = 0; i < rs_log_nsecrets; i++)
        if (strcmp(rs_log_secrets[i], secret) == 0)
            break;
    if (i == rs_log_nsecrets && rs_log_nsecrets < RS_LOG_MAX_SECRETS) {
        char *s = strdup(secret);
        if (s)
            rs_log_secrets[rs_log_nsecrets++] = s;
    }
    pthread_mutex_unlock(&rs_log_mu);
}

/* Blanks every occurrence of s in line (in place, same length). */
static void rs_log_blank(char *line, const char *s)
{
    size_t n = strlen(s);
    char *p = line;

    while ((p = strstr(p, s)) != NULL) {
        memset(p, '*', n);
        p += n;
    }
}

/* "ApiKey <token>": the token is whatever follows up to whitespace, a quote or a comma. */
static void rs_log_blank_apikey(char *line)
{
    char *p = line;

    while ((p = strcasestr(p, "apikey ")) != NULL) {
        p += 7;
        while (*p && !strchr(" \t\r\n\"',;", *p))
            *p++ = '*';
    }
}

void rs_log(int level, const char *fmt, ...)
{
    static const char *names[] = { "OFF", "ERROR", "WARN", "INFO", "DEBUG" };
    char line[RS_LOG_LINE];
    char stamp[40];
    struct timespec ts;
    struct tm tm;
    va_list ap;
    size_t i;

    if (!rs_log_enabled(level))
        return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    pthread_mutex_lock(&rs_log_mu);
    for (i = 0; i < rs_log_nsecrets; i++)
        rs_log_blank(line, rs_log_secrets[i]);
    rs_log_blank_apikey(line);
    fprintf(rs_log_fp ? rs_log_fp : stderr, "%s.%03ldZ [%s] [%lx] %s\n", stamp,
            ts.tv_nsec / 1000000L, names[level > 4 ? 4 : level],
            (unsigned long)pthread_self(), line);
    pthread_mutex_unlock(&rs_log_mu);
}
