/* SPDX-License-Identifier: Apache-2.0 */
/* UNNEST sources seen from the select list and from names: json_each gives the rows, its
 * "value" and "type" columns the element (rs_je), and its other columns (key, id, path, ...)
 * must never reach a row or answer for a field. */
#include "server/sql/sql_tr_internal.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void tr_unnest_element(const tr_state *s, size_t x, sql_sbuf *val, sql_sbuf *type)
{
    sql_sbuf_ident(type, s->aliases[x]);
    sql_sbuf_puts(type, ".\"type\"");
    sql_sbuf_puts(val, "rs_je(");
    sql_sbuf_ident(val, s->aliases[x]);
    sql_sbuf_puts(val, ".\"value\", ");
    sql_sbuf_ident(val, s->aliases[x]);
    sql_sbuf_puts(val, ".\"type\")");
}

/* json_each's own columns (hidden ones too): SQLite would read one of them for an
 * unqualified name that no other source has, a value the documents never held. */
static int is_json_each_column(const char *name)
{
    static const char *const cols[] = { "key", "value", "type", "atom", "id", "parent",
                                        "fullkey", "path", "json", "root", NULL };
    for (int i = 0; cols[i]; i++)
        if (strcasecmp(cols[i], name) == 0)
            return 1;
    return 0;
}

/* An unqualified name when UNNEST sources are in sight. As Rockset resolves it against the
 * relation in FROM, it is a field of the element when the select's only source is an UNNEST
 * without AS name (TR_UQ_ELEMENT, *x that source): the element's fields are that relation's
 * columns. UNNEST(arr AS t) has one column, t: other names belong to the sources around
 * (a correlated subquery's outer fields). With several sources the rule stays the one for
 * collections: SQLite finds the name among the sources' columns (TR_UQ_BARE), except that
 * json_each's own columns never answer for a field: such a name is qualified with the
 * collection that has it (TR_UQ_QUALIFY). A name no source is known to have is refused with
 * the way to reach an element's field (SQLite would only say it is not found). */
int tr_unqualified(tr_state *s, const sql_token *at, const char *name, int *x)
{
    if (s->raw_names)
        return TR_UQ_BARE;
    for (size_t i = 0; i < s->item_names.n; i++)
        if (strcasecmp(s->item_names.v[i], name) == 0)
            return TR_UQ_BARE;
    size_t f = s->sel_first_alias;
    if (f + 1 == s->naliases && s->alias_anon[f]) {
        /* a field of the query around too (a correlated subquery): which one is meant is
         * known only per element, so ask rather than guess */
        for (size_t k = 0; k < f; k++)
            if (s->alias_coll[k] && tr_coll_has(s->alias_coll[k], name)) {
                tr_fail(s, at, "Field `%s` is ambiguous: it may be a field of the UNNEST "
                        "elements (%s.%s) or of `%s` (%s.%s); qualify it", name,
                        s->aliases[f], name, s->aliases[k], s->aliases[k], name);
                return TR_UQ_FAILED;
            }
        *x = (int)f;
        return TR_UQ_ELEMENT;
    }
    int unnest = 0, je = is_json_each_column(name);
    for (size_t k = 0; k < s->naliases; k++)
        unnest |= s->alias_unnest[k] != NULL;
    if (!unnest)
        return TR_UQ_BARE;
    for (size_t k = s->naliases; k-- > 0;) {
        if (s->alias_unnest[k])
            continue;
        if (!s->alias_coll[k] && !je)
            return TR_UQ_BARE;          /* a subquery's column, as SQLite finds it */
        if (!s->alias_coll[k]) {
            tr_fail(s, at, "Field `%s` is ambiguous next to UNNEST: qualify it as alias.%s "
                    "with the alias of the subquery or UNNEST it belongs to", name, name);
            return TR_UQ_FAILED;
        }
        if (tr_coll_has(s->alias_coll[k], name)) {
            if (!je)
                return TR_UQ_BARE;
            *x = (int)k;
            return TR_UQ_QUALIFY;
        }
    }
    tr_fail(s, at, "Field `%s` not found. A field of UNNEST's elements is read through the "
            "element's name or the UNNEST's alias (u.%s)", name, name);
    return TR_UQ_FAILED;
}

