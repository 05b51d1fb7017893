/**
 * `stripe-billing plan` on the real output of `pulumi preview --json` (the CLI, the engine and
 * the provider host, against the emulator): a replace, an in-place edit, a delete and a
 * create, each in billing words, with nothing from Pulumi's bookkeeping.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type Emulator } from "../../emulator";
import { PortalConfiguration, ShippingRate, SubscriptionSchedule, TaxRegistration } from "../../provider";
import { renderPlan } from "../../provider/cli/plan";
import { stripePost } from "../support/stripe-api";
import { localStack, REPO_ROOT, type LocalStack } from "../../scripts/local-stack";
import { previewJson } from "../../scripts/preview-json";

const KEY = "sk_test_e2eplan000000000000";

/** A small billing setup whose shape follows the stack's config. */
async function program(): Promise<Record<string, unknown>> {
  const config = new pulumi.Config();
  const ground = new ShippingRate("ground", {
    displayName: "Ground",
    fixedAmount: { amount: config.getNumber("groundAmount") ?? 500, currency: "usd" },
  });
  new PortalConfiguration("portal", {
    features: { invoiceHistory: { enabled: true } },
    businessProfile: { headline: config.get("headline") ?? "Manage your subscription" },
  });
  if (config.get("ireland") !== "dropped") {
    new TaxRegistration("ireland", { country: "IE", countryOptions: { ie: { type: "oss_union" } } });
  }
  const customer = config.get("customer");
  const price = config.get("price");
  if (customer && price) {
    new SubscriptionSchedule("upgrade", { customer, phases: [{ items: [{ price }] }] });
  }
  return { ground: ground.id };
}

describe("stripe-billing plan on pulumi preview --json", () => {
  let emulator: Emulator;
  let local: LocalStack;
  const run = { onOutput: () => undefined };
  const stripe = (p: string, params: Record<string, unknown>) => stripePost(emulator.url, KEY, p, params);

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    local = await localStack({
      projectName: "plan",
      program,
      config: {
        "stripe-billing:apiKey": { value: KEY, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
      },
    });
    await local.stack.up(run);
  });

  after(async () => {
    local?.cleanup();
    await emulator?.close();
  });

  it("says nothing changes when nothing does", async () => {
    const preview = await previewJson(local, program);
    assert.equal(preview.code, 0, preview.stderr);
    const plan = renderPlan(JSON.stringify(preview.json));
    assert.match(plan, /^<!-- stripe-billing-plan -->\n### Stripe billing plan\n/);
    assert.match(plan, /\*\*Summary:\*\* No changes; 4 unchanged\.\n$/);
    assert.doesNotMatch(plan, /^- /m);
  });

  it("writes one line per object in billing words: a replace, an edit, a delete and a create", async () => {
    const customer = await stripe("/v1/customers", { email: "jo@example.com" });
    const product = await stripe("/v1/products", { name: "Pro" });
    const price = await stripe("/v1/prices", {
      product: product.id,
      currency: "usd",
      unit_amount: 3000,
      recurring: { interval: "month" },
    });
    await local.stack.setAllConfig({
      groundAmount: { value: "600" },
      headline: { value: "Manage your plan" },
      ireland: { value: "dropped" },
      customer: { value: customer.id },
      price: { value: price.id },
    });
    const before = emulator.requests().filter((r) => r.method === "POST").length;
    const preview = await previewJson(local, program);
    assert.equal(preview.code, 0, preview.stderr);
    assert.equal(emulator.requests().filter((r) => r.method === "POST").length, before, "preview wrote");

    const plan = renderPlan(JSON.stringify(preview.json));
    const lines = plan.split("\n");
    const line = (noun: string) => lines.find((l) => l.startsWith(`- ${noun}`)) ?? "";
    assert.equal(
      line("Shipping rate"),
      "- Shipping rate *Ground*: amount 5.00 USD → 6.00 USD — **replaced** (forced by `fixedAmount.amount`): " +
        "a new rate is created and the old one archived (Stripe cannot delete shipping rates)",
    );
    assert.equal(
      line("Customer portal configuration"),
      '- Customer portal configuration *portal*: business profile headline "Manage your subscription" → ' +
        '"Manage your plan" — **updated in place**',
    );
    assert.equal(
      line("Tax registration"),
      "- Tax registration *IE*: removed from the program — **expired now**",
    );
    assert.equal(line("Subscription schedule"), `- Subscription schedule *${customer.id}*: **created**`);
    // A schedule reaches a customer: said before anything else.
    assert.match(
      plan,
      new RegExp(`> \\*\\*Warning:\\*\\* Subscription schedule ${customer.id} changes a customer's billing`),
    );
    assert.ok(plan.indexOf("Warning") < plan.indexOf("- Shipping rate"));
    assert.match(
      plan,
      /\*\*Summary:\*\* 4 changes: 1 created, 1 updated in place, 1 replaced, 1 removed; 1 unchanged\.\n$/,
    );
    // Pulumi's own noise stays out: output-only fields, defaults that do not change, the shim.
    for (const noise of [
      /livemode/,
      /\bcreated \d/,
      /__provider/,
      /features/,
      /subscription pause/,
      /login page/,
    ]) {
      assert.doesNotMatch(plan, noise);
    }

    // The command reads the same JSON from standard input, and --format text drops the Markdown.
    const cli = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");
    const textPlan = execFileSync(process.execPath, [cli, "plan", "--format", "text"], {
      input: preview.stdout,
      encoding: "utf8",
    });
    assert.match(textPlan, /^Stripe billing plan\n/);
    assert.match(
      textPlan,
      /Shipping rate "Ground": amount 5\.00 USD → 6\.00 USD — replaced \(forced by fixedAmount\.amount\)/,
    );
    assert.doesNotMatch(textPlan, /\*\*|`|<!--/);
  });
});
