#!/usr/bin/env bash
# The package as a user gets it before it is published, following README's "Use it" to the
# letter: `npm pack`, then in a fresh project its `npm install` line (with this tarball's path),
# its program as index.ts compiled with the examples' tsconfig under TypeScript 5 and 6, its
# `pulumi config set --secret` line, and `pulumi up` against the emulator the package ships
# (`npx stripe-billing emulator`).
# Then the provider plugin both ways README's "Installing the plugin" gives — node_modules/.bin
# on PATH, and the plugin cache from a global install — each running README's Pulumi YAML
# program with plain `pulumi up`, `preview` and `destroy`. Run by CI after `npm run build`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$(bash "$root/scripts/pulumi-cli.sh")"
yaml_host="$(bash "$root/scripts/pulumi-language-yaml.sh")"
work="$(mktemp -d)"
emulator_pid=""
stop_emulator() {
  [ -z "$emulator_pid" ] || kill -- "-$emulator_pid" 2>/dev/null || true
  emulator_pid=""
}
cleanup() {
  stop_emulator
  rm -rf "$work"
}
trap cleanup EXIT

# README's "Use it" section: its shell lines and its TypeScript program.
use_it="$(sed -n '/^## Use it/,/^### /p' "$root/README.md")"
install_line="$(printf '%s\n' "$use_it" | grep -m1 '^npm install .*\.tgz ')"
config_line="$(printf '%s\n' "$use_it" | grep -m1 '^pulumi config set --secret ')"
program="$(printf '%s\n' "$use_it" | sed -n '/^```ts$/,/^```$/p' | sed '1d;$d')"
[ -n "$install_line" ] && [ -n "$config_line" ] && [ -n "$program" ] || {
  echo "check-install.sh: README's \"Use it\" lost its install line, config line or program" >&2
  exit 1
}

tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)"
app="$work/billing"
mkdir -p "$app"
cd "$app"
printf '{ "name": "billing", "private": true }\n' >package.json
printf 'name: billing\nruntime: nodejs\n' >Pulumi.yaml
cp "$root/examples/quickstart/tsconfig.json" tsconfig.json
printf '%s\n' "$program" >index.ts

echo "-- $install_line"
read -r -a words <<<"$install_line"
for i in "${!words[@]}"; do
  case "${words[$i]}" in *.tgz) words[$i]="$work/$tarball" ;; esac
done
"${words[@]}" --no-audit --no-fund --loglevel=error

for ts in 5.9.3 6.0.3; do
  echo "-- tsc (TypeScript $ts) with examples/quickstart/tsconfig.json"
  npm exec --yes --package="typescript@$ts" -- tsc -p . --noEmit
done
npm exec --yes --package=typescript@5.9.3 -- tsc -p . --outDir build

# The emulator the package ships, on a free port: a fresh Stripe account for each program.
start_emulator() {
  stop_emulator
  # In a session of its own: npx runs the emulator as a child, and both must stop.
  (cd "$app" && exec setsid npx stripe-billing emulator --port 0) >"$work/emulator.out" &
  emulator_pid=$!
  url=""
  for _ in $(seq 1 100); do
    url="$(sed -n 's/^Stripe emulator listening on //p' "$work/emulator.out")"
    [ -z "$url" ] || break
    sleep 0.1
  done
  [ -n "$url" ] || { echo "check-install.sh: the emulator did not start" >&2; exit 1; }
}
start_emulator

export PATH="$bin:$PATH" PULUMI_HOME="$work/pulumi-home" PULUMI_BACKEND_URL="file://$work/state?metadata=skip"
export PULUMI_CONFIG_PASSPHRASE=check-install PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$work/state"
pulumi stack init dev --non-interactive >/dev/null
echo "-- ${config_line}"
${config_line/sk_test_.../sk_test_checkinstall}
pulumi config set stripe-billing:apiBase "$url"

