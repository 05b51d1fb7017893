#!/usr/bin/env bash
# Prints the folder holding a `pulumi` CLI and the `pulumi-resource-pulumi-nodejs` launcher
# that dynamic providers need, for the test suites and the demo.
#
#   scripts/pulumi-cli.sh [VERSION]      (or PULUMI_STRIPE_BILLING_CLI_VERSION=VERSION)
#
# Without a version, a `pulumi` already on PATH is used as it is (a user's machine). Otherwise
# the CLI is built from Pulumi's Go modules — its installers download binaries, which fails on
# machines with no general internet access — into a cache outside the checkout, and later runs
# reuse it. Each buildable version has its module list pinned in pulumi-cli/<version>/ (go.mod
# and go.sum); without a version, the newest of them is built.
#
# Concurrent runs are safe: the build of one version holds a lock on the cache, so a second
# run waits for the first and then reuses its build; a build in progress is never deleted.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launcher="$here/pulumi-resource-pulumi-nodejs"
version="${1:-${PULUMI_STRIPE_BILLING_CLI_VERSION:-}}"

if [ -z "$version" ] && command -v pulumi >/dev/null 2>&1 && [ -z "${PULUMI_STRIPE_BILLING_BUILD_CLI:-}" ]; then
  bin="$(dirname "$(command -v pulumi)")"
  if ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
    # Pulumi's own installs carry the launcher; a bare binary may not.
    shim="${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing/launcher"
    mkdir -p "$shim" && cp "$launcher" "$shim/" && chmod +x "$shim/pulumi-resource-pulumi-nodejs"
    ln -sf "$(command -v pulumi)" "$shim/pulumi"
    bin="$shim"
  fi
  echo "$bin"
  exit 0
fi

# Without a version: the newest pinned one (version numbers sort as dotted integers).
pinned="$(ls "$here/pulumi-cli" | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -t. -k1,1n -k2,2n -k3,3n)"
[ -n "$version" ] || version="$(printf '%s\n' "$pinned" | tail -n 1)"
version="${version#v}"
[ -f "$here/pulumi-cli/$version/go.mod" ] || {
  echo "pulumi-cli.sh: no pinned module list for Pulumi CLI $version (have: $(echo $pinned))" >&2
  exit 1
}

cache="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/pulumi-cli/$version"
# pulumi's own go.mod is not in the checksum database for every release: its hashes are pinned
# in pulumi-cli/<version>/go.sum instead.
build() {
  mkdir -p "$1/bin"
  (cd "$here/pulumi-cli/$version" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GONOSUMDB='github.com/pulumi/*' \
    go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$1/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
}
# shellcheck source=cached-build.sh
source "$here/cached-build.sh"
cached_build "Pulumi CLI $version" "$cache" bin/pulumi build
cmp -s "$launcher" "$cache/bin/pulumi-resource-pulumi-nodejs" ||
  install -m 0755 "$launcher" "$cache/bin/pulumi-resource-pulumi-nodejs"
echo "$cache/bin"
