#!/usr/bin/env python3
"""Anchor for FlagtopClient.log: the seeds' log_recent on redis-py, unbatched. Prints ns per message."""
import logging, sys, time
import redis

SEVERITY = {logging.DEBUG: 'debug', logging.INFO: 'info', logging.WARNING: 'warning',
            logging.ERROR: 'error', logging.CRITICAL: 'critical'}
SEVERITY.update((name, name) for name in list(SEVERITY.values()))

def log_recent(conn, name, message, severity=logging.INFO, pipe=None):
    severity = str(SEVERITY.get(severity, severity)).lower()
    destination = 'recent:%s:%s' % (name, severity)
    message = time.asctime() + ' ' + message
    pipe = pipe or conn.pipeline()
    pipe.lpush(destination, message)
    pipe.ltrim(destination, 0, 99)
    pipe.execute()

port, n = int(sys.argv[1]), int(sys.argv[2])
conn = redis.Redis(port=port, db=int(sys.argv[3]) if len(sys.argv) > 3 else 0)
for i in range(200):
    log_recent(conn, 'benchpy', 'warm up %d' % i)
t0 = time.perf_counter_ns()
for i in range(n):
    log_recent(conn, 'benchpy', 'message number %d' % i)
print("python_log_ns=%.0f" % ((time.perf_counter_ns() - t0) / n))
