/* SPDX-License-Identifier: Apache-2.0 */
/* Time zone syntax of the translator: `x AT TIME ZONE zone` is a postfix operator that the
 * operator parser (sql_tr_ops.c) applies to an operand and emits as rs_at_time_zone(x, zone)
 * (sql_fn_date.c). AT, TIME and ZONE are not SQLite keywords, so without this they would
 * read as three field names. */
#include "server/sql/sql_tr_internal.h"

/* The zone must follow the three words, hence k + 3 < end. */
int tr_at_time_zone(const tr_state *s, size_t k, size_t end)
{
    return k + 3 < end && sql_tok_is(tr_tok(s, k), "AT") &&
           sql_tok_is(tr_tok(s, k + 1), "TIME") && sql_tok_is(tr_tok(s, k + 2), "ZONE");
}
