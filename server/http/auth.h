/* SPDX-License-Identifier: Apache-2.0 */
/* API keys: creation, lookup by SHA-256 with a constant-time comparison, bootstrap. */
#ifndef SRV_AUTH_H
#define SRV_AUTH_H

#include "server/srv.h"

#define SRV_ADMIN_EMAIL "admin@localhost"
#define SRV_KEY_LEN 64
/* How many leading characters of a key its masked form shows (keys longer than 12). */
#define SRV_KEY_SHOWN 6

/* Looks the key up; fills the owner's email and the key's name. 0 ok, 1 unknown key,
 * -1 database error. */
int srv_auth_check(sqlite3 *db, const char *key, char *email, size_t elen, char *name,
                   size_t nlen);
/* Creates key `name` for user; key_out gets the 64-char key (or, with given_key, that one).
 * 0 ok, 1 name already used by this user, 2 key value already exists, -1 error. */
int srv_auth_create_key(sqlite3 *db, const char *user, const char *name, const char *by,
                        const char *given_key, char key_out[SRV_KEY_LEN + 1]);
/* First start: organization, admin user, commons, a key (printed once as "api key: K" when
 * generated). Later starts: makes sure api_key (when given) is a live admin key. */
int srv_auth_bootstrap(sqlite3 *db, const char *api_key);
/* The form of a key that listings show: its first SRV_KEY_SHOWN characters, then '*'. */
void srv_auth_mask_key(const char *key, char out[SRV_KEY_LEN + 1]);

#endif
