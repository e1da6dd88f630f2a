#!/usr/bin/env python3
"""Writes the benchmark data set as RESP on stdout, for `redis-cli --pipe`.

Usage: load_data.py DB SESSIONS ERRORS LOGNAMES TOGGLESETS...
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

db, sessions, errors, lognames = (int(x) for x in sys.argv[1:5])
sets = sys.argv[5:]
cmd("SELECT", db)
now = time.time()

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
for i in range(errors):
    ts = now - (i * 86400.0 / max(errors, 1))  # spread over the last day, newest first
    name = "toggle%d" % (i % 1000)
    doc = "%s:%s-%d" % (name, time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts)), i)
    cmd("FT.ADD", "toggle_errors_db", doc, "1.0", "FIELDS", "toggleName", name, "toggleValue", "True",
        "fingerPrint", "alice", "exceptionBody", "Traceback: ValueError %d in handler line %d" % (i % 97, i % 13),
        "ts", "%.3f" % ts)
    cmd("ZADD", "flagtop:errtime:toggle_errors_db", "%.3f" % ts, doc)

for n in range(lognames):
    for sev in ["debug", "info", "warning", "error", "critical"]:
        key = "recent:service%02d:%s" % (n, sev)
        for j in range(100):
            cmd("RPUSH", key, "%s message %d from service%02d" % (time.asctime(time.localtime(now - j)), j, n))
out.flush()
