/* SPDX-License-Identifier: Apache-2.0 */
/* Conditional expressions of the translator: the parts of CASE ... END go through the
 * expression translator one by one (so that operators, AT TIME ZONE and literals inside a
 * CASE get the value model's reading, as everywhere else), and TRY(expr). */
#include "server/sql/sql_tr_internal.h"
#include "server/sql/sql_fn_reg.h"

#include <string.h>
#include <strings.h>

/* What the words of a CASE introduce. */
static int case_word(const sql_token *t)
{
    return sql_tok_is(t, "WHEN") || sql_tok_is(t, "THEN") || sql_tok_is(t, "ELSE") ||
           sql_tok_is(t, "END");
}

/* One part [a, b) of a CASE after word `after` (NULL: the operand after CASE). The
 * conditions of a searched CASE are truth tests; every other part is a value. */
static void case_part(tr_state *s, const sql_token *after, int has_operand, size_t a, size_t b)
{
    if (a >= b)
        return;
    if (after && sql_tok_is(after, "WHEN") && !has_operand)
        tr_expr(s, a, b);
    else
        tr_value_expr(s, a, b);
}

size_t tr_case(tr_state *s, size_t i, size_t end)
{
    size_t k = i + 1, part = i + 1;
    const sql_token *after = NULL;
    int depth = 0, has_operand = !sql_tok_is(tr_tok(s, i + 1), "WHEN");
    tr_emit_tok(s, i);
    for (; k < end && !s->failed; k++) {
        const sql_token *t = tr_tok(s, k);
        if (tr_is_open(t)) {
            k = tr_match_paren(s, k, end);
            continue;
        }
        if (sql_tok_is(t, "CASE")) {
            depth++;
        } else if (sql_tok_is(t, "END") && depth > 0) {
            depth--;
        } else if (depth == 0 && case_word(t)) {
            case_part(s, after, has_operand, part, k);
            sql_sbuf_puts(&s->buf, " ");
            tr_emit_tok(s, k);
            if (sql_tok_is(t, "END"))
                return k + 1;
            after = t;
            part = k + 1;
        }
    }
    if (!s->failed)
        tr_fail_syntax(s, tr_tok(s, end), "CASE without END");
    return end;
}

/* Inserts the TRY prefix at output offset p, moving the position marks after p with it so
 * error positions still point at their tokens. */
static void try_insert_prefix(tr_state *s, size_t p, size_t map_from)
{
    static const char pre[] = SQL_TRY_PREFIX;
    size_t n = sizeof pre - 1, old = s->buf.len;
    sql_sbuf_add(&s->buf, pre, n);   /* grows the buffer; the bytes move below */
    if (s->buf.oom)
        return;
    memmove(s->buf.s + p + n, s->buf.s + p, old - p);
    memcpy(s->buf.s + p, pre, n);
    for (size_t j = map_from; j < s->out->nmap; j++)
        if (s->out->map[j].out_offset > p)
            s->out->map[j].out_offset += n;
}

/* The index after a quoted string or name starting at k (quote q, doubled to escape). */
static size_t try_skip_quoted(const char *b, size_t k, size_t len)
{
    char q = b[k++];
    while (k < len) {
        if (b[k++] == q) {
            if (k < len && b[k] == q)
                k++;
            else
                break;
        }
    }
    return k;
}

static int try_word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_' || ch == '$';
}

/* 1 when the call whose '(' is at p is a window function: its ')' is followed by OVER.
 * Those keep their names (the TRY aggregates of sql_fn_agg.c are no window functions). */
static int try_is_window(const char *b, size_t p, size_t len)
{
    int depth = 0;
    size_t k = p;
    while (k < len) {
        char ch = b[k];
        if (ch == '\'' || ch == '"' || ch == '`') {
            k = try_skip_quoted(b, k, len);
            continue;
        }
        if (ch == '(')
            depth++;
        else if (ch == ')' && --depth == 0)
            break;
        k++;
    }
    for (k++; k < len && b[k] == ' '; k++)
        ;
    return k + 4 <= len && strncasecmp(b + k, "OVER", 4) == 0 &&
           (k + 4 == len || !try_word_char(b[k + 4]));
}

/* Renames the calls emitted from offset from on: every bare word followed by '(' that names
 * a function with a TRY variant. The emitted text, not the tokens, because the translator
 * writes function names from many places (operators, CAST, literals, field access); quoted
 * strings and names are skipped, so a field or string spelled like a function stays. A
 * nested TRY's calls already carry the prefix, which names no base function. */
static void try_rename(tr_state *s, size_t from, size_t map_from)
{
    size_t k = from;
    while (k < s->buf.len && !s->buf.oom) {
        const char *b = s->buf.s;
        char ch = b[k];
        if (ch == '\'' || ch == '"' || ch == '`') {
            k = try_skip_quoted(b, k, s->buf.len);
            continue;
        }
        if (!try_word_char(ch) || (ch >= '0' && ch <= '9') || (k > 0 && try_word_char(b[k - 1]))) {
            k++;
            continue;
        }
        size_t w = k, e = k;
        while (e < s->buf.len && try_word_char(b[e]))
            e++;
        size_t p = e;
        while (p < s->buf.len && b[p] == ' ')
            p++;
        int call = p < s->buf.len && b[p] == '(' && !(w > 0 && b[w - 1] == '.');
        if (call && sql_fn_has_try(b + w, e - w) && !try_is_window(b, p, s->buf.len)) {
            try_insert_prefix(s, w, map_from);
            e += sizeof SQL_TRY_PREFIX - 1;
        }
        k = e;
    }
}

size_t tr_try(tr_state *s, size_t i, size_t end)
{
    size_t close = tr_match_paren(s, i + 1, end);
    if (close <= i + 2 || !sql_tok_punct(tr_tok(s, close), ")") ||
        tr_find0(s, i + 2, close, tr_is_comma) != close) {
        tr_fail_syntax(s, tr_tok(s, i + 1), "TRY takes one expression");
        return end;
    }
    /* the bracket of sql_fn_reg.h: null when anything inside raised */
    sql_sbuf_puts(&s->buf, "rs_try_end(rs_try_mark(), ");
    size_t from = s->buf.len, map_from = s->out->nmap;
    s->try_depth++;
    tr_value_expr(s, i + 2, close);
    s->try_depth--;
    try_rename(s, from, map_from);
    sql_sbuf_puts(&s->buf, ")");
    return close + 1;
}
