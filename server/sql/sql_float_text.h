/* SPDX-License-Identifier: Apache-2.0 */
/* A double's shortest text that reads back as the same double, in the layout Rockset's
 * values have always had here (sql_value_float_text, sql_value.h). The digits are the
 * shortest decimal inside the double's rounding interval (the closest of them to the
 * double when several qualify), found with 126-bit approximations of powers of ten as in
 * Giulietti's Schubfach method: no printf, no strtod check, no retry. */
#ifndef SQL_FLOAT_TEXT_H
#define SQL_FLOAT_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Long enough for any finite double's text plus the NUL. */
#define SQL_FLOAT_TEXT_MAX 32

/* The text of a finite d into out (SQL_FLOAT_TEXT_MAX bytes), NUL-terminated; its length.
 * The layout is printf's %.15g when 15 significant digits suffice, else %.17g's (the
 * exponent form below 1e-4 and from 1e15 or 1e17 up), with ".0" added when neither a '.'
 * nor an exponent shows, so 2.0 stays "2.0" and -0.0 "-0.0". */
size_t sql_float_text(double d, char *out);

/* The shortest digits of a finite, nonzero |d|: d = *f 10^*e10, *f without trailing zeros. */
void sql_float_decimal(double d, uint64_t *f, int *e10);

/* The table of sql_float_pow10.c (scripts/gen_float_pow10.py): g for 10^-k, k in
 * [SQL_FLOAT_K_MIN, SQL_FLOAT_K_MAX], at index SQL_FLOAT_K_MAX - k. */
#define SQL_FLOAT_K_MIN (-324)
#define SQL_FLOAT_K_MAX 292
extern const unsigned long long sql_float_g[SQL_FLOAT_K_MAX - SQL_FLOAT_K_MIN + 1][2];

#endif
