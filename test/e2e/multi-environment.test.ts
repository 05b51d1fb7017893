/**
 * examples/multi-environment through the Pulumi CLI: the same program deployed to two accounts
 * of the emulator (the platform's test mode and a connected "staging" account) yields the same
 * setup apart from generated ids; raising a price replaces it without a gap.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { encodeForm } from "../../provider/stripe/encode";
import { exampleProgram, localStack, type LocalStack } from "../../scripts/local-stack";

const KEY = "sk_test_e2emultienv00000000000";
const STAGING = "acct_staging";

describe("examples/multi-environment with the Pulumi CLI", () => {
  let emulator: Emulator;
  const stacks: Record<string, LocalStack> = {};
  let output = "";
  const run = { onOutput: (s: string) => (output += s), onError: (s: string) => (output += s) };
  const outputs = async (name: string) =>
    Object.fromEntries(Object.entries(await stacks[name].stack.outputs()).map(([k, v]) => [k, v.value]));
  const stripe = async (path: string, params: Record<string, unknown>, account?: string) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${KEY}`,
        "content-type": "application/x-www-form-urlencoded",
        ...(account ? { "stripe-account": account } : {}),
      },
      body: encodeForm(params as never),
    });
    return (await res.json()) as { id: string };
  };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    for (const [name, account] of [
      ["test", undefined],
      ["staging", STAGING],
    ] as const) {
      stacks[name] = await localStack({
        projectName: "multi-environment",
        stackName: name,
        program: exampleProgram("multi-environment"),
        config: {
          "stripe-billing:apiKey": { value: KEY, secret: true },
          "stripe-billing:apiBase": { value: emulator.url },
          ...(account ? { "stripe-billing:stripeAccount": { value: account } } : {}),
          proMonthlyAmount: { value: "2000" },
        },
      });
    }
  });

  after(async () => {
    for (const local of Object.values(stacks)) local.cleanup();
    await emulator?.close();
  });

  it("deploys the same setup to two accounts, the same apart from generated ids", async () => {
    for (const name of ["test", "staging"]) {
      await stacks[name].stack.up(run);
      await stacks[name].stack.preview({ ...run, expectNoChanges: true });
    }
    const [test, staging] = [await outputs("test"), await outputs("staging")];
    assert.deepEqual(test.productIds, ["pro", "starter"]);
    assert.deepEqual(staging.productIds, test.productIds);
    assert.deepEqual(staging.lookupKeys, ["pro-monthly", "pro-yearly", "starter-monthly"]);
    assert.deepEqual(staging.lookupKeys, test.lookupKeys);
    assert.notEqual((staging.priceIds as any).proMonthly, (test.priceIds as any).proMonthly);
    // What Stripe holds is the same too, once ids are set aside.
    const shape = (id: string) => {
      const {
        id: _id,
        created: _c,
        updated: _u,
        default_price: _d,
        ...rest
      } = emulator.objects.get(id) as any;
      return rest;
    };
    assert.deepEqual(shape("pro"), shape("pro"));
    const price = (id: unknown) => {
      const { id: _id, created: _c, ...rest } = emulator.objects.get(String(id)) as any;
      return rest;
    };
    assert.deepEqual(price((staging.priceIds as any).proMonthly), price((test.priceIds as any).proMonthly));
    const staged = emulator.requests().filter((r) => r.method === "POST" && r.stripeAccount === STAGING);
    assert.ok(staged.some((r) => r.path === "/v1/products" && r.params.id === "pro"));
  });

  it("raises a price: a new price takes the lookup key, the default and the portal; the old one is archived with a warning", async () => {
    const before = await outputs("staging");
    const old = String((before.priceIds as any).proMonthly);
    // A customer on the old price, in the staging account.
    const customer = await stripe("/v1/customers", { email: "jo@example.com" }, STAGING);
    await stripe(
      "/v1/subscription_schedules",
      { customer: customer.id, start_date: "now", phases: [{ items: [{ price: old }] }] },
      STAGING,
    );
    await stacks.staging.stack.setConfig("proMonthlyAmount", { value: "2500" });
    output = "";
    const up = await stacks.staging.stack.up(run);
    assert.equal(up.summary.resourceChanges?.replace, 1);
    const after = await outputs("staging");
    const raised = String((after.priceIds as any).proMonthly);
    assert.notEqual(raised, old);
    const stored = (id: string) => emulator.objects.get(id) as any;
    assert.equal(stored(raised).unit_amount, 2500);
    assert.equal(stored(raised).lookup_key, "pro-monthly");
    assert.equal(stored(old).lookup_key, null);
    assert.equal(stored(old).active, false);
    assert.equal(after.proDefaultPrice, raised);
    const portal = stored(String(after.portalConfigurationId));
    const offered = portal.features.subscription_update.products.find((p: any) => p.product === "pro");
    assert.deepEqual(offered.prices, [raised, String((after.priceIds as any).proYearly)].sort());
    assert.match(output, /1 active subscription is still on price_\w+.*keep being billed/s);
    // The test account did not move.
    assert.equal(stored(String(((await outputs("test")).priceIds as any).proMonthly)).active, true);
    await stacks.staging.stack.preview({ ...run, expectNoChanges: true });
  });

  it("destroys: prices archived, products archived (they have prices), nothing deleted", async () => {
    await stacks.staging.stack.destroy(run);
    const list = emulator.requests().filter((r) => r.method === "DELETE");
    assert.deepEqual(list, []);
  });
});
