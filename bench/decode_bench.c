/* SPDX-License-Identifier: Apache-2.0 */
/* The query-answer decoder alone (tokenizer + page decoder), no network, no ODBC: reads a
 * captured answer file into memory, then decodes it REPEAT times fed in CHUNK-byte pieces (16
 * KiB, what libcurl hands the driver), touching every cell as the statement would. Prints CPU
 * seconds (getrusage) so that an old and a new build can be compared as a ratio; run it under
 * `valgrind --tool=callgrind` for instruction counts. See bench/README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "driver/client/result_decode.h"

static double bench_cpu(void)
{
    struct rusage ru;

    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static char *bench_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (!f)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
        (buf = malloc((size_t)n)) != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        *len = (size_t)n;
    fclose(f);
    return buf;
}

/* Sums every byte of every cell so that nothing the decoder produced goes unread. */
static size_t bench_touch(const rs_page *p)
{
    size_t h = 0;

    for (size_t i = 0; i < p->nrows * p->ncols; i++) {
        const rs_cell *c = &p->cells[i];
        h += (size_t)c->kind;
        for (size_t k = 0; c->text && k < c->len; k++)
            h += (unsigned char)c->text[k];
    }
    return h;
}

static int bench_decode(rs_decoder *d, const char *buf, size_t len, size_t chunk,
                        size_t *rows, size_t *sum)
{
    rs_error err;

    rs_error_clear(&err);
    rs_decode_begin(d);
    for (size_t off = 0; off < len; off += chunk) {
        size_t n = len - off < chunk ? len - off : chunk;
        if (rs_decode_feed(d, buf + off, n, &err) != 0) {
            fprintf(stderr, "decode_bench: %s\n", err.message);
            return -1;
        }
    }
    if (rs_decode_finish(d, &err) != 0) {
        fprintf(stderr, "decode_bench: %s\n", err.message);
        return -1;
    }
    *rows += rs_decode_page(d)->nrows;
    *sum += bench_touch(rs_decode_page(d));
    return 0;
}

int main(int argc, char **argv)
{
    size_t len = 0, rows = 0, sum = 0, chunk;
    long repeat;
    char *buf;
    rs_decoder *d;
    double t0, t;

    if (argc < 2) {
        fprintf(stderr, "usage: decode_bench ANSWER.json [REPEAT=5] [CHUNK=16384]\n");
        return 2;
    }
    repeat = argc > 2 ? atol(argv[2]) : 5;
    chunk = argc > 3 ? (size_t)atol(argv[3]) : 16384;
    if (repeat < 1 || chunk < 1 || !(buf = bench_slurp(argv[1], &len))) {
        fprintf(stderr, "decode_bench: cannot read %s (or bad arguments)\n", argv[1]);
        return 2;
    }
    d = rs_decode_new();
    if (!d)
        return 1;
    t0 = bench_cpu();
    for (long r = 0; r < repeat; r++)
        if (bench_decode(d, buf, len, chunk, &rows, &sum) != 0)
            return 1;
    t = bench_cpu() - t0;
    printf("bytes %zu x %ld, rows %zu, chunk %zu: cpu %.3f s, %.1f MB/s, %.0f rows/s "
           "(checksum %zu)\n", len, repeat, rows, chunk, t, (double)len * (double)repeat / t / 1e6,
           (double)rows / t, sum);
    rs_decode_free(d);
    free(buf);
    return 0;
}
