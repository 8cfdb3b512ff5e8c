/* SPDX-License-Identifier: Apache-2.0 */
/* A tiny scripted HTTP/1.1 server on a thread, for client tests: each request gets the next
 * scripted answer, which may misbehave (drop, stall, truncate, chunk, gzip). */
#ifndef FAKE_SERVER_H
#define FAKE_SERVER_H

#include <stddef.h>

enum { FS_NORMAL, FS_DROP, FS_TRUNCATE, FS_STALL, FS_RESET };

typedef struct fs_resp {
    int status;
    const char *headers;   /* extra header lines, each ending in "\r\n", or NULL */
    const char *body;      /* NULL = empty */
    int action;            /* FS_NORMAL, FS_DROP (close without answering), FS_TRUNCATE
                              (promise the whole body, send half, close), FS_STALL (read
                              the request, then send nothing until the client leaves),
                              FS_RESET (read the request, then abort the connection: RST) */
    int delay_ms;          /* wait before answering (ends early if the client goes away) */
    size_t chunk;          /* > 0: Transfer-Encoding chunked with chunks of this size */
    int gzip;              /* Content-Encoding gzip */
} fs_resp;

typedef struct fake_server fake_server;

fake_server *fs_start(void);
void fs_stop(fake_server *fs);
const char *fs_url(const fake_server *fs);   /* "http://127.0.0.1:PORT" */
void fs_push(fake_server *fs, const fs_resp *r); /* copies r and its strings */
/* Requests seen so far; the text is the request line, headers and body. */
int fs_nrequests(fake_server *fs);
const char *fs_request(fake_server *fs, int i);
int fs_nconnections(fake_server *fs);
/* Answers computed from the request, for conversations too long or too data-dependent to
 * script (a client searching for the end of a result): once the script is used up, each
 * request goes to h, which returns a malloc'd body (answered with *status, 200 unless set)
 * or NULL for the "unscripted request" 500. h runs on the server's thread. */
typedef char *(*fs_handler)(const char *request, int *status, void *ud);
void fs_set_handler(fake_server *fs, fs_handler h, void *ud);

#endif
