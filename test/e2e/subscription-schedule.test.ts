/**
 * examples/subscription-schedule through the Pulumi CLI: two phases, a change to a future
 * phase, the preview that refuses to replace an active schedule, and a destroy that releases
 * the schedule so the customer keeps the subscription.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { encodeForm } from "../../provider/stripe/encode";
import { exampleProgram, localStack, type LocalStack } from "../../scripts/local-stack";

const KEY = "sk_test_e2eschedule0000000000";

describe("examples/subscription-schedule with the Pulumi CLI", () => {
  let emulator: Emulator;
  let local: LocalStack;
  const run = { onOutput: () => undefined };
  const stripe = async (path: string, params: Record<string, unknown>) => {
    const res = await fetch(`${emulator.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: encodeForm(params as never),
    });
    return (await res.json()) as { id: string };
  };
  const outputs = async () =>
    Object.fromEntries(Object.entries(await local.stack.outputs()).map(([k, v]) => [k, v.value]));

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    const customer = await stripe("/v1/customers", { email: "jo@example.com" });
    const product = await stripe("/v1/products", { name: "Plan" });
    const price = (amount: number) =>
      stripe("/v1/prices", {
        product: product.id,
        currency: "usd",
        unit_amount: amount,
        recurring: { interval: "month" },
      });
    const starter = await price(1000);
    const pro = await price(3000);
    local = await localStack({
      projectName: "subscription-schedule",
      program: exampleProgram("subscription-schedule"),
      config: {
        "stripe-billing:apiKey": { value: KEY, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
        customer: { value: customer.id },
        starterPrice: { value: starter.id },
        proPrice: { value: pro.id },
      },
    });
  });

  after(async () => {
    local?.cleanup();
    await emulator?.close();
  });

  it("creates an active two-phase schedule, and a preview right after expects no changes", async () => {
    await local.stack.up(run);
    const out = await outputs();
    assert.match(String(out.scheduleId), /^sub_sched_/);
    assert.equal(out.status, "active");
    assert.equal((out.phaseDates as unknown[]).length, 2);
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("updates a future phase in place, keeping the running phase's start", async () => {
    const before = await outputs();
    await local.stack.setConfig("proSeats", { value: "5" });
    const up = await local.stack.up(run);
    assert.equal(up.summary.resourceChanges?.update, 1);
    const schedule = emulator.objects.get(String(before.scheduleId)) as any;
    assert.equal(schedule.phases[1].items[0].quantity, 5);
    assert.deepEqual((await outputs()).phaseDates, before.phaseDates);
    await local.stack.preview({ ...run, expectNoChanges: true });
  });

  it("refuses at preview to replace the active schedule, saying what would happen to the customer", async () => {
    const other = await stripe("/v1/customers", { email: "sam@example.com" });
    await local.stack.setConfig("customer", { value: other.id });
    const before = emulator.requests().filter((r) => r.method === "POST").length;
    await assert.rejects(
      local.stack.preview(run),
      /replaces this active schedule for customer cus_\w+ \(subscription sub_\w+\).*allowReplaceActive/s,
    );
    assert.equal(emulator.requests().filter((r) => r.method === "POST").length, before);
  });

  it("destroy releases the schedule and the customer keeps the subscription", async () => {
    const out = await outputs();
    await local.stack.destroy(run);
    const schedule = emulator.objects.get(String(out.scheduleId)) as any;
    assert.equal(schedule.status, "released");
    assert.equal(emulator.objects.get(String(out.subscription))?.status, "active");
    assert.equal(emulator.count("POST", `/v1/subscription_schedules/${out.scheduleId}/cancel`), 0);
  });
});
