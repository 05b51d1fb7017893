#!/usr/bin/env bash
# The Go SDK as a user gets it, following README's "SDKs for other languages": generates it from
# schema.json with `pulumi package gen-sdk --language go`, makes its folder a module with
# README's `go mod` lines, builds and vets it against github.com/pulumi/pulumi/sdk/v3 of the
# CLI's release, then builds a small program on it (go-sdk/program/main.go: a ShippingRate and
# the BillingSetup component) in its own module, with README's `require`/`replace` line. The
# program is built, not run. Everything happens in a temporary folder, removed on exit.
#
#   scripts/go-sdk.sh
#
# gen-sdk hands Go code generation to the Go language host, pulumi-language-go. Pulumi's
# installers ship it with the CLI; where there is none on PATH, the stand-in in
# go-sdk/language-host (the real one's module is not served by the Go module proxy CI reaches)
# is built once into a cache outside the checkout, like the CLI (scripts/pulumi-cli.sh), and
# later runs reuse it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
# The release of the CLI, its Go SDK and the stand-in's Pulumi modules (language-host/go.mod).
version=3.276.0

# Like the other Go builds here: the Go on PATH, never a toolchain fetched on the fly, and
# Pulumi's modules checked against go.sum rather than the checksum database.
export GOTOOLCHAIN=local GONOSUMDB='github.com/pulumi/*'

bin="$(bash "$here/pulumi-cli.sh")"

if command -v pulumi-language-go >/dev/null 2>&1; then
  langhost="$(dirname "$(command -v pulumi-language-go)")"
else
  # The cache folder is named by version; inside it, the build sits in a folder named by a hash
  # of the stand-in's sources, so an edit to them makes the next run rebuild it.
  src="$here/go-sdk/language-host"
  stamp="$(cat "$src/main.go" "$src/go.mod" "$src/go.sum" | sha256sum | cut -c1-12)"
  cache="${PULUMI_STRIPE_BILLING_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-stripe-billing}/pulumi-language-go/$version"
  build() {
    (cd "$src" && go build -trimpath \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$1/$stamp/pulumi-language-go" .)
  }
  # In a subshell: cached_build's lock and its EXIT trap end with it, leaving this script's own.
  langhost="$(
    # shellcheck source=cached-build.sh
    source "$here/cached-build.sh"
    cached_build "stand-in Go language host $version" "$cache" "$stamp/pulumi-language-go" build
    echo "$cache/$stamp"
  )"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The CLI as a user runs it, but with its own plugin folder and state, and nothing downloaded.
# It finds the language host on PATH (and says so: "warning: using pulumi-language-go from $PATH").
echo "-- pulumi package gen-sdk schema.json --language go --out sdk"
(
  cd "$work"
  PATH="$langhost:$bin:$PATH" PULUMI_HOME="$work/pulumi-home" PULUMI_SKIP_UPDATE_CHECK=true \
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
    pulumi package gen-sdk "$root/schema.json" --language go --out "$work/sdk"
)
# schema.json's language.go.importBasePath puts the package in sdk/go/stripebilling.
[ -f "$work/sdk/go/stripebilling/shippingRate.go" ] || {
  echo "go-sdk.sh: no sdk/go/stripebilling/shippingRate.go; does schema.json set" \
    "language.go.importBasePath (npm run generate)? Generated:" >&2
  (cd "$work/sdk" && find . -type f | sort | head -n 20) >&2
  exit 1
}
files="$(find "$work/sdk/go" -type f | wc -l)"

# README: make the generated folder a module on the CLI's Go SDK (its `go mod edit … && go mod
# tidy` as two lines, so that set -e stops at either).
echo "-- sdk/go: go mod init, go mod tidy, go build, go vet"
(
  cd "$work/sdk/go"
  [ -f go.mod ] || go mod init pulumi-stripe-billing/sdk/go
  go mod edit -require=github.com/pulumi/pulumi/sdk/v3@v$version
  go mod tidy
  go build ./...
  go vet ./...
)

# README: a program's module requires the SDK's and points a replace directive at its folder.
echo "-- program: go mod edit -require/-replace, go mod tidy, go build"
mkdir "$work/program"
cp "$here/go-sdk/program/main.go" "$work/program/"
(
  cd "$work/program"
  go mod init stripe-billing-go-program
  go mod edit -require=pulumi-stripe-billing/sdk/go@v0.0.0 -replace=pulumi-stripe-billing/sdk/go=../sdk/go
  go mod tidy
  go build -o "$work/program-bin" .
)

echo "go-sdk: generated $files files (pulumi-stripe-billing/sdk/go/stripebilling), built and vet clean" \
  "against github.com/pulumi/pulumi/sdk/v3 v$version; program built"
