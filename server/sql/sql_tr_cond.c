/* SPDX-License-Identifier: Apache-2.0 */
/* Conditional expressions of the translator: the parts of CASE ... END go through the
 * expression translator one by one (so that operators, AT TIME ZONE and literals inside a
 * CASE get the value model's reading, as everywhere else), and TRY(expr). */
#include "server/sql/sql_tr_internal.h"

#include <string.h>

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
