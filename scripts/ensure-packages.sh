#!/usr/bin/env bash
# Installs the Debian packages flagtop builds and tests with, when any is missing.
set -euo pipefail
packages=(redis-server redis-redisearch redis-tools libhiredis-dev libssl-dev openssl libncursesw5-dev pkg-config tmux unzip)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
fi
# The interop tests run the seeds' Python log_recent with redis-py.
if ! python3 -c 'import redis' 2>/dev/null; then
    python3 -m pip install -q redis 2>/dev/null || pip3 install -q redis || { apt-get install -y -q python3-redis || true; }
fi
# The search-2.x tests run Redis Stack from PyPI, cached outside the repository (see the script). A failure
# here does not stop the build or the demo; the search-2.x tests then fail naming what is missing.
if ! "$(dirname "$0")/ensure-redis-stack.sh" >/dev/null; then
    echo "warning: Redis Stack (search 2.x) could not be installed; the search-2.x tests will fail" >&2
fi
# The Debian package may start a system redis-server; flagtop's tests never use it.
exit 0
