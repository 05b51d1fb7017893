#!/usr/bin/env bash
# Prints the folder holding `pulumi-language-yaml`, the Pulumi YAML language host: the CLI runs
# a `runtime: yaml` program through it (examples/yaml-program and its end-to-end suite).
#
#   scripts/pulumi-language-yaml.sh [VERSION]   (or PULUMI_STRIPE_BILLING_YAML_VERSION=VERSION)
#
# Pulumi's installers download binaries, which fails on machines with no general internet
# access, so it is built from its Go module (github.com/pulumi/pulumi-yaml) with `go install`
# into a cache outside the checkout, and later runs reuse it. A `pulumi-language-yaml` already
# on PATH is used as it is when no version is asked for (a user's machine).
#
# Concurrent runs are safe: the build of one version holds a lock on the cache, so a second
# run waits for the first and then reuses its build; a build in progress is never deleted.
set -euo pipefail

version="${1:-${PULUMI_STRIPE_BILLING_YAML_VERSION:-}}"
if [ -z "$version" ] && command -v pulumi-language-yaml >/dev/null 2>&1; then
  dirname "$(command -v pulumi-language-yaml)"
  exit 0
fi
version="${version:-1.25.0}"
version="${version#v}"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/pulumi-language-yaml/$version"
# GOTOOLCHAIN=local: the Go on PATH builds it, never a toolchain fetched on the fly.
build() {
  GOTOOLCHAIN=local GONOSUMDB='github.com/pulumi/*' GOBIN="$1" \
    go install -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=v$version" \
    "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$version"
}
# shellcheck source=cached-build.sh
source "$here/cached-build.sh"
cached_build "Pulumi YAML language host $version" "$cache" pulumi-language-yaml build
echo "$cache"
