/* SPDX-License-Identifier: Apache-2.0 */
/* A push JSON tokenizer: feed bytes in pieces split anywhere, receive events as values
 * complete. Strings arrive fully decoded to UTF-8 (escapes resolved; a lone or mismatched
 * UTF-16 surrogate becomes U+FFFD rather than failing a whole result); numbers arrive as
 * their exact text, typed int or float. Invalid input stops the stream with a message naming
 * the byte offset. A token that lies whole inside one fed piece and needs no decoding is
 * handed out in place (pointing into the caller's bytes); only a token that straddles pieces
 * or holds escapes is copied. The events are the same whatever the split. */
#ifndef RS_JSONSTREAM_H
#define RS_JSONSTREAM_H

#include <stddef.h>

typedef enum {
    RS_JS_OBJ_START, RS_JS_OBJ_END, RS_JS_ARR_START, RS_JS_ARR_END,
    RS_JS_KEY, RS_JS_STRING, RS_JS_NUMBER, RS_JS_TRUE, RS_JS_FALSE, RS_JS_NULL
} rs_js_type;

typedef struct rs_js_event {
    rs_js_type type;
    /* KEY, STRING, NUMBER: len bytes, valid until the callback returns. NOT NUL-terminated:
     * it may point into the piece being fed. */
    const char *text;
    size_t len;
    int depth;        /* container depth after OBJ/ARR_START, before END; else of the value */
    int is_float;     /* NUMBER: 1 when it has a fraction or an exponent, 0 an integer */
} rs_js_event;

/* Returns 0 to continue; anything else stops the stream (rs_js_feed then returns -1 and the
 * tokenizer's message says the consumer stopped it). */
typedef int (*rs_js_callback)(void *ud, const rs_js_event *ev);

typedef struct rs_jsonstream rs_jsonstream;

#define RS_JS_DEFAULT_DEPTH 512

rs_jsonstream *rs_js_new(rs_js_callback cb, void *ud, int max_depth);
void rs_js_free(rs_jsonstream *js);
/* Back to the start, ready for a new document (keeps buffers). */
void rs_js_reset(rs_jsonstream *js);
/* 0 ok, -1 error (see rs_js_error). After an error every feed fails. */
int rs_js_feed(rs_jsonstream *js, const char *data, size_t n);
/* End of input: 0 when exactly one complete document was read, else -1. */
int rs_js_finish(rs_jsonstream *js);
const char *rs_js_error(const rs_jsonstream *js);
size_t rs_js_offset(const rs_jsonstream *js); /* bytes consumed so far */
/* Set when the callback (not the input) stopped the stream. */
int rs_js_stopped_by_consumer(const rs_jsonstream *js);
/* The longest string, key or number accepted (decoded bytes); 0 = no bound. A longer one
 * stops the stream before it is held whole; rs_js_too_long() then says so. */
void rs_js_set_max_len(rs_jsonstream *js, size_t max_len);
int rs_js_too_long(const rs_jsonstream *js);

#endif
