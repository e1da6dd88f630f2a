#!/usr/bin/env python3
"""Process-level figures with the release binary in tmux. Prints key=value lines.

Usage: process_bench.py FLAGTOP_BINARY PORT
Databases: 1 = kill test (one toggle), 2 = 1,000 toggles (idle CPU, first frame),
0 = the full data set (RSS), 3 = 1,000,000 unrelated keys (discovery).
"""
import os, statistics, subprocess, sys, time
import redis

binary, port = sys.argv[1], int(sys.argv[2])
SESSION = "flagtop-bench-%d" % os.getpid()
url = lambda db: "redis://127.0.0.1:%d/%d" % (port, db)

def out(key, value):
    print("%s=%s" % (key, value), flush=True)

def tmux(*args, check=True):
    return subprocess.run(["tmux", "-L", SESSION, *args], check=check, capture_output=True, text=True).stdout

def capture():
    return tmux("capture-pane", "-p", "-t", SESSION, check=False)

def wait_for(text, timeout=20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if text in capture():
            return True
        time.sleep(0.005)
    return False

def start_shell():
    tmux("kill-session", "-t", SESSION, check=False)
    for _ in range(50):  # the previous server may still be exiting
        if subprocess.run(["tmux", "-L", SESSION, "new-session", "-d", "-s", SESSION, "-x", "200", "-y", "60", "sh"],
                          capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    time.sleep(0.3)

def pane_pid():
    return int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())

def launch(cmdline, marker):
    """Seconds from send-keys to `marker` on screen (the shell execs the command)."""
    start_shell()
    t0 = time.monotonic()
    tmux("send-keys", "-t", SESSION, "exec " + cmdline, "Enter")
    ok = wait_for(marker)
    return (time.monotonic() - t0) if ok else None

def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime

def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])

r = {db: redis.Redis(port=port, db=db) for db in range(4)}
dash = lambda db, interval: "%s dashboard --url %s --interval %s" % (binary, url(db), interval)

if not os.environ.get("BENCH_SCALE_ONLY"):  # set it to re-run only the discovery figures
    # --- start to first frame (db 2, 1,000 toggles), anchor: a shell printing the same marker -------------------
    frames, anchors = [], []
    for _ in range(5):
        anchors.append(launch("sh -c 'echo flag\"\"top-ready; sleep 30'", "flagtop-ready"))
        frames.append(launch(dash(2, 1), " flagtop"))
        tmux("kill-session", "-t", SESSION, check=False)
    out("first_frame_ms", "%.1f" % (statistics.median(frames) * 1000))
    out("first_frame_anchor_ms", "%.1f" % (statistics.median(anchors) * 1000))

    # --- idle CPU over 30 s at 1 s interval with 1,000 toggles -----------------------------------------------------
    launch(dash(2, 1), " flagtop")
    time.sleep(3)  # first discovery pass and log scan done
    pid = pane_pid()
    hz = os.sysconf("SC_CLK_TCK")
    c0, t0 = cpu_ticks(pid), time.monotonic()
    time.sleep(30)
    c1, t1 = cpu_ticks(pid), time.monotonic()
    out("idle_cpu_percent", "%.2f" % (100.0 * (c1 - c0) / hz / (t1 - t0)))
    out("rss_1000_toggles_mb", "%.1f" % (rss_kb(pid) / 1024))
    tmux("kill-session", "-t", SESSION, check=False)

    # --- RSS on the full data set (db 0) ----------------------------------------------------------------------------
    launch(dash(0, 1), " flagtop")
    time.sleep(12)  # let discovery and the session scan finish their first passes
    pid = pane_pid()
    out("rss_full_mb", "%.1f" % (rss_kb(pid) / 1024))
    tmux("kill-session", "-t", SESSION, check=False)

    # --- kill latency (db 1) ------------------------------------------------------------------------------------------
    r[1].config_set("notify-keyspace-events", "Kh")
    r[1].hset("useNewAlgorithm", mapping={"toggle": "True", "releaseNum": "2.0.0", "fingerprint": "alice"})
    watcher = redis.Redis(port=port, db=1).pubsub()
    watcher.subscribe("__keyspace@1__:useNewAlgorithm")
    watcher.get_message(timeout=1)  # the subscribe confirmation

    def drain():
        while watcher.get_message(timeout=0.01):
            pass

    def wait_hset(t0):
        while True:
            m = watcher.get_message(timeout=5)
            if m is None:
                return None
            if m["type"] == "message":
                return time.monotonic() - t0

    launch(dash(1, 0.25), " flagtop")
    time.sleep(1.5)
    kills, sendkeys, anchors = [], [], []
    for i in range(20):
        r[1].hset("useNewAlgorithm", "toggle", "True")
        time.sleep(0.6)  # the dashboard refreshes every 0.25 s and sees it on
        drain()
        tmux("send-keys", "-t", SESSION, "K")
        if not wait_for("Kill toggle", 5):
            continue
        drain()
        t0 = time.monotonic()
        subprocess.run(["tmux", "-L", SESSION, "send-keys", "-t", SESSION, "y"], check=True)
        sendkeys.append(time.monotonic() - t0)
        d = wait_hset(t0)
        if d is not None and r[1].hget("useNewAlgorithm", "toggle") == b"False":
            kills.append(d)
        # anchor: redis-cli HSET spawned as a process, spawn to notification
        r[1].hset("useNewAlgorithm", "toggle", "True")
        drain()
        t0 = time.monotonic()
        subprocess.Popen(["redis-cli", "-p", str(port), "-n", "1", "HSET", "useNewAlgorithm", "toggle", "False"],
                         stdout=subprocess.DEVNULL)
        d = wait_hset(t0)
        if d is not None:
            anchors.append(d)
        time.sleep(0.1)
    tmux("kill-session", "-t", SESSION, check=False)
    r[1].hset("useNewAlgorithm", "toggle", "True")
    out("kill_samples", len(kills))
    if kills:
        out("kill_median_ms", "%.2f" % (statistics.median(kills) * 1000))
        out("kill_max_ms", "%.2f" % (max(kills) * 1000))
    out("tmux_sendkeys_median_ms", "%.2f" % (statistics.median(sendkeys) * 1000 if sendkeys else float("nan")))
    out("kill_anchor_median_ms", "%.2f" % (statistics.median(anchors) * 1000 if anchors else float("nan")))

    # --- keys answered with 10,000 toggles (db 5): `j` moves the cursor; time until the pane shows it ---------------
    def pane(rows=slice(1, 50)):
        # With attributes (-e): the cursor row is drawn highlighted, so moving it changes these lines.
        text = tmux("capture-pane", "-p", "-e", "-t", SESSION, check=False).split("\n")
        return [line[:400] for line in text[rows]]

    launch(dash(5, 1), "Toggles 10000")
    time.sleep(2)
    keys, key_sends = [], []
    for i in range(30):
        before = pane()
        t0 = time.monotonic()
        subprocess.run(["tmux", "-L", SESSION, "send-keys", "-t", SESSION, "j" if i % 2 == 0 else "k"], check=True)
        key_sends.append(time.monotonic() - t0)
        end = t0 + 2
        while time.monotonic() < end:
            if pane() != before:
                keys.append(time.monotonic() - t0)
                break
        time.sleep(0.05)
    tmux("kill-session", "-t", SESSION, check=False)
    out("key_latency_samples", len(keys))
    if keys:
        send = statistics.median(key_sends)
        out("key_latency_10000_ms", "%.2f" % ((statistics.median(keys) - send) * 1000))
        out("key_latency_10000_max_ms", "%.2f" % ((max(keys) - send) * 1000))
        out("key_latency_raw_ms", "%.2f" % (statistics.median(keys) * 1000))

