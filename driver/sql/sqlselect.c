/* SPDX-License-Identifier: Apache-2.0 */
/* The select list of the outermost SELECT, item by item (sqlselect.h). Only what can be read
 * for certain is reported: a plain field, `alias.field` where alias names a FROM source, and
 * an aggregate over one of those. Anything else is RS_SEL_OTHER, which types nothing. */
#include "driver/sql/sqlselect.h"
#include "driver/sql/sqllex.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SEL_MAX_SOURCES 16

typedef struct sel_ctx {
    rs_lex lx;
    const rs_tok **t;      /* significant tokens (no spaces, no comments), then EOF */
    size_t n;
    char *sources[2 * SEL_MAX_SOURCES]; /* collection names and their aliases */
    size_t nsources;
} sel_ctx;

/* Words that end a select list at depth 0. */
static const char *const sel_list_end[] = {
    "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT",
    "EXCEPT", "WINDOW", NULL
};

/* Words that follow a FROM source and so are no alias of it. */
static const char *const sel_clause_words[] = {
    "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT",
    "WINDOW", "ON", "USING", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "CROSS", "FULL",
    "TABLESAMPLE", "AS", NULL
};

/* Words that read as one-word items but are no fields. */
static const char *const sel_value_words[] = {
    "TRUE", "FALSE", "NULL", "UNDEFINED", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
    "CURRENT_DATETIME", "CURRENT_USER", "LOCALTIME", "LOCALTIMESTAMP", "END", NULL
};

static const char *const sel_aggregates[] = {
    "COUNT", "SUM", "MIN", "MAX", "AVG", "ARBITRARY", "ANY_VALUE", "COUNT_IF",
    "APPROX_COUNT_DISTINCT", "BOOL_AND", "BOOL_OR", "EVERY", NULL
};

static int sel_word_in(const sel_ctx *c, size_t i, const char *const *words)
{
    for (size_t w = 0; words[w]; w++)
        if (rs_tok_word(&c->lx, c->t[i], words[w]))
            return 1;
    return 0;
}

static int sel_is(const sel_ctx *c, size_t i, char p)
{
    return i < c->n && rs_tok_is(&c->lx, c->t[i], p);
}

static int sel_is_name(const sel_ctx *c, size_t i)
{
    return i < c->n && (c->t[i]->kind == RS_TOK_QIDENT || c->t[i]->kind == RS_TOK_WORD);
}

/* The identifier's text, unquoted ("a""b" -> a"b); NULL when out of memory. */
static char *sel_name(const sel_ctx *c, size_t i)
{
    const rs_tok *t = c->t[i];
    const char *s = c->lx.text + t->off;
    char *out, *o;

    if (t->kind != RS_TOK_QIDENT)
        return strndup(s, t->len);
    out = malloc(t->len);
    if (!out)
        return NULL;
    o = out;
    for (size_t k = 1; k + 1 < t->len; k++) {
        *o++ = s[k];
        if (s[k] == s[0] && s[k + 1] == s[0])
            k++;
    }
    *o = '\0';
    return out;
}

/* The end of the parenthesised or bracketed group opening at i (the index of its closer),
 * or n when it does not close. */
static size_t sel_close(const sel_ctx *c, size_t i)
{
    int depth = 0;

    for (; i < c->n; i++) {
        if (sel_is(c, i, '(') || sel_is(c, i, '['))
            depth++;
        else if ((sel_is(c, i, ')') || sel_is(c, i, ']')) && --depth == 0)
            return i;
    }
    return c->n;
}

/* A dotted chain of names at i; returns its number of parts (0 when none). */
static size_t sel_chain(const sel_ctx *c, size_t i, size_t end)
{
    size_t parts = 0;

    while (i < end && sel_is_name(c, i)) {
        parts++;
        if (!(i + 2 < end && sel_is(c, i + 1, '.') && sel_is_name(c, i + 2)))
            break;
        i += 2;
    }
    return parts;
}

static int sel_add_source(sel_ctx *c, size_t i)
{
    char *name;

    if (c->nsources >= sizeof c->sources / sizeof c->sources[0])
        return 0;
    if (!(name = sel_name(c, i)))
        return -1;
    c->sources[c->nsources++] = name;
    return 0;
}

