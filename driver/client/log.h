/* SPDX-License-Identifier: Apache-2.0 */
/* The trace log (LogLevel, LogFile). Process-wide; thread-safe. API keys never reach it:
 * rs_log() redacts anything that looks like "ApiKey <key>" and any registered secret. */
#ifndef RS_LOG_H
#define RS_LOG_H

enum { RS_LOG_OFF = 0, RS_LOG_ERROR = 1, RS_LOG_WARN = 2, RS_LOG_INFO = 3, RS_LOG_DEBUG = 4 };

/* level 0 turns logging off; file NULL or "" = stderr. */
void rs_log_configure(int level, const char *file);
int rs_log_enabled(int level);
/* A secret (API key) to blank out wherever it would appear in a log line. */
void rs_log_add_secret(const char *secret);
void rs_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
