/** The emulator on an ephemeral port per test file, with the official SDK pointed at it. */
import * as fs from "node:fs";
import * as path from "node:path";
import Stripe from "stripe";
import { startEmulator, type Emulator } from "../../emulator";
import { shapeViolations } from "../../emulator/shapes";

export const KEY = "sk_test_emulatorsuite000000000";

export function useEmulatorWithSdk(): { emulator: Emulator; sdk: Stripe; url: string; raw: typeof raw } {
  const ctx = {} as { emulator: Emulator; sdk: Stripe; url: string; raw: typeof raw };
  beforeAll(async () => {
    ctx.emulator = await startEmulator({ port: 0 });
    const url = new URL(ctx.emulator.url);
    ctx.url = ctx.emulator.url;
    ctx.sdk = new Stripe(KEY, {
      host: url.hostname,
      port: Number(url.port),
      protocol: "http",
      maxNetworkRetries: 0,
    });
  });
  afterAll(() => ctx.emulator?.close());
  beforeEach(() => ctx.emulator.reset());
  // Every successful response has exactly the keys of the SDK's type for it, recursively.
  afterEach(() => {
    const violations = ctx.emulator
      .requests()
      .filter((r) => r.status === 200 && r.response)
      .flatMap((r) => shapeViolations(JSON.parse(r.response!)).map((v) => `${r.method} ${r.path} ${v}`));
    expect([...new Set(violations)]).toEqual([]);
  });
  ctx.raw = raw;
  return ctx;
}

/** A request exactly as written, for what the SDK would not send. */
export async function raw(
  url: string,
  method: string,
  path: string,
  body = "",
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; headers: Headers }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${KEY}`,
      "content-type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body: method === "GET" ? undefined : body,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A customer and a monthly recurring price of a product, as schedules and portals need. */
export async function catalog(sdk: Stripe) {
  const product = await sdk.products.create({ name: "Pro" });
  const price = await sdk.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 3000,
    recurring: { interval: "month" },
  });
  const customer = await sdk.customers.create({ email: "jo@example.com" });
  return { product, price, customer };
}

/** The keys of Stripe's sample object (test/emulator/fixtures/<name>.json), sorted. */
export function sampleKeys(name: string): string[] {
  return Object.keys(
    JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8")),
  ).sort();
}
