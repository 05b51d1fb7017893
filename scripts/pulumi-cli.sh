#!/usr/bin/env bash
# Prints the folder holding a `pulumi` CLI and the `pulumi-resource-pulumi-nodejs` launcher
# that dynamic providers need, for the test suites and the demo.
#
# A `pulumi` already on PATH is used as it is (a user's machine). Otherwise the CLI is built
# from Pulumi's Go modules — its installers download binaries, which fails on machines with no
# general internet access — into a cache outside the checkout, and later runs reuse it. The
# version is the one `pulumi-cli/go.mod` requires.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
launcher="$here/pulumi-resource-pulumi-nodejs"

if command -v pulumi >/dev/null 2>&1 && [ -z "${PULUMI_STRIPE_BILLING_BUILD_CLI:-}" ]; then
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

version="$(sed -n 's#^\(require\)\{0,1\}[[:space:]]*github.com/pulumi/pulumi/pkg/v3 v\([0-9.]*\).*#\2#p' "$here/pulumi-cli/go.mod" | head -n 1)"
[ -n "$version" ] || { echo "pulumi-cli.sh: no pulumi/pkg/v3 version in pulumi-cli/go.mod" >&2; exit 1; }
cache="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/pulumi-cli/$version"
if [ ! -x "$cache/bin/pulumi" ]; then
  command -v go >/dev/null 2>&1 || { echo "pulumi-cli.sh: no pulumi on PATH and no Go toolchain to build one" >&2; exit 1; }
  echo "pulumi-cli.sh: building the Pulumi CLI $version from its Go modules (cached in $cache)..." >&2
  started=$(date +%s)
  mkdir -p "$(dirname "$cache")"
  tmp="$(mktemp -d "$(dirname "$cache")/.build-XXXXXX")"
  trap 'rm -rf "$tmp"' EXIT
  mkdir -p "$tmp/bin"
  # pulumi's own go.mod is not in the checksum database for every release: its hashes are
  # pinned in pulumi-cli/go.sum instead.
  (cd "$here/pulumi-cli" && GOTOOLCHAIN=local GOFLAGS=-mod=mod GONOSUMDB='github.com/pulumi/*' \
    go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  # An interrupted build never leaves a half-written cache behind: the folder appears whole.
  rm -rf "$cache"
  mv "$tmp" "$cache"
  trap - EXIT
  echo "pulumi-cli.sh: built in $(( $(date +%s) - started )) s" >&2
fi
install -m 0755 "$launcher" "$cache/bin/pulumi-resource-pulumi-nodejs"
echo "$cache/bin"
