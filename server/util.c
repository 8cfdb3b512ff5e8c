/* SPDX-License-Identifier: Apache-2.0 */
/* Ids and time for rockset-local. */
#include "server/srv.h"

#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void srv_random_hex(char *out, size_t nbytes)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char buf[64];
    size_t done = 0;
    while (done < nbytes) {
        size_t n = nbytes - done < sizeof buf ? nbytes - done : sizeof buf;
        if (RAND_bytes(buf, (int)n) != 1) {
            /* OpenSSL's CSPRNG failing means ids could collide or keys be guessed: refuse. */
            fprintf(stderr, "rockset-local: RAND_bytes failed\n");
            abort();
        }
        for (size_t i = 0; i < n; i++) {
            out[2 * (done + i)] = hex[buf[i] >> 4];
            out[2 * (done + i) + 1] = hex[buf[i] & 15];
        }
        done += n;
    }
    out[2 * nbytes] = '\0';
}

void srv_new_uuid(char *out)
{
    static const char variant[] = "89ab";
    char hex[33];
    srv_random_hex(hex, 16);
    hex[12] = '4';
    hex[16] = variant[hex[16] & 3];
    snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

void srv_now_iso(char *out, size_t outlen)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, outlen, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

long long srv_now_micros(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}
