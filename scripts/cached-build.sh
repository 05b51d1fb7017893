# Sourced by scripts/pulumi-cli.sh and scripts/stripe-mock.sh: builds one version of a tool from
# its Go modules into a cache folder outside the checkout, once, for later runs to reuse.
#
#   cached_build LABEL FOLDER PRODUCT BUILD...
#
# Unless FOLDER (…/<tool>/<version>) already holds the executable PRODUCT (a path inside it),
# runs BUILD with a fresh folder appended as its last argument and moves that folder into place.
#
# Concurrent runs are safe: the build of one version holds a lock on the cache, so a second run
# waits for the first and then reuses its build; a build in progress is never deleted. The lock
# is held until the calling script exits.
cached_build() {
  local label="$1" product="$3" started
  _cb_cache="$2"
  shift 3
  local root="${_cb_cache%/*}" me="${0##*/}"
  mkdir -p "$root"

  # One build per version at a time, across processes: flock where it exists (Linux), else an
  # atomic mkdir (macOS), released on exit.
  _cb_lock="$root/.lock-${_cb_cache##*/}"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$_cb_lock"
    flock -n 9 || { echo "$me: waiting for another build of $label..." >&2; flock 9; }
  else
    until mkdir "$_cb_lock.d" 2>/dev/null; do sleep 2; done
    trap 'rmdir "$_cb_lock.d"' EXIT
  fi

  [ ! -x "$_cb_cache/$product" ] || return 0
  command -v go >/dev/null 2>&1 || { echo "$me: no Go toolchain to build $label" >&2; return 1; }
  echo "$me: building $label from its Go modules (cached in $_cb_cache)..." >&2
  started=$(date +%s)
  _cb_tmp="$(mktemp -d "$root/.build-${_cb_cache##*/}-XXXXXX")"
  # The build folder is this run's own: removing it on failure touches no one else's.
  trap 'rm -rf "$_cb_tmp"; [ -d "$_cb_lock.d" ] && rmdir "$_cb_lock.d" || true' EXIT
  "$@" "$_cb_tmp"
  # Under the lock, nobody else uses the cache folder: an interrupted earlier build left at most
  # a folder without the product, and the new one appears whole.
  rm -rf "$_cb_cache"
  mv "$_cb_tmp" "$_cb_cache"
  echo "$me: built in $(($(date +%s) - started)) s" >&2
}