/* The FROM clause at i: each source's collection name and alias. */
static int sel_read_sources(sel_ctx *c, size_t i)
{
    int want = 1;

    for (; i < c->n; i++) {
        if (sel_is(c, i, '(') || sel_is(c, i, '[')) {
            i = sel_close(c, i);
            want = 0;
            continue;
        }
        if (sel_word_in(c, i, (const char *const[]){ "WHERE", "GROUP", "HAVING", "ORDER",
                                                     "LIMIT", "UNION", "INTERSECT", NULL }))
            break;
        if (sel_is(c, i, ',') || rs_tok_word(&c->lx, c->t[i], "JOIN")) {
            want = 1;
            continue;
        }
        size_t parts = want ? sel_chain(c, i, c->n) : 0;
        want = 0;
        if (!parts)
            continue;
        i += 2 * (parts - 1);
        if (sel_add_source(c, i) != 0)
            return -1;
        if (rs_tok_word(&c->lx, c->t[i + 1], "AS"))
            i++;
        if (sel_is_name(c, i + 1) && !sel_word_in(c, i + 1, sel_clause_words)) {
            if (sel_add_source(c, ++i) != 0)
                return -1;
        }
    }
    return 0;
}

static int sel_is_source(const sel_ctx *c, size_t i)
{
    char *name = sel_name(c, i);
    int found = 0;

    for (size_t s = 0; name && s < c->nsources && !found; s++)
        found = strcmp(c->sources[s], name) == 0;
    free(name);
    return found;
}

/* The field a chain of parts names at [i, i + 2*parts-1): `f` or `source.f`; a longer chain
 * is a nested field, whose own type DESCRIBE's top level does not give. */
static int sel_field_of(const sel_ctx *c, size_t i, size_t parts, char **field)
{
    *field = NULL;
    if (parts == 1 && !sel_word_in(c, i, sel_value_words))
        *field = sel_name(c, i);
    else if (parts == 2 && sel_is_source(c, i))
        *field = sel_name(c, i + 2);
    else
        return 0;
    return *field ? 1 : -1;
}

/* The item's expression [a, b): a field, an aggregate over one, or anything else. */
static int sel_core(const sel_ctx *c, size_t a, size_t b, rs_sel_item *it)
{
    size_t parts = sel_chain(c, a, b);
    int r;

    if (parts && a + 2 * parts - 1 == b) {
        if ((r = sel_field_of(c, a, parts, &it->field)) > 0)
            it->kind = RS_SEL_FIELD;
        /* TRUE, NULL, CURRENT_DATE...: no field, so Rockset names the item by position */
        if (r >= 0 && (r > 0 || parts > 1) && !it->name && !(it->name = sel_name(c, b - 1)))
            return -1;
        return r < 0 ? -1 : 0;
    }
    if (c->t[a]->kind != RS_TOK_WORD || !sel_word_in(c, a, sel_aggregates) ||
        !sel_is(c, a + 1, '(') || sel_close(c, a + 1) != b - 1)
        return 0;
    size_t x = a + 2;
    if (rs_tok_word(&c->lx, c->t[x], "DISTINCT"))
        x++;
    parts = sel_chain(c, x, b - 1);
    if (sel_is(c, x, '*') && x + 1 == b - 1) {
        r = 0;
    } else if (parts && x + 2 * parts - 1 == b - 1) {
        if ((r = sel_field_of(c, x, parts, &it->field)) < 0)
            return -1;
    } else {
        return 0;
    }
    it->kind = RS_SEL_AGG;
    for (size_t k = 0; k < c->t[a]->len && k + 1 < sizeof it->agg; k++)
        it->agg[k] = (char)toupper((unsigned char)c->lx.text[c->t[a]->off + k]);
    return 0;
}

