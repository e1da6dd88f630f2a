#!/usr/bin/env bash
# Builds what `make test` builds (`make build-tests`: same command, same environment, same build directory, so
# the build `make test` starts next is a no-op) and fails when the compiler printed any warning.
# On a clean tree (CI) every file is compiled and checked; locally, only what the build recompiles is.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
make --no-print-directory build-tests 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo "check-warnings: the build failed (status $status)" >&2
    exit "$status"
fi
# One line per warning: the diagnostic itself, not the source excerpt the compiler prints under it.
warnings=$(grep -E '(^|: )warning: ' "$log" | grep -vE '^[[:space:]]*[0-9]*[[:space:]]*\|' | sort -u)
if [ -n "$warnings" ]; then
    echo "check-warnings: $(printf '%s\n' "$warnings" | wc -l) compiler warning(s):" >&2
    printf '%s\n' "$warnings" >&2
    exit 1
fi
echo "check-warnings: no compiler warnings"
