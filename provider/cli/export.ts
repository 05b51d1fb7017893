/**
 * `stripe-billing export`: prints an account's billing setup as a YAML billing spec, through
 * the package's own Stripe client (same retries, rate limiter, headers and pinned version).
 * Read-only: it sends GET requests and nothing else.
 */
import * as fs from "node:fs";
import { StripeBillingError, redactSecrets } from "../errors";
import { exportBillingSpec, type ExportSource } from "../spec/export";
import { formatIssue } from "../spec/document";
import { StripeClient } from "../stripe/client";
import { resolveSettings } from "../stripe/settings";
import type { RemoteObject } from "../engine/declaration";

export const EXPORT_USAGE = `usage: stripe-billing export [--account acct_…] [--out FILE] [--include-schedules] [--no-adopt-ids] [--api-base URL]

Reads the account of STRIPE_API_KEY and prints its billing setup as a YAML billing spec (the
format \`stripe-billing validate\` checks): active products and prices, active shipping rates,
active portal configurations, tax settings (when set), active and scheduled tax registrations,
and with --include-schedules the subscription schedules that have not ended. Each entry
carries the adoptId of its object, so the first \`pulumi up\` adopts it instead of creating
another. Only reads (GET requests); a live key is accepted.

  --account acct_…      a connected account (default: STRIPE_ACCOUNT, else the key's own)
  --out FILE            write the spec to FILE instead of standard output
  --include-schedules   also export subscription schedules (not started or active)
  --no-adopt-ids        leave adoptId out, to create the same setup in another account
  --api-base URL        the API address (default: STRIPE_API_BASE, else Stripe's), e.g. the
                        local emulator http://127.0.0.1:12111

Notes (objects named by id or lookup key because they are not exported) go to standard error
and into the spec as comments. Exits 1 on an error (no key, a key Stripe refuses).

example:
  STRIPE_API_KEY=rk_live_… npx stripe-billing export --out billing.yaml
`;

export async function runExport(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let account: string | undefined;
  let out: string | undefined;
  let apiBase: string | undefined;
  let includeSchedules = false;
  let adoptIds = true;
  const usage = (message: string) => {
    process.stderr.write(`stripe-billing export: ${message}\n\n${EXPORT_USAGE}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf("=");
    const name = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (eq > 0 && arg.startsWith("--") ? arg.slice(eq + 1) : argv[++i]);
    switch (name) {
      case "--help":
      case "-h":
        process.stdout.write(EXPORT_USAGE);
        return 0;
      case "--account":
        account = value();
        if (!account || !/^acct_[A-Za-z0-9]+$/.test(account))
          return usage("--account takes an account id (acct_…)");
        break;
      case "--out":
        out = value();
        if (!out) return usage("--out takes a file name");
        break;
      case "--api-base":
        apiBase = value();
        if (!apiBase || !/^https?:\/\//.test(apiBase)) return usage("--api-base takes an http(s) URL");
        break;
      case "--include-schedules":
        includeSchedules = true;
        break;
      case "--no-adopt-ids":
        adoptIds = false;
        break;
      default:
        return usage(arg.startsWith("-") ? `unknown option ${arg}` : `unexpected argument ${arg}`);
    }
  }
  try {
    const settings = resolveSettings(
      // Reading is safe in live mode: the live-mode guard is for writes.
      { allowLiveMode: "true", ...(apiBase ? { apiBase } : {}) },
      env,
      { stripeAccount: account },
    );
    const result = await exportBillingSpec(clientSource(new StripeClient(settings)), {
      adoptIds,
      includeSchedules,
    });
    if (out) fs.writeFileSync(out, result.text);
    else process.stdout.write(result.text);
    for (const note of result.notes) {
      process.stderr.write(`note: ${note.path ? `${note.path.join(".")}: ` : ""}${note.message}\n`);
    }
    const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
    if (result.issues.length > 0) {
      process.stderr.write(
        `stripe-billing export: the spec does not validate (Stripe holds values the schemas refuse):\n${result.issues.map((i) => `  ${formatIssue(i)}\n`).join("")}`,
      );
      return 1;
    }
    if (out) process.stderr.write(`${out}: ${total} entries\n`);
    return 0;
  } catch (err) {
    const code = err instanceof StripeBillingError ? `[${err.code}] ` : "";
    const message = err instanceof Error ? err.message : String(err);
    const hint =
      err instanceof StripeBillingError && err.code === "missing_api_key"
        ? "No Stripe API key: set STRIPE_API_KEY (a restricted key with read access is enough)."
        : message;
    process.stderr.write(`stripe-billing export: ${code}${redactSecrets(hint)}\n`);
    return 1;
  }
}

/** Read-only calls through the client: every page of a list, and single objects. */
export function clientSource(client: StripeClient): ExportSource {
  return {
    async list(path, params) {
      const objects: RemoteObject[] = [];
      for await (const object of client.list<RemoteObject & { id: string }>(path, params))
        objects.push(object);
      return objects;
    },
    get: (path) => client.get<RemoteObject>(path),
  };
}
