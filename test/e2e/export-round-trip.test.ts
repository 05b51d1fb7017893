/**
 * `stripe-billing export` round trip through the Pulumi CLI and BillingSetup: account A of the
 * emulator, set up by hand (through the API), is exported; without its adopt ids the spec
 * builds the same setup in an empty account B, whose export is the same text; with them, it
 * adopts A's own objects without a single write, and the preview after shows no changes.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { BillingSetup, loadBillingSpec } from "../../provider";
import { localStack, REPO_ROOT, type LocalStack } from "../../scripts/local-stack";
import { stripePost } from "../support/stripe-api";

const KEY = "sk_test_e2eexport000000000000";
const B = "acct_roundtripb";
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");

describe("stripe-billing export, round trip through the Pulumi CLI", () => {
  let emulator: Emulator;
  const stacks: LocalStack[] = [];
  const run = { onOutput: () => undefined };
  const stripe = (p: string, params: Record<string, unknown>) => stripePost(emulator.url, KEY, p, params);
  /** The command itself, as a user runs it. */
  const exportSpec = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [CLI, "export", ...args],
        { env: { ...process.env, STRIPE_API_KEY: KEY, STRIPE_API_BASE: emulator.url, STRIPE_ACCOUNT: "" } },
        (err, out, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(out)),
      ),
    );
  /** A stack deploying the spec in `file` with BillingSetup, on the platform account or B. */
  const stackFor = async (name: string, text: string, account?: string) => {
    let file = "";
    const local = await localStack({
      projectName: "export-round-trip",
      stackName: name,
      program: async () => ({ ids: new BillingSetup("billing", { spec: loadBillingSpec(file) }).ids }),
      config: {
        "stripe-billing:apiKey": { value: KEY, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
        ...(account ? { "stripe-billing:stripeAccount": { value: account } } : {}),
      },
    });
    file = path.join(local.workDir, `billing.${name}.yaml`);
    fs.writeFileSync(file, text);
    stacks.push(local);
    return local;
  };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    // Account A, configured by hand: products with and without a custom id, prices with lookup
    // keys, tiers and currency options, shipping rates, a portal, tax settings, registrations.
    await stripe("/v1/products", {
      id: "pro",
      name: "Pro",
      description: "For growing teams",
      marketing_features: [{ name: "Unlimited projects" }],
      metadata: { tier: "2" },
    });
    const team = await stripe("/v1/products", { name: "Team Seats", unit_label: "seat" });
    const monthly = await stripe("/v1/prices", {
      product: "pro",
      currency: "usd",
      unit_amount: 2000,
      recurring: { interval: "month" },
      lookup_key: "pro-monthly",
      tax_behavior: "exclusive",
      currency_options: { eur: { unit_amount: 1800, tax_behavior: "exclusive" } },
    });
    await stripe("/v1/products/pro", { default_price: monthly.id });
    const yearly = await stripe("/v1/prices", {
      product: "pro",
      currency: "usd",
      unit_amount: 20000,
      recurring: { interval: "year" },
      lookup_key: "pro-yearly",
      nickname: "Pro yearly",
    });
    const seats = await stripe("/v1/prices", {
      product: team.id,
      currency: "usd",
      billing_scheme: "tiered",
      tiers_mode: "graduated",
      tiers: [
        { up_to: 10, unit_amount: 1000 },
        { up_to: "inf", unit_amount: 800, flat_amount: 500 },
      ],
      recurring: { interval: "month" },
      lookup_key: "team-seats",
    });
    await stripe("/v1/prices", { product: team.id, currency: "eur", unit_amount: 5000 });
    await stripe("/v1/shipping_rates", {
      display_name: "Standard",
      type: "fixed_amount",
      fixed_amount: { amount: 500, currency: "usd", currency_options: { eur: { amount: 450 } } },
      delivery_estimate: {
        minimum: { unit: "business_day", value: 3 },
        maximum: { unit: "business_day", value: 5 },
      },
    });
    await stripe("/v1/shipping_rates", {
      display_name: "Express",
      type: "fixed_amount",
      fixed_amount: { amount: 1500, currency: "usd" },
      tax_behavior: "exclusive",
      metadata: { carrier: "dhl" },
    });
    await stripe("/v1/billing_portal/configurations", {
      name: "Customer portal",
      business_profile: { headline: "Manage your plan", privacy_policy_url: "https://example.com/privacy" },
      default_return_url: "https://example.com/account",
      features: {
        customer_update: { enabled: true, allowed_updates: ["email", "address"] },
        invoice_history: { enabled: true },
        subscription_cancel: {
          enabled: true,
          mode: "at_period_end",
          cancellation_reason: { enabled: true, options: ["too_expensive", "other"] },
        },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price", "quantity"],
          proration_behavior: "create_prorations",
          products: [
            { product: "pro", prices: [yearly.id, monthly.id] },
            { product: team.id, prices: [seats.id] },
          ],
        },
      },
    });
    await stripe("/v1/tax/settings", {
      defaults: { tax_behavior: "exclusive", tax_code: "txcd_10000000" },
      head_office: { address: { line1: "1 Main St", city: "Dublin", postal_code: "D01", country: "IE" } },
    });
    await stripe("/v1/tax/registrations", {
      country: "IE",
      country_options: { ie: { type: "oss_union" } },
      active_from: "now",
    });
    await stripe("/v1/tax/registrations", {
      country: "US",
      country_options: { us: { type: "state_sales_tax", state: "CA" } },
      active_from: emulator.clock.now() + 90 * 86400,
    });
  });

  after(async () => {
    for (const local of stacks) local.cleanup();
    await emulator?.close();
  });

  let exportedA = "";
  const strip = (text: string) => text.replace(/\n *adoptId: .*/g, "");

  it("exports A with an adopt id on each entry, and --no-adopt-ids is the same without them", async () => {
    exportedA = await exportSpec();
    const entries = exportedA.match(/^ {2}\S.*:$/gm) ?? [];
    assert.equal(entries.length, 12, exportedA);
    // Every entry but the tax settings carries the id of its object.
    assert.equal((exportedA.match(/^ {4}adoptId: /gm) ?? []).length, 11);
    assert.equal(await exportSpec("--no-adopt-ids"), strip(exportedA));
  });

  it("builds the same setup in an empty account B: B's export is the same text", async () => {
    const b = await stackFor("b", strip(exportedA), B);
    await b.stack.up(run);
    await b.stack.preview({ ...run, expectNoChanges: true });
    assert.equal(await exportSpec("--account", B, "--no-adopt-ids"), strip(exportedA));
  });

  it("adopts A's own objects with no write, and the preview after shows no changes", async () => {
    const a = await stackFor("a", exportedA);
    const writes = () => emulator.requests().filter((r) => r.method !== "GET" && !r.stripeAccount).length;
    const before = writes();
    const up = await a.stack.up(run);
    assert.equal(up.summary.resourceChanges?.create, 14); // 12 entries, the component, the stack
    assert.equal(writes(), before, "adopting wrote to Stripe");
    await a.stack.preview({ ...run, expectNoChanges: true });
    await a.stack.refresh(run);
    await a.stack.preview({ ...run, expectNoChanges: true });
    assert.equal(writes(), before);
    // And the account still exports the same.
    assert.equal(await exportSpec(), exportedA);
  });
});
