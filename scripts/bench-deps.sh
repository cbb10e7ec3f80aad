#!/usr/bin/env bash
# Install what `make bench` needs beyond the build (scripts/deps.sh): the load
# generator and the HTTP server the benchmarks compare ours with. A separate
# list because CI and `make test` need neither. Idempotent; as a user other
# than root it prints the apt-get line and stops.
set -euo pipefail

pkgs=(
  wrk        # the HTTP load generator (bounded runs over loopback)
  nginx-light # the HTTP limit: the same response bytes served from a file
  sqlite3    # the shell, for the database's size and row counts in results.md
)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "make bench needs these Debian packages; run as root:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# nginx's package would start a server on port 80: keep services from starting.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}"
