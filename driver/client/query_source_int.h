/* SPDX-License-Identifier: Apache-2.0 */
/* Private to the query row source: query_source.c (the first answer, forward reading by
 * next_cursor) and query_scroll.c (random access for static cursors: windows of the pages
 * endpoint at an offset, a small cache of recent pages). */
#ifndef RS_QUERY_SOURCE_INT_H
#define RS_QUERY_SOURCE_INT_H

#include "driver/client/rs_client_int.h"
#include "driver/client/result_decode.h"

/* Pages a static cursor keeps. Two: a rowset that straddles a page boundary, and SQLGetData
 * on any row of it, never refetch; while a third page is read the oldest is dropped first,
 * so at most two pages are held at once (the forward-only cursor holds one). */
#define RS_QS_CACHE_PAGES 2

typedef struct rs_qs_cached {
    rs_page_hold *h;      /* NULL: free slot */
    long long first;      /* result position of the page's first row */
    unsigned long long used;
} rs_qs_cached;

typedef struct rs_prefetch rs_prefetch;

typedef struct rs_qsource {
    rs_rowsource base;
    rs_client *c;
    rs_decoder *dec;
    char *cursor;       /* next page's cursor, NULL when there is none */
    long page_size;
    long timeout_ms;
    long post_stall_ms;
    int first_pending;  /* the first answer's page has not been handed out */
    int deleted;        /* the server was told to stop the query */
    /* forward reading through the producer thread (prefetch.c) */
    rs_prefetch *pf;    /* NULL: no producer (yet), or none needed */
    rs_page_hold *held; /* the page handed out last, moved out of the decoder */
    int batched;        /* the first answer comes in batches (PageSize 0, large result) */
    /* a static cursor over batches: all of them, kept, and one page over their rows */
    rs_page_hold **gathered;
    size_t ngathered;
    rs_page whole;
    /* random access (query_scroll.c) */
    int scrolling;      /* page_at was called: pages go through the cache */
    int more;           /* the first answer said more pages follow */
    char *start_cursor; /* the first answer's start_cursor (its first row); NULL: none */
    long long known;    /* rows known to exist (the end of the furthest page seen) */
    rs_qs_cached cache[RS_QS_CACHE_PAGES];
    unsigned long long tick;
} rs_qsource;

/* One request on transport h whose answer becomes the decoder's current page (q->cursor
 * follows its next_cursor). 0, or -1 with err set. */
int rs_qs_fetch(rs_qsource *q, rs_http *h, const char *method, const char *path,
                const char *body, rs_error *err);
/* Takes q->cursor from the decoder's finished answer. 0, or -1 out of memory. */
int rs_qs_take_cursor(rs_qsource *q, rs_error *err);
/* Requests the pages after q->cursor on h until one has rows: 1 (it is the decoder's page),
 * 0 at the end, -1 with err set. */
int rs_qs_advance(rs_qsource *q, rs_http *h, rs_error *err);
/* After a cancel ended a page request: DELETE the query on the server (once). */
void rs_qs_after_error(rs_qsource *q, const rs_error *err);

/* query_scroll.c: the rowsource ops page_at and count, and freeing the cache. */
int rs_qs_page_at(rs_rowsource *rs, long long row, const rs_page **page, long long *first,
                  rs_error *err);
int rs_qs_count(rs_rowsource *rs, rs_error *err);
void rs_qs_cache_free(rs_qsource *q);

#endif
