/* SPDX-License-Identifier: Apache-2.0 */
#include "driver/client/rs_error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void rs_error_clear(rs_error *e)
{
    memset(e, 0, sizeof *e);
}

void rs_error_set(rs_error *e, rs_err_kind kind, const char *fmt, ...)
{
    va_list ap;

    if (!e || e->kind != RS_ERR_NONE)
        return;
    e->kind = kind;
    va_start(ap, fmt);
    vsnprintf(e->message, sizeof e->message, fmt, ap);
    va_end(ap);
}