/* One select item [a, b) at position idx. */
static int sel_item(const sel_ctx *c, size_t a, size_t b, int idx, rs_sel_item *it)
{
    char gen[32];

    memset(it, 0, sizeof *it);
    /* `expr AS alias`, or `expr alias` where alias follows a complete operand */
    if (b - a >= 2 && sel_is_name(c, b - 1) && !sel_word_in(c, b - 1, sel_value_words) &&
        (rs_tok_word(&c->lx, c->t[b - 2], "AS") ||
         (b - a >= 2 && (sel_is_name(c, b - 2) || sel_is(c, b - 2, ')') || sel_is(c, b - 2, ']') ||
                         c->t[b - 2]->kind == RS_TOK_STRING || c->t[b - 2]->kind == RS_TOK_NUMBER) &&
          !sel_word_in(c, b - 2, (const char *const[]){ "DISTINCT", "NOT", "IS", "AND", "OR", NULL })))) {
        if (!(it->name = sel_name(c, b - 1)))
            return -1;
        b -= rs_tok_word(&c->lx, c->t[b - 2], "AS") ? 2 : 1;
    }
    if (a < b && sel_core(c, a, b, it) != 0)
        goto fail;
    if (!it->name && it->kind == RS_SEL_AGG) {
        snprintf(gen, sizeof gen, "?%s", it->agg);
        for (char *p = gen; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    } else if (!it->name) {
        snprintf(gen, sizeof gen, "?field%d", idx);
    }
    if (!it->name && !(it->name = strdup(gen)))
        goto fail;
    return 0;
fail:
    free(it->name);
    free(it->field);
    memset(it, 0, sizeof *it);
    return -1;
}

/* Splits [a, end) at depth-0 commas into items. */
static int sel_items(sel_ctx *c, size_t a, size_t end, rs_sel_item **out)
{
    size_t cap = 8;
    int n = 0;
    rs_sel_item *items = calloc(cap, sizeof *items);

    if (!items)
        return -1;
    for (size_t i = a, start = a; i <= end; i++) {
        if (i < end && (sel_is(c, i, '(') || sel_is(c, i, '['))) {
            i = sel_close(c, i);
            continue;
        }
        if (i < end && !sel_is(c, i, ','))
            continue;
        if ((size_t)n == cap) {
            rs_sel_item *grown = realloc(items, 2 * cap * sizeof *items);
            if (!grown)
                goto fail;
            items = grown;
            cap *= 2;
        }
        if (sel_item(c, start, i, n, &items[n]) != 0)
            goto fail;
        n++;
        start = i + 1;
    }
    *out = items;
    return n;
fail:
    rs_sql_select_items_free(items, n);
    return -1;
}

static int sel_lex(sel_ctx *c, const char *sql)
{
    char msg[128];

    if (rs_lex_run(&c->lx, sql, strlen(sql), msg, sizeof msg) != 0)
        return 0;
    c->t = malloc(c->lx.ntoks * sizeof *c->t);
    if (!c->t)
        return -1;
    for (size_t i = 0; i < c->lx.ntoks; i++)
        if (c->lx.toks[i].kind != RS_TOK_WS && c->lx.toks[i].kind != RS_TOK_COMMENT)
            c->t[c->n++] = &c->lx.toks[i];
    c->n--; /* the EOF token stays addressable at c->t[c->n] */
    return 1;
}

int rs_sql_select_items(const char *sql, rs_sel_item **items)
{
    sel_ctx c;
    size_t a = 1, end;
    int r = 0;

    memset(&c, 0, sizeof c);
    *items = NULL;
    if (!sql || (r = sel_lex(&c, sql)) <= 0)
        return r;
    r = 0;
    if (c.n == 0 || !rs_tok_word(&c.lx, c.t[0], "SELECT"))
        goto done;
    if (rs_tok_word(&c.lx, c.t[a], "DISTINCT") || rs_tok_word(&c.lx, c.t[a], "ALL"))
        a++;
    for (end = a; end < c.n; end++) {
        if (sel_is(&c, end, '(') || sel_is(&c, end, '['))
            end = sel_close(&c, end);
        else if (sel_is(&c, end, ';') || sel_word_in(&c, end, sel_list_end))
            break;
    }
    if (end < c.n && rs_tok_word(&c.lx, c.t[end], "FROM") && sel_read_sources(&c, end + 1) != 0) {
        r = -1;
        goto done;
    }
    if (end > a)
        r = sel_items(&c, a, end, items);
done:
    for (size_t s = 0; s < c.nsources; s++)
        free(c.sources[s]);
    free(c.t);
    rs_lex_free(&c.lx);
    return r;
}

void rs_sql_select_items_free(rs_sel_item *items, int n)
{
    for (int i = 0; items && i < n; i++) {
        free(items[i].name);
        free(items[i].field);
    }
    free(items);
}
