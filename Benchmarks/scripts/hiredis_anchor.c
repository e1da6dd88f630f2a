/* Anchor for decide/uncached: raw hiredis round trips, no parsing beyond hiredis's own.
 * Usage: hiredis_anchor PORT N  -> prints ns per op for (a) HGETALL toggle and (b) the same
 * 3-command pipeline decide sends (HGETALL toggle, HGETALL session, TTL session). */
#include <hiredis/hiredis.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }

int main(int argc, char **argv) {
    int port = atoi(argv[1]), n = atoi(argv[2]);
    redisContext *c = redisConnect("127.0.0.1", port);
    if (!c || c->err) { fprintf(stderr, "connect failed\n"); return 1; }
    for (int i = 0; i < 1000; i++) freeReplyObject(redisCommand(c, "HGETALL useNewAlgorithm"));
    double t0 = now();
    for (int i = 0; i < n; i++) freeReplyObject(redisCommand(c, "HGETALL useNewAlgorithm"));
    double t1 = now();
    for (int i = 0; i < n; i++) {
        redisAppendCommand(c, "HGETALL useNewAlgorithm");
        redisAppendCommand(c, "HGETALL session:bench-session");
        redisAppendCommand(c, "TTL session:bench-session");
        for (int k = 0; k < 3; k++) { void *r; redisGetReply(c, &r); freeReplyObject(r); }
    }
    double t2 = now();
    printf("hgetall_ns=%.0f\npipeline3_ns=%.0f\n", (t1 - t0) / n, (t2 - t1) / n);
    redisFree(c);
    return 0;
}
