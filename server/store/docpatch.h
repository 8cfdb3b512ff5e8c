/* SPDX-License-Identifier: Apache-2.0 */
/* JSON Patch (RFC 6902) over cJSON, with RFC 6901 pointers and Rockset's INCREMENT op;
 * op names in either case. */
#ifndef SRV_DOCPATCH_H
#define SRV_DOCPATCH_H

#include <stddef.h>
#include <cjson/cJSON.h>

/* Applies every op of ops (an array) to *doc in order; all or nothing: on failure *doc is
 * left untouched and err says which op failed. 0 ok, -1 failed. */
int srv_docpatch_apply(cJSON **doc, const cJSON *ops, char *err, size_t errlen);

#endif
