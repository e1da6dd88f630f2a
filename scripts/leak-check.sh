#!/usr/bin/env bash
# Runs the RedisClient leak check under valgrind and prints the "definitely lost" summary.
# The test, `leakCheck10kCommands` in Tests/RedisClientTests, sends 10,000 mixed commands
# (SET/GET/HSET/HGETALL, error replies, pipelines, transactions, a reconnect) on one connection;
# it only runs with FLAGTOP_LEAK_CHECK=1.
#
#   scripts/leak-check.sh                  # builds into .build
#   SCRATCH=.build-h scripts/leak-check.sh # another scratch path
#
# Exit status: 0 when the test passed and valgrind found nothing definitely lost.
#
# Two valgrind 3.19 workarounds, both outside the code under test:
# - Swift Testing's async entry point ends the main thread in libdispatch's
#   `sigsuspend(&static_const_mask)`; valgrind edits that mask in place and crashes on the
#   read-only page. A tiny LD_PRELOAD shim passes a writable copy instead.
# - Foundation's Process closes every descriptor it finds, valgrind's own included, and fails
#   with EBADF, so this script starts redis-server and hands its URL to the test.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${SCRATCH:-.build}"
for tool in valgrind redis-server redis-cli cc; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install valgrind redis-server gcc)" >&2; exit 2; }
done

# Only the test bundle: the executables are not needed.
swift build --scratch-path "$SCRATCH" --product flagtopPackageTests >&2
BIN="$SCRATCH/debug/flagtopPackageTests.xctest"

WORK="$(mktemp -d -t flagtop-leak-check.XXXXXX)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

cat > "$WORK/sigsuspend_shim.c" <<'C'
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
/* Same call, but with a writable copy of the mask (see the comment in leak-check.sh). */
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, (size_t)(_NSIG / 8));
}
C
cc -shared -fPIC -O2 -o "$WORK/sigsuspend_shim.so" "$WORK/sigsuspend_shim.c"

SOCKET="$WORK/redis.sock"
redis-server --port 0 --unixsocket "$SOCKET" --unixsocketperm 700 --save "" --appendonly no \
    --dir "$WORK" --daemonize no --logfile "$WORK/redis.log" &
SERVER_PID=$!
for _ in $(seq 100); do
    redis-cli -s "$SOCKET" ping >/dev/null 2>&1 && break
    sleep 0.05
done
redis-cli -s "$SOCKET" ping >/dev/null || { echo "redis-server did not start: $(tail -3 "$WORK/redis.log")" >&2; exit 2; }

LOG="$WORK/valgrind.log"
status=0
FLAGTOP_LEAK_CHECK=1 FLAGTOP_LEAK_CHECK_URL="unix://$SOCKET?db=1" LD_PRELOAD="$WORK/sigsuspend_shim.so" \
    valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99 \
    --num-callers=30 --log-file="$LOG" \
    "$BIN" --testing-library swift-testing --filter leakCheck10kCommands >&2 || status=$?

echo "--- valgrind leak summary ---"
sed -n '/LEAK SUMMARY/,/suppressed:/p' "$LOG" | sed 's/^==[0-9]*== *//'
grep -m1 'ERROR SUMMARY' "$LOG" | sed 's/^==[0-9]*== *//' || true
if grep -q 'definitely lost in loss record' "$LOG"; then
    echo "--- definitely lost records ---"
    awk '/definitely lost in loss record/{p=1} p&&/^==[0-9]+== $/{p=0} p' "$LOG" | sed 's/^==[0-9]*== *//'
fi
if ! grep -q 'definitely lost:' "$LOG"; then
    echo "valgrind did not finish; its log ends with:" >&2
    tail -20 "$LOG" >&2
    exit 1
fi
if [ "$status" -ne 0 ]; then
    echo "leak check failed (exit $status; 99 means valgrind reported errors)" >&2
    exit 1
fi