# No Node.js language host is installed here: the program runs in-process through the
# Automation API of the project's own @pulumi/pulumi, like an inline program.
echo "-- pulumi up"
node - <<'EOF'
const path = require("path");
const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
// The program runs afresh on every operation, as a language host would run it.
const entry = require.resolve("./build/index.js", { paths: [process.cwd()] });
const program = async () => {
  delete require.cache[entry];
  return { ...require(entry) };
};
(async () => {
  const pulumiCommand = await PulumiCommand.get({
    root: path.dirname(process.env.PATH.split(path.delimiter)[0]),
    skipVersionCheck: true,
  });
  const stack = await LocalWorkspace.selectStack(
    { stackName: "dev", projectName: "billing", program },
    { workDir: process.cwd(), pulumiCommand },
  );
  const up = await stack.up({ onOutput: (s) => process.stdout.write(s) });
  const ground = (await stack.outputs()).ground?.value;
  if (up.summary.result !== "succeeded" || !/^shr_/.test(String(ground))) {
    throw new Error(`pulumi up did not create the shipping rate: ${JSON.stringify(up.summary)}`);
  }
  await stack.preview({ expectNoChanges: true });
  await stack.destroy();
  console.log(`check-install: README's program created ${ground}, previewed no changes, destroyed.`);
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
EOF

# README's "Installing the plugin" and "A Pulumi YAML program".
plugin_docs="$(sed -n '/^### Installing the plugin/,/^### SDKs/p' "$root/README.md")"
global_line="$(printf '%s\n' "$plugin_docs" | grep -m1 '^npm install --global ')"
plugin_line="$(printf '%s\n' "$plugin_docs" | sed -n '/^pulumi plugin install /{N;s/ *\\\n */ /;p;q}')"
yaml_program="$(printf '%s\n' "$plugin_docs" | sed -n '/^```yaml$/,/^```$/p' | sed '1d;$d')"
[ -n "$global_line" ] && [ -n "$plugin_line" ] && [ -n "$yaml_program" ] || {
  echo "check-install.sh: README's \"Installing the plugin\" lost its install lines or its YAML program" >&2
  exit 1
}

# README's YAML program with the billing spec of examples/yaml-program, up, previewed, destroyed.
run_yaml_program() {
  local dir="$work/yaml-$1"
  start_emulator
  mkdir -p "$dir"
  printf '%s\n' "$yaml_program" >"$dir/Pulumi.yaml"
  cp "$root/examples/yaml-program/billing.yaml" "$dir/"
  (
    cd "$dir"
    export PULUMI_BACKEND_URL="file://$work/state-$1?metadata=skip"
    mkdir -p "$work/state-$1"
    pulumi stack init dev --non-interactive >/dev/null
    pulumi config set --secret stripe-billing:apiKey sk_test_checkinstall
    pulumi config set stripe-billing:apiBase "$url"
    pulumi up --yes --non-interactive --skip-preview >"$dir/up.out" 2>&1 || { cat "$dir/up.out" >&2; exit 1; }
    ground="$(pulumi stack output groundId)"
    [[ "$ground" == shr_* ]] || { echo "check-install.sh: no shipping rate from the YAML program ($1)" >&2; exit 1; }
    pulumi preview --expect-no-changes --non-interactive >"$dir/preview.out" 2>&1 || { cat "$dir/preview.out" >&2; exit 1; }
    pulumi destroy --yes --non-interactive --skip-preview >/dev/null
    echo "check-install: the plugin $2 served README's YAML program: created $ground, previewed no changes, destroyed."
  )
}

export PATH="$yaml_host:$PATH"
echo "-- the plugin from node_modules/.bin on PATH"
PATH="$app/node_modules/.bin:$PATH" run_yaml_program path "from PATH"

echo "-- $global_line"
read -r -a words <<<"$global_line"
words[-1]="$work/$tarball"
prefix="$work/stripe-billing-plugin"
for i in "${!words[@]}"; do words[$i]="${words[$i]/#\~\/stripe-billing-plugin/$prefix}"; done
"${words[@]}" --no-audit --no-fund --loglevel=error
echo "-- $plugin_line"
read -r -a words <<<"$plugin_line"
version="$(node -p "require('$root/package.json').version")"
[ "${words[5]}" = "$version" ] || {
  echo "check-install.sh: README installs the plugin as version ${words[5]}, the package is $version" >&2
  exit 1
}
for i in "${!words[@]}"; do words[$i]="${words[$i]/#\~\/stripe-billing-plugin/$prefix}"; done
"${words[@]}"
[ -z "$(command -v pulumi-resource-stripe-billing || true)" ] || {
  echo "check-install.sh: pulumi-resource-stripe-billing is on PATH; the plugin cache is not what is tested" >&2
  exit 1
}
run_yaml_program cache "from the plugin cache"
