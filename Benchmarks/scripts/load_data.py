#!/usr/bin/env python3
"""Writes the benchmark data set as RESP on stdout, for `redis-cli --pipe`.

Usage: load_data.py DB SESSIONS ERRORS LOGNAMES TOGGLESETS...
       load_data.py --error-part K N DB ERRORS   (only error documents i = K, K+N, …; see bench.sh)
With ERROR_PARTS=N in the environment the first form creates the index but leaves the documents to N
`--error-part` streams: RediSearch 1.2 indexes FT.ADD on a worker thread, so one pipelined stream gets one
document per event-loop turn, while parallel connections overlap.
A toggle set "1000" writes HASHes t1000:toggle0 … t1000:toggle999; "plain:1000" writes toggle0 … toggle999.
"""
import sys, time

out = sys.stdout.buffer

def cmd(*args):
    parts = [b"*%d\r\n" % len(args)]
    for a in args:
        b = a if isinstance(a, bytes) else str(a).encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(b), b))
    out.write(b"".join(parts))

now = time.time()

def error_doc(i, errors):
    ts = now - (i * 86400.0 / max(errors, 1))  # spread over the last day, newest first
    name = "toggle%d" % (i % 1000)
    doc = "%s:%s-%d" % (name, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)), i)
    cmd("FT.ADD", "toggle_errors_db", doc, "1.0", "FIELDS", "toggleName", name, "toggleValue", "True",
        "fingerPrint", "alice", "exceptionBody", "Traceback: ValueError %d in handler line %d" % (i % 97, i % 13),
        "ts", "%.3f" % ts)
    cmd("ZADD", "flagtop:errtime:toggle_errors_db", "%.3f" % ts, doc)

if sys.argv[1] == "--error-part":
    k, n, db, errors = (int(x) for x in sys.argv[2:6])
    cmd("SELECT", db)
    for i in range(k, errors, n):
        error_doc(i, errors)
    out.flush()
    sys.exit(0)

db, sessions, errors, lognames = (int(x) for x in sys.argv[1:5])
sets = sys.argv[5:]
cmd("SELECT", db)

def toggle(key, i):
    cmd("HSET", key, "toggle", "True", "releaseNum", "1.%d.0" % (i % 50), "fingerprint", "alice,bob",
        "rollout", "100", "description", "benchmark toggle %d" % i, "owner", "team-%d" % (i % 7))

for spec in sets:
    plain = spec.startswith("plain:")
    n = int(spec.split(":")[-1])
    for i in range(n):
        toggle(("toggle%d" if plain else "t%d:toggle%%d" % n) % i, i)

# The toggle and session the library benchmarks decide on.
cmd("HSET", "useNewAlgorithm", "toggle", "True", "releaseNum", "2.0.0", "fingerprint", "alice")
cmd("HSET", "session:bench-session", "name", "Bench", "email", "bench@example.com", "authType", "password",
    "creationTime", "Sat Nov 21 19:13:45 2026")

for i in range(sessions):
    key = "session:%08d" % i
    cmd("HSET", key, "name", "User %d" % i, "email", "user%d@example.com" % i, "authType", "password",
        "creationTime", time.asctime(time.localtime(now - i)))
    cmd("EXPIRE", key, 86400)

if errors:
    cmd("FT.CREATE", "toggle_errors_db", "STOPWORDS", 0, "SCHEMA", "toggleName", "TEXT", "toggleValue", "TEXT",
        "fingerPrint", "TEXT", "exceptionBody", "TEXT", "ts", "NUMERIC", "SORTABLE")
if int(__import__("os").environ.get("ERROR_PARTS", "1")) == 1:
    for i in range(errors):
        error_doc(i, errors)

for n in range(lognames):
    for sev in ["debug", "info", "warning", "error", "critical"]:
        key = "recent:service%02d:%s" % (n, sev)
        for j in range(100):
            cmd("RPUSH", key, "%s message %d from service%02d" % (time.asctime(time.localtime(now - j)), j, n))
out.flush()
