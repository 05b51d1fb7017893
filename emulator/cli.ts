/**
 * `stripe-billing emulator [--port 12111] [--host 127.0.0.1] [--rate-limit N]`
 */
import { startEmulator } from "./index";

export const EMULATOR_USAGE = `usage: stripe-billing emulator [--port 12111] [--host 127.0.0.1] [--rate-limit N]

Runs the local Stripe emulator until interrupted (Ctrl-C): a stateful HTTP server that speaks
Stripe's wire format, errors, idempotency, list pagination and rate limits. Any key of the
form sk_test_…, rk_test_… (or live) is accepted; test and live mode, and each Stripe-Account, are kept
apart. Nothing is stored on disk.

It serves customers, products, prices, shipping rates, customer portal configurations, tax
settings, tax registrations, subscription schedules (and the subscriptions they start).

options:
  --port N         port to listen on (default 12111; 0 picks a free one)
  --host ADDRESS   address to listen on (default 127.0.0.1)
  --rate-limit N   requests per second per mode before Stripe's 429 (default: unlimited)

seed it through the API itself, e.g.:
  curl -u sk_test_local: http://127.0.0.1:12111/v1/products -d name=Pro
  curl -u sk_test_local: http://127.0.0.1:12111/v1/prices -d product=prod_… \\
       -d currency=usd -d unit_amount=2000 -d "recurring[interval]=month"

use it:
  STRIPE_API_BASE=http://127.0.0.1:12111 STRIPE_API_KEY=sk_test_local pulumi up
`;

const FLAGS: Record<string, string> = {
  "--port": "a port number, e.g. --port 12111",
  "--host": "an address, e.g. --host 127.0.0.1",
  "--rate-limit": "requests per second, e.g. --rate-limit 25",
};

/** Runs the emulator until SIGINT or SIGTERM; resolves the process's exit code. */
export async function runEmulatorCli(argv: string[]): Promise<number> {
  const options = { port: 12111, host: "127.0.0.1", rateLimit: undefined as number | undefined };
  const fail = (message: string) => {
    process.stderr.write(`stripe-billing emulator: ${message}\n\n${EMULATOR_USAGE}`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    if (flag === "--help" || flag === "-h") {
      process.stdout.write(EMULATOR_USAGE);
      return 0;
    }
    let value: string | undefined;
    if (flag.includes("="))
      [flag, value] = [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)];
    if (!(flag in FLAGS)) return fail(`unknown option ${flag}`);
    if (value === undefined) {
      value = argv[i + 1];
      i++;
    }
    if (value === undefined || value === "" || value.startsWith("--")) {
      return fail(`${flag} needs a value: ${FLAGS[flag]}`);
    }
    if (flag === "--host") {
      options.host = value;
      continue;
    }
    const n = Number(value);
    if (flag === "--port" && (!Number.isInteger(n) || n < 0 || n > 65535)) {
      return fail(`--port takes a port number from 0 to 65535, not ${JSON.stringify(value)}`);
    }
    if (flag === "--rate-limit" && (!Number.isFinite(n) || n <= 0)) {
      return fail(
        `--rate-limit takes a positive number of requests per second, not ${JSON.stringify(value)}`,
      );
    }
    if (flag === "--port") options.port = n;
    else options.rateLimit = n;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`Stripe emulator listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => emulator.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  return 0;
}
