/**
 * `stripe-billing validate`: checks a YAML billing spec offline, for a pull-request check.
 */
import { checkBillingSpec, formatIssue, type SpecCheck } from "../spec";

export const VALIDATE_USAGE = `usage: stripe-billing validate FILE [--environment NAME] [--config NAME=VALUE ...]

Checks a YAML billing spec offline (no Stripe key): reads FILE and, with --environment, the
overlay beside it (billing.yaml + live → billing.live.yaml), merges them (maps merge, lists
replace, null removes), checks every entry with its resource's schema and resolves the
references between entries. Prints one line per problem, \`file:line:col path: reason\`, and
exits with 1 when there is any (2 for a usage error).

  --environment NAME   also read the environment's overlay (e.g. the stack name)
  --config NAME=VALUE  a value for \`\${config:NAME}\`; values not given are not checked

example:
  npx stripe-billing validate billing.yaml --environment live
`;

export function runValidate(argv: string[]): number {
  let file: string | undefined;
  let environment: string | undefined;
  const config: Record<string, string> = {};
  const usage = (message: string) => {
    process.stderr.write(`stripe-billing validate: ${message}\n\n${VALIDATE_USAGE}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const option = (name: string) =>
      arg.includes("=") && arg.startsWith(`${name}=`) ? arg.slice(name.length + 1) : argv[++i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(VALIDATE_USAGE);
      return 0;
    } else if (arg === "--environment" || arg.startsWith("--environment=")) {
      environment = option("--environment");
      if (!environment) return usage("--environment takes a name");
    } else if (arg === "--config" || arg.startsWith("--config=")) {
      const pair = option("--config") ?? "";
      const eq = pair.indexOf("=");
      if (eq < 1) return usage("--config takes NAME=VALUE");
      config[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg.startsWith("-")) {
      return usage(`unknown option ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      return usage("one spec file at most");
    }
  }
  if (file === undefined) return usage("give the spec file");
  let result: SpecCheck;
  try {
    result = checkBillingSpec(file, { environment, config });
  } catch (err) {
    process.stderr.write(`stripe-billing validate: ${(err as Error).message}\n`);
    return 1;
  }
  if (result.issues.length > 0) {
    process.stdout.write(result.issues.map((i) => `${formatIssue(i)}\n`).join(""));
    process.stderr.write(`${result.issues.length} problem(s) in ${result.files.join(" + ")}\n`);
    return 1;
  }
  const spec = result.spec!;
  process.stdout.write(`${spec.files.join(" + ")}: ${spec.entries.length} entries, valid\n`);
  return 0;
}
