#!/usr/bin/env bash
# Prints the path of a stripe-mock binary: Stripe's own mock server, which checks each request
# against Stripe's published OpenAPI spec (bundled in the binary). scripts/stripe-mock-replay.ts
# replays the provider's recorded writes on it, a second judge beside the emulator.
#
#   scripts/stripe-mock.sh [VERSION]      (or PULUMI_STRIPE_BILLING_STRIPE_MOCK_VERSION=VERSION)
#
# It is built from its Go module with `go install` (Stripe ships binaries and a container image,
# neither of which a machine without general internet access can fetch) into a cache outside
# the checkout, and later runs reuse it.
#
# Concurrent runs are safe: the build of one version holds a lock on the cache, so a second
# run waits for the first and then reuses its build; a build in progress is never deleted.
set -euo pipefail

# The version whose spec scripts/stripe-mock-differences.json is written against.
version="${1:-${PULUMI_STRIPE_BILLING_STRIPE_MOCK_VERSION:-0.203.0}}"
version="${version#v}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/stripe-mock/$version"
# GOTOOLCHAIN=local: the Go on PATH builds it, never a toolchain fetched on the fly.
build() { GOTOOLCHAIN=local GOBIN="$1" go install -trimpath -ldflags "-s -w" "github.com/stripe/stripe-mock@v$version"; }
# shellcheck source=cached-build.sh
source "$here/cached-build.sh"
cached_build "stripe-mock $version" "$cache" stripe-mock build
echo "$cache/stripe-mock"
