/**
 * `stripe-billing export` round trip through the Pulumi CLI and BillingSetup: account A of the
 * emulator, set up by hand (through the API) with an object of every exported kind, is exported;
 * without its adopt ids the spec builds the same setup in an empty account B, whose export is the
 * same text; with them, it adopts A's own objects without a single write (those Stripe holds once
 * per account too: a coupon id, an active code, a meter's event name, a feature's lookup key, a
 * product's feature), and the preview after shows no changes.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
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
  /** The webhook endpoint's signing secret, which Stripe returns only when creating it. */
  let signingSecret = "";
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
    // Usage billing: a meter (summing a payload key of its own) and a metered price on it;
    // entitlements: a feature attached to Pro.
    const meter = await stripe("/v1/billing/meters", {
      event_name: "api_call",
      display_name: "API calls",
      value_settings: { event_payload_key: "calls" },
      default_aggregation: { formula: "sum" },
    });
    await stripe("/v1/prices", {
      product: "pro",
      currency: "usd",
      unit_amount_decimal: "0.5",
      recurring: { interval: "month", usage_type: "metered", meter: meter.id },
      lookup_key: "api-usage",
    });
    const sso = await stripe("/v1/entitlements/features", { lookup_key: "sso", name: "Single sign-on" });
    await stripe("/v1/products/pro/features", { entitlement_feature: sso.id });
    // A coupon with a custom id on Pro, a code for it, a fixed tax rate, a webhook endpoint.
    await stripe("/v1/coupons", {
      id: "launch",
      name: "Launch offer",
      percent_off: 25,
      duration: "repeating",
      duration_in_months: 3,
      applies_to: { products: ["pro"] },
    });
    await stripe("/v1/promotion_codes", {
      code: "LAUNCH25",
      promotion: { type: "coupon", coupon: "launch" },
      max_redemptions: 100,
      restrictions: { first_time_transaction: true },
    });
    await stripe("/v1/tax_rates", {
      display_name: "VAT",
      percentage: 25,
      inclusive: false,
      country: "NO",
      jurisdiction: "NO",
      tax_type: "vat",
    });
    const hook = await stripe("/v1/webhook_endpoints", {
      url: "https://example.com/stripe/webhooks",
      description: "Billing events",
      enabled_events: ["customer.subscription.updated", "invoice.paid"],
    });
    signingSecret = String(hook.secret);
  });

  after(async () => {
    for (const local of stacks) local.cleanup();
    await emulator?.close();
  });

  let exportedA = "";
  /** A's export without adopt ids: the spec that builds the same setup elsewhere. */
  let portable = "";
  const strip = (text: string) => text.replace(/\n *adoptId: .*/g, "");
  /** The product feature's own entry, with its adopt id gone: without one it is an item of Pro's `features`. */
  const attachment = "productFeatures:\n  pro-sso:\n    product: pro\n    entitlementFeature: sso\n";
  const proLast = '    metadata:\n      tier: "2"\n';

  it("exports A with an adopt id on each entry, and --no-adopt-ids is the same without them", async () => {
    exportedA = await exportSpec();
    const entries = exportedA.match(/^ {2}\S.*:$/gm) ?? [];
    assert.equal(entries.length, 20, exportedA);
    // Every entry but the tax settings carries the id of its object.
    assert.equal((exportedA.match(/^ {4}adoptId: /gm) ?? []).length, 19);
    assert.ok(!exportedA.includes(signingSecret), "the export holds the webhook signing secret");
    portable = await exportSpec("--no-adopt-ids");
    // The same, but for the attachment, which lists its feature on the product's entry instead.
    const stripped = strip(exportedA);
    assert.ok(stripped.includes(attachment) && stripped.includes(proLast), stripped);
    assert.equal(
      portable,
      stripped.replace(attachment, "").replace(proLast, `${proLast}    features:\n      - sso\n`),
    );
  });

  it("builds the same setup in an empty account B: B's export is the same text", async () => {
    const b = await stackFor("b", portable, B);
    await b.stack.up(run);
    await b.stack.preview({ ...run, expectNoChanges: true });
    assert.equal(await exportSpec("--account", B, "--no-adopt-ids"), portable);
  });

  it("adopts A's own objects with no write, and the preview after shows no changes", async () => {
    const a = await stackFor("a", exportedA);
    // Writes that carry something to change: the tax settings' first look is an empty POST
    // (their snapshot, kept under the resource's idempotency key for a re-run after a crash).
    const writes = () =>
      emulator
        .requests()
        .filter((r) => r.method !== "GET" && !r.stripeAccount && Object.keys(r.params).length > 0).length;
    const before = writes();
    const up = await a.stack.up(run);
    assert.equal(up.summary.resourceChanges?.create, 22); // 20 entries, the component, the stack
    assert.equal(writes(), before, "adopting wrote to Stripe");
    // Each entry's resource holds the very object its adopt id names.
    const spec = parse(exportedA) as Record<string, Record<string, { adoptId?: string }>>;
    const adopted = Object.entries(spec).flatMap(([section, byKey]) =>
      Object.entries(byKey).flatMap(([key, e]) => (e.adoptId ? [{ section, key, id: e.adoptId }] : [])),
    );
    assert.equal(adopted.length, 19);
    const ids = up.outputs.ids.value as Record<string, Record<string, string>>;
    for (const { section, key, id } of adopted) assert.equal(ids[section]?.[key], id, `${section}.${key}`);
    await a.stack.preview({ ...run, expectNoChanges: true });
    await a.stack.refresh(run);
    await a.stack.preview({ ...run, expectNoChanges: true });
    assert.equal(writes(), before);
    // And the account still exports the same.
    assert.equal(await exportSpec(), exportedA);
  });
});
