/**
 * examples/quickstart through the real Pulumi CLI and engine: up, preview, refresh and
 * destroy against the local emulator, with a file backend; nothing leaves 127.0.0.1.
 * Run with `npm run test:e2e` (node's test runner, on the compiled suite).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { exampleProgram, localStack, type LocalStack } from "../../scripts/local-stack";
import { SEEDED_TAX } from "./seed";
import { liveKey } from "../support/keys";

const CANARY_KEY = "sk_test_e2ecanary7f3a9b1c5d";

describe("examples/quickstart with the Pulumi CLI", () => {
  let emulator: Emulator;
  let local: LocalStack;
  let output = "";
  const run = { onOutput: (s: string) => (output += s), onError: (s: string) => (output += s) };
  const taxSettings = async (params?: Record<string, string>) => {
    const res = await fetch(`${emulator.url}/v1/tax/settings`, {
      method: params ? "POST" : "GET",
      headers: { authorization: `Bearer ${CANARY_KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: params && new URLSearchParams(params),
    });
    assert.equal(res.status, 200);
    return (await res.json()) as {
      defaults: Record<string, unknown>;
      head_office: { address: Record<string, unknown> };
    };
  };
  let seeded: Awaited<ReturnType<typeof taxSettings>>;
  const outputs = async () =>
    Object.fromEntries(Object.entries(await local.stack.outputs()).map(([k, v]) => [k, v.value]));

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    seeded = await taxSettings(SEEDED_TAX);
    local = await localStack({
      projectName: "quickstart",
      program: exampleProgram("quickstart"),
      config: {
        "stripe-billing:apiKey": { value: CANARY_KEY, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
      },
    });
  });

  after(async () => {
    local?.cleanup();
    await emulator?.close();
  });

  it("creates every object on up, and a preview right after expects no changes", async () => {
    const up = await local.stack.up(run);
    assert.equal(up.summary.result, "succeeded");
    assert.equal(up.summary.resourceChanges?.create, 6); // five resources and the stack
    const out = await outputs();
    assert.match(String(out.groundShippingRateId), /^shr_/);
    assert.match(String(out.portalConfigurationId), /^bpc_/);
    assert.match(String(out.irelandRegistrationId), /^taxreg_/);
    assert.equal(out.taxStatus, "active");
    assert.equal(out.irelandStatus, "active");
    // The stack adopted the account's tax settings and brought them to its inputs.
    const applied = await taxSettings();
    assert.equal(applied.defaults.tax_behavior, "exclusive");
    assert.equal(applied.defaults.tax_code, "txcd_10000000");
    const { line1, city, postal_code, country } = applied.head_office.address;
    assert.deepEqual(
      { line1, city, postal_code, country },
      { line1: "1 Main Street", city: "Dublin", postal_code: "D01 F5P2", country: "IE" },
    );
    // Throws if the preview finds any change: no perpetual diff.
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("updates in place an edit of an update-in-place input, with one POST to that rate", async () => {
    const { groundShippingRateId: id } = await outputs();
    const before = emulator.count("POST", /^\/v1\/shipping_rates/);
    await local.stack.setConfig("groundTier", { value: "priority" });
    const up = await local.stack.up(run);
    assert.equal(up.summary.resourceChanges?.update, 1);
    assert.equal((await outputs()).groundShippingRateId, id);
    assert.deepEqual(emulator.objects.get(String(id))?.metadata, { tier: "priority" });
    assert.equal(emulator.count("POST", /^\/v1\/shipping_rates/) - before, 1);
    assert.equal(emulator.count("POST", `/v1/shipping_rates/${id}`), 1);
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("replaces on an edit of a create-only input, archiving the old rate", async () => {
    const { expressShippingRateId: old } = await outputs();
    await local.stack.setConfig("expressName", { value: "Next-day shipping" });
    const up = await local.stack.up(run);
    assert.equal(up.summary.resourceChanges?.replace, 1);
    const { expressShippingRateId: fresh } = await outputs();
    assert.notEqual(fresh, old);
    assert.equal(emulator.objects.get(String(old))?.active, false);
    assert.equal(emulator.objects.get(String(fresh))?.display_name, "Next-day shipping");
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("shows an out-of-band change on refresh, and recreates an object deleted out of band", async () => {
    const { groundShippingRateId: ground, portalConfigurationId: portal } = await outputs();
    emulator.objects.patch(String(ground), { metadata: { tier: "changed-in-dashboard" } });
    const refresh = await local.stack.refresh(run);
    assert.equal(refresh.summary.resourceChanges?.update, 1);
    emulator.objects.remove(String(portal));
    const up = await local.stack.up({ ...run, refresh: true });
    assert.equal(up.summary.resourceChanges?.create, 1);
    assert.equal(up.summary.resourceChanges?.update, 1);
    const out = await outputs();
    assert.notEqual(out.portalConfigurationId, portal);
    assert.deepEqual(emulator.objects.get(String(ground))?.metadata, { tier: "priority" });
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("never writes the API key into state, exports or CLI output", async () => {
    const exported = await local.cli(["stack", "export"]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(!exported.stdout.includes(CANARY_KEY), "stack export holds the key");
    const stateFiles = fs.readdirSync(local.stateDir, { recursive: true }).map(String);
    for (const file of stateFiles) {
      const full = path.join(local.stateDir, file);
      if (fs.statSync(full).isFile())
        assert.ok(!fs.readFileSync(full, "utf8").includes(CANARY_KEY), `${file} holds the key`);
    }
    assert.ok(!output.includes(CANARY_KEY), "CLI output holds the key");
    assert.ok(exported.stdout.includes("pulumi-stripe-billing/runtime"), "the provider shim is in state");
  });

  it("fails the preview on invalid input, naming the field, with no request to Stripe", async () => {
    await local.stack.setConfig("groundAmount", { value: "-5" });
    const before = emulator.requests().length;
    await assert.rejects(local.stack.preview(run), /fixedAmount\.amount/);
    assert.equal(emulator.requests().length, before);
    await local.stack.removeConfig("groundAmount");
  });

  it("refuses a live key without allowLiveMode before any request reaches Stripe", async () => {
    await local.stack.setConfig("stripe-billing:apiKey", {
      value: liveKey("canary1"),
      secret: true,
    });
    const before = emulator.requests().length;
    await assert.rejects(local.stack.preview(run), /live_mode_refused/);
    await assert.rejects(local.stack.up(run), /live_mode_refused/);
    assert.equal(emulator.requests().length, before);
    await local.stack.setConfig("stripe-billing:apiKey", { value: CANARY_KEY, secret: true });
    // The failed up recorded the live key as the provider's config; an up with the right key
    // puts it back (destroy runs with the provider config in state).
    await local.stack.up(run);
  });

  it("destroy leaves every object as its delete policy promises", async () => {
    const out = await outputs();
    await local.stack.destroy(run);
    assert.equal(emulator.objects.get(String(out.groundShippingRateId))?.active, false);
    assert.equal(emulator.objects.get(String(out.expressShippingRateId))?.active, false);
    assert.equal(emulator.objects.get(String(out.portalConfigurationId))?.active, false);
    const registration = emulator.objects.get(String(out.irelandRegistrationId));
    assert.equal(typeof registration?.expires_at, "number");
    // Tax settings are the account's own: destroy puts back what the stack adopted.
    const restored = await taxSettings();
    assert.deepEqual(restored.defaults, seeded.defaults);
    assert.deepEqual(restored.head_office, seeded.head_office);
    assert.equal(restored.defaults.tax_behavior, "inferred_by_currency");
    assert.equal(restored.defaults.tax_code, "txcd_99999999");
  });
});