/* "name/__t" as an identifier. */
static void comp_ident(sql_sbuf *b, const char *name)
{
    sql_sbuf n = { 0 };
    sql_sbuf_puts(&n, name);
    sql_sbuf_puts(&n, SQL_COMPANION_SUFFIX);
    sql_sbuf_ident(b, n.s ? n.s : "");
    if (n.oom)
        b->oom = 1;
    free(n.s);
}

/* The columns of UNNEST source x under a star: the element under its name, its JSON type
 * beside it. Without AS name an object's fields are the row's own (Rockset answers
 * SELECT * FROM UNNEST([{'a': 1}]) with {"a": 1}): a plain object goes to
 * SQL_SPLICE_COLUMN_NAME, whose members the encoder splices into the row, and the element
 * stays under "unnest" only when it is something else (a date's wrapper object is a date). */
static void tr_star_unnest(tr_state *s, size_t x, int comps)
{
    sql_sbuf *b = &s->buf, el = { 0 }, ty = { 0 };
    const char *name = s->alias_unnest[x];
    tr_unnest_element(s, x, &el, &ty);
    const char *e = el.s ? el.s : "NULL", *t = ty.s ? ty.s : "NULL";
    if (!comps || !s->alias_anon[x]) {
        sql_sbuf_printf(b, "%s AS ", e);
        sql_sbuf_ident(b, name);
        if (comps) {
            sql_sbuf_printf(b, ", %s AS ", t);
            comp_ident(b, name);
        }
    } else {
        sql_sbuf_printf(b, "CASE WHEN rs_typeof(%s) = 'object' THEN NULL ELSE %s END AS ", e, e);
        sql_sbuf_ident(b, name);
        sql_sbuf_printf(b, ", CASE WHEN rs_typeof(%s) = 'object' THEN NULL ELSE %s END AS ",
                        e, t);
        comp_ident(b, name);
        sql_sbuf_printf(b, ", CASE WHEN rs_typeof(%s) = 'object' THEN ", e);
        sql_sbuf_ident(b, s->aliases[x]);
        sql_sbuf_puts(b, ".\"value\" END AS \"" SQL_SPLICE_COLUMN_NAME "\"");
    }
    if (el.oom || ty.oom)
        b->oom = 1;
    free(el.s);
    free(ty.s);
}

/* SELECT * or q.* when the select reads an UNNEST: each source as alias.*, an UNNEST as its
 * element (tr_star_unnest), so that json_each's own columns (key, value, id, ...) never
 * reach the row, nor replace a document's field of the same name. Also refuses q.* for a
 * q that is no source of the select (SQLite's message would name a "table"). Returns 0 when
 * SQLite's own * or q.* is right. */
int tr_star_sources(tr_state *s, const sql_token *q, int comps)
{
    size_t f = s->sel_first_alias, n = s->naliases, unnest = 0, anon = 0;
    for (size_t k = f; k < n; k++) {
        unnest += s->alias_unnest[k] != NULL;
        anon += s->alias_anon[k];
    }
    if (q) {
        for (size_t k = n; k-- > f;)
            if (strcasecmp(s->aliases[k], q->text) == 0) {
                if (!s->alias_unnest[k])
                    return 0;
                tr_star_unnest(s, k, comps);
                return 1;
            }
        for (size_t k = f; k < n; k++)
            if (s->alias_unnest[k] && strcasecmp(s->alias_unnest[k], q->text) == 0) {
                tr_fail(s, q, "`%s.*`: `%s` is the element of an UNNEST, not a source; select "
                        "`%s`, or name the UNNEST (UNNEST(... AS %s) AS u) and select `u.*`",
                        q->text, q->text, q->text, q->text);
                return 1;
            }
        tr_fail(s, q, "`%s.*`: `%s` is not a source in FROM", q->text, q->text);
        return 1;
    }
    if (unnest == 0)
        return 0;
    if (anon > 1 && comps) {
        tr_fail(s, NULL, "SELECT * over several UNNEST without a name: the fields of their "
                "elements would collide; name each element (UNNEST(array AS name))");
        return 1;
    }
    for (size_t k = f; k < n; k++) {
        if (k > f)
            sql_sbuf_puts(&s->buf, ", ");
        if (s->alias_unnest[k]) {
            tr_star_unnest(s, k, comps);
        } else {
            sql_sbuf_ident(&s->buf, s->aliases[k]);
            sql_sbuf_puts(&s->buf, ".*");
        }
    }
    return 1;
}

