/**
 * `npm run bench`, YAML billing spec: `checkBillingSpec` (what `stripe-billing validate`
 * runs) on a generated spec of 500 entries — 100 products, 300 prices referring to them,
 * 90 shipping rates and 10 portal configurations listing products and prices by key.
 * Target: well under a second.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkBillingSpec } from "../provider/spec";

export function generatedSpec(): string {
  const lines: string[] = ["products:"];
  for (let p = 0; p < 100; p++) lines.push(`  p${p}:`, `    productId: p${p}`, `    name: Plan ${p}`);
  lines.push("prices:");
  for (let i = 0; i < 300; i++) {
    lines.push(
      `  p${i % 100}-${i}:`,
      `    product: p${i % 100}`,
      "    currency: usd",
      `    unitAmount: ${100 + i}`,
      `    recurring: { interval: ${i % 2 ? "month" : "year"} }`,
      `    lookupKey: plan-${i}`,
    );
  }
  lines.push("shippingRates:");
  for (let s = 0; s < 90; s++)
    lines.push(`  s${s}:`, `    displayName: Rate ${s}`, `    fixedAmount: { amount: ${s}, currency: usd }`);
  lines.push("portalConfigurations:");
  for (let c = 0; c < 10; c++) {
    lines.push(
      `  c${c}:`,
      "    features:",
      "      subscriptionUpdate:",
      "        enabled: true",
      "        defaultAllowedUpdates: [price]",
      "        products:",
    );
    for (let p = c * 10; p < c * 10 + 10; p++)
      lines.push(`          - { product: p${p}, prices: [p${p}-${p}, p${p}-${p + 100}, p${p}-${p + 200}] }`);
  }
  return `${lines.join("\n")}\n`;
}

export function benchSpec(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-spec-"));
  try {
    const file = path.join(dir, "billing.yaml");
    fs.writeFileSync(file, generatedSpec());
    const runs: number[] = [];
    let entries = 0;
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      const { spec, issues } = checkBillingSpec(file);
      runs.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (issues.length > 0) throw new Error(`generated spec invalid: ${issues[0].message}`);
      entries = spec!.entries.length;
    }
    console.log("YAML billing spec (stripe-billing validate, offline):");
    console.log(
      `  ${entries} entries: first run ${runs[0].toFixed(0)} ms, best of 5 ${Math.min(...runs).toFixed(0)} ms (target < 1000 ms)`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
