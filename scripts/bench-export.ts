/**
 * `npm run bench`, export: `stripe-billing export` of an emulated account holding 500 objects —
 * 100 products, 300 prices (lookup keys, a second currency), 90 shipping rates and 10 portal
 * configurations listing products and prices — through the package's client at the test-mode
 * rate limit. Prints the requests it took (lists of 100, no retrieve per object) and the time.
 */
import { startEmulator } from "../emulator";
import { clientSource } from "../provider/cli/export";
import { collectionPattern } from "../provider/engine/declaration";
import { exportBillingSpec } from "../provider/spec/export";
import { declarations } from "../provider/resources";
import { StripeClient } from "../provider/stripe/client";
import { encodeForm, type FormParams } from "../provider/stripe/encode";
import { resolveSettings } from "../provider/stripe/settings";

const KEY = "sk_test_benchexport00000000000";

export async function benchExport(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const post = async (path: string, params: FormParams) => {
      const res = await fetch(`${emulator.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: encodeForm(params),
      });
      if (!res.ok) throw new Error(`${path}: ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const prices: string[][] = [];
    for (let p = 0; p < 100; p++) {
      await post("/v1/products", { id: `plan-${p}`, name: `Plan ${p}` });
      prices.push([]);
    }
    for (let i = 0; i < 300; i++) {
      const price = await post("/v1/prices", {
        product: `plan-${i % 100}`,
        currency: "usd",
        unit_amount: 100 + i,
        recurring: { interval: i % 2 ? "month" : "year" },
        lookup_key: `plan-${i}`,
        currency_options: { eur: { unit_amount: 90 + i } },
      });
      prices[i % 100].push(price.id);
    }
    for (let s = 0; s < 90; s++) {
      await post("/v1/shipping_rates", {
        display_name: `Rate ${s}`,
        type: "fixed_amount",
        fixed_amount: { amount: s, currency: "usd" },
      });
    }
    for (let c = 0; c < 10; c++) {
      const products = Array.from({ length: 10 }, (_, k) => ({
        product: `plan-${c * 10 + k}`,
        prices: prices[c * 10 + k],
      }));
      await post("/v1/billing_portal/configurations", {
        name: `Portal ${c}`,
        features: { subscription_update: { enabled: true, default_allowed_updates: ["price"], products } },
      });
    }
    emulator.setRateLimit(25);
    const before = emulator.requests().length;
    const client = new StripeClient(resolveSettings({ apiKey: KEY, apiBase: emulator.url }, {}));
    const started = performance.now();
    const result = await exportBillingSpec(clientSource(client));
    const ms = performance.now() - started;
    const sent = emulator.requests().slice(before);
    // Requests counted by the declaration path they list (`/v1/products/{product}/features`
    // once for all products), not by each product's own path.
    const templates = Object.values(declarations)
      .filter((decl) => decl.path.includes("{"))
      .map((decl) => ({ path: decl.path, pattern: collectionPattern(decl) }));
    const byPath = new Map<string, number>();
    for (const r of sent) {
      const path = templates.find((t) => t.pattern.test(r.path))?.path ?? r.path;
      byPath.set(path, (byPath.get(path) ?? 0) + 1);
    }
    const entries = Object.values(result.counts).reduce((a, b) => a + b, 0);
    console.log("\nExport of an account (stripe-billing export, emulator at 25 requests/s):");
    console.log(
      `  ${entries} objects exported in ${(ms / 1000).toFixed(2)} s with ${sent.length} requests (${sent.filter((r) => r.method !== "GET").length} writes, ${sent.filter((r) => r.status === 429).length} answered 429), ${Buffer.byteLength(result.text)} bytes of YAML`,
    );
    console.log(`  requests: ${[...byPath].map(([p, n]) => `${p} ${n}`).join(", ")}`);
    if (result.issues.length > 0) throw new Error(`export does not validate: ${result.issues[0].message}`);
  } finally {
    await emulator.close();
  }
}
