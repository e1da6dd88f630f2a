#!/usr/bin/env bash
# `make bench`: loads a private redis-server, runs the ordo-one/benchmark suite and the process-level
# measurements, then writes Benchmarks/RESULTS.md (scripts/report.py). Sizes: BENCH_SESSIONS, BENCH_ERRORS.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
SESSIONS=${BENCH_SESSIONS:-100000}
ERRORS=${BENCH_ERRORS:-100000}
WORK=$(mktemp -d /tmp/flagtop-bench.XXXXXX)
FIG=$WORK/figures.txt
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
TLS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
started=$(date +%s)
fig() { echo "$1=$2" >> "$FIG"; }
cleanup() { redis-cli -p "$PORT" shutdown nosave >/dev/null 2>&1 || true; }
trap cleanup EXIT

python3 -c 'import redis' 2>/dev/null || pip install -q redis

fig date "$(date -u '+%Y-%m-%d %H:%M UTC')"
fig nproc "$(nproc)"
fig cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
fig memory "$(free -g | awk '/Mem:/ {print $2 " GiB"}')"
fig loadavg_start "$(cut -d' ' -f1-3 /proc/loadavg)"
fig redis "$(redis-server --version | awk '{print $3}')"
fig sessions "$SESSIONS"
fig errors "$ERRORS"

echo "== building the release binary and the benchmarks"
MAIN_ARGS=${BENCH_MAIN_SCRATCH:+--scratch-path $BENCH_MAIN_SCRATCH}
(cd .. && $SWIFT build -c release --product flagtop --static-swift-stdlib $MAIN_ARGS)
BIN=$(cd .. && $SWIFT build -c release --product flagtop --static-swift-stdlib $MAIN_ARGS --show-bin-path)/flagtop
# (the benchmark plugin builds FlagtopBenchmarks itself; building it here too makes the two builds undo each other)

echo "== TLS certificates for the same server's TLS port $TLS_PORT"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=flagtop bench CA" -keyout "$WORK/ca.key" -out "$WORK/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$WORK/server.key" -out "$WORK/server.csr" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$WORK/server.ext"
openssl x509 -req -in "$WORK/server.csr" -CA "$WORK/ca.crt" -CAkey "$WORK/ca.key" -CAcreateserial -days 2 \
    -extfile "$WORK/server.ext" -out "$WORK/server.crt" 2>/dev/null

echo "== private redis-server on port $PORT (TLS on $TLS_PORT)"
redis-server --port "$PORT" --bind 127.0.0.1 --dir "$WORK" --save '' --appendonly no --daemonize yes \
    --tls-port "$TLS_PORT" --tls-cert-file "$WORK/server.crt" --tls-key-file "$WORK/server.key" \
    --tls-ca-cert-file "$WORK/ca.crt" --tls-auth-clients no \
    --logfile "$WORK/redis.log" --enable-debug-command local --loadmodule /usr/lib/redis/modules/redisearch.so
for _ in $(seq 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

echo "== loading: $SESSIONS sessions, $ERRORS error documents, 50 log names, 10/1,000/10,000 toggles"
t0=$(date +%s.%N)
ERROR_PARTS=8 python3 scripts/load_data.py 0 "$SESSIONS" "$ERRORS" 50 10 1000 10000 | redis-cli -p "$PORT" --pipe | tail -1
for k in 0 1 2 3 4 5 6 7; do
    python3 scripts/load_data.py --error-part "$k" 8 0 "$ERRORS" | redis-cli -p "$PORT" --pipe > "$WORK/load-errors-$k.txt" &
done
wait
grep -h "errors:" "$WORK"/load-errors-*.txt | awk -F'[ ,]+' '{e += $2} END {if (e) {print "error documents: " e " load errors"; exit 1}}'
python3 scripts/load_data.py 1 0 0 0 | redis-cli -p "$PORT" --pipe >/dev/null
python3 scripts/load_data.py 2 0 0 50 plain:1000 | redis-cli -p "$PORT" --pipe >/dev/null
python3 scripts/load_data.py 4 0 0 0 | redis-cli -p "$PORT" --pipe >/dev/null
python3 scripts/load_data.py 5 0 0 0 plain:10000 | redis-cli -p "$PORT" --pipe >/dev/null
redis-cli -p "$PORT" -n 0 FT.CREATE bench_anchor_idx STOPWORDS 0 SCHEMA toggleName TEXT toggleValue TEXT \
    fingerPrint TEXT exceptionBody TEXT ts NUMERIC SORTABLE >/dev/null
fig load_seconds "$(python3 -c "print('%.1f' % ($(date +%s.%N) - $t0))")"
fig dbsize0 "$(redis-cli -p "$PORT" -n 0 dbsize)"

echo "== ordo-one/benchmark suite"
FLAGTOP_BENCH_PORT=$PORT FLAGTOP_BENCH_TLS_PORT=$TLS_PORT FLAGTOP_BENCH_TLS_CA=$WORK/ca.crt FLAGTOP_BENCH_FIGURES=$FIG \
    $SWIFT package --disable-sandbox benchmark --format jmh --path "$WORK" --no-progress | tee "$WORK/benchmark.txt"

echo "== anchors"
cc -O2 -o "$WORK/hiredis_anchor" scripts/hiredis_anchor.c -lhiredis
"$WORK/hiredis_anchor" "$PORT" 20000 | sed 's/^/c_/' >> "$FIG"
python3 scripts/log_recent_anchor.py "$PORT" 5000 4 >> "$FIG"
fig lpush_p16_per_s "$(redis-benchmark -p "$PORT" --dbnum 4 -n 200000 -P 16 -c 1 -t lpush --csv | awk -F'"' '/LPUSH/ {print $4}')"
fig ftadd_per_s "$(redis-benchmark -p "$PORT" -n 10000 -c 1 -r 100000000 --csv \
    FT.ADD bench_anchor_idx doc:__rand_int__ 1.0 REPLACE FIELDS toggleName useNewAlgorithm toggleValue True fingerPrint alice \
    exceptionBody 'ValueError: bench' ts 1700000000 | tee "$WORK/ftadd.csv" | awk -F'"' '/FT.ADD/ {print $4}')"

echo "== process-level figures (tmux, release binary)"
python3 scripts/process_bench.py "$BIN" "$PORT" | tee -a "$FIG"

fig total_seconds "$(( $(date +%s) - started ))"
fig loadavg_end "$(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/report.py "$WORK" RESULTS.md
echo "== wrote Benchmarks/RESULTS.md (raw figures: $FIG)"