# --- discovery among 1,000,000 unrelated keys (db 3) --------------------------------------------------------------
import threading
r[3].flushdb()
r[3].execute_command("DEBUG", "POPULATE", 1000000, "unrelated")
for i in range(5):
    r[3].hset("scaletoggle%d" % i, "toggle", "True")
r[3].config_set("slowlog-log-slower-than", 5000)
r[3].slowlog_reset()
stop, pings = threading.Event(), []
def pinger():
    c = redis.Redis(port=port, db=3)
    while not stop.is_set():
        t0 = time.monotonic()
        c.ping()
        pings.append(time.monotonic() - t0)
        time.sleep(0.0005)
# Anchor: the same pinger for 1 s with nothing else running against Redis.
th = threading.Thread(target=pinger)
th.start()
time.sleep(1.0)
stop.set(); th.join()
out("idle_ping_max_ms", "%.2f" % (max(pings) * 1000))
out("idle_ping_p50_ms", "%.3f" % (statistics.median(pings) * 1000))
stop, pings = threading.Event(), []
th = threading.Thread(target=pinger)
th.start()
t0 = time.monotonic()
p = subprocess.run([binary, "toggles", "--url", url(3)], capture_output=True, text=True)
elapsed = time.monotonic() - t0
stop.set(); th.join()
slow = r[3].slowlog_get(128)
found = sum(1 for i in range(5) if ("scaletoggle%d" % i) in p.stdout)
out("discovery_seconds", "%.2f" % elapsed)
out("discovery_exit", p.returncode)
out("discovery_found", "%d/5" % found)
out("discovery_ping_max_ms", "%.2f" % (max(pings) * 1000))
out("discovery_ping_p50_ms", "%.3f" % (statistics.median(pings) * 1000))
out("discovery_ping_samples", len(pings))
out("discovery_slowlog_over_5ms", len(slow))
if slow:
    out("discovery_slowlog_worst", "%.2fms:%s" % (max(e["duration"] for e in slow) / 1000,
        max(slow, key=lambda e: e["duration"])["command"][:60].decode(errors="replace")))
r[3].config_set("slowlog-log-slower-than", 10000)
r[3].flushdb()
tmux("kill-server", check=False)
