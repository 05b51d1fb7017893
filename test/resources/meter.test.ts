import type { PlainObject } from "../../provider/engine/values";
import { meter } from "../../provider/resources/meter";
import { price } from "../../provider/resources/price";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/meter";
import { liveKey } from "../support/keys";

const h = resourceContract(contract);

const identity = (name = "api-calls") => `billing::ci::::Meter::${name}`;

async function checked(inputs: object, name?: string): Promise<PlainObject> {
  const result = await h
    .provider(meter)
    .check({}, { ...(inputs as PlainObject), __identity: identity(name) });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

const meters = async () =>
  (await h.stripe("GET", "/v1/billing/meters", { limit: 100 })).data as PlainObject[];

describe("Meter specifics", () => {
  it("declared again after destroy, reactivates the deactivated meter that keeps the event name", async () => {
    const first = await h.provider(meter).create(await checked(create));
    await h.provider(meter).delete(first.id, first.outs);
    expect(h.emulator.objects.get(first.id)?.status).toBe("inactive");
    const again = await h
      .provider(meter)
      .create(await checked({ ...create, displayName: "API requests" }, "other"));
    expect(again.id).toBe(first.id);
    expect(again.outs).toMatchObject({ status: "active", displayName: "API requests" });
    expect(await meters()).toHaveLength(1);
    expect(h.emulator.count("POST", `/v1/billing/meters/${first.id}/reactivate`)).toBe(1);
  });

  it("a reactivation re-run by a new process sends nothing again", async () => {
    const first = await h.provider(meter).create(await checked(create, "old"));
    await h.provider(meter).delete(first.id, first.outs);
    const news = await checked({ ...create, displayName: "API requests" });
    await h.provider(meter).create(news);
    const again = await h.provider(meter).create(news);
    expect(again.id).toBe(first.id);
    expect(h.emulator.count("POST", `/v1/billing/meters/${first.id}/reactivate`)).toBe(1);
    const writes = h.emulator.requests({ method: "POST" }).filter((r) => !r.replayed);
    expect(writes.map((r) => r.path)).toEqual([
      "/v1/billing/meters",
      `/v1/billing/meters/${first.id}/deactivate`,
      `/v1/billing/meters/${first.id}`, // first seen: an empty write
      `/v1/billing/meters/${first.id}`, // the display name
      `/v1/billing/meters/${first.id}/reactivate`,
    ]);
  });

  it("a create re-run after the killed run created the meter returns it", async () => {
    const news = await checked(create);
    const first = await h.provider(meter).create(news);
    const again = await h.provider(meter).create(news);
    expect(again.id).toBe(first.id);
    expect(await meters()).toHaveLength(1);
  });

  it("refuses, naming eventName, a deactivated meter whose settings differ", async () => {
    const first = await h.provider(meter).create(await checked(create, "old"));
    await h.provider(meter).delete(first.id, first.outs);
    const news = await checked({ ...create, defaultAggregation: { formula: "count" } });
    await expect(h.provider(meter).create(news)).rejects.toMatchObject({
      code: "meter_event_name_taken",
      path: "eventName",
      message: expect.stringContaining("defaultAggregation"),
    });
    expect(h.emulator.objects.get(first.id)?.status).toBe("inactive");
  });

  it("refuses, naming eventName, an event name another resource's active meter holds", async () => {
    const first = await h.provider(meter).create(await checked(create, "theirs"));
    await expect(h.provider(meter).create(await checked(create, "mine"))).rejects.toMatchObject({
      code: "meter_event_name_taken",
      path: "eventName",
      message: expect.stringContaining(`adoptId: ${first.id}`),
    });
    expect(await meters()).toHaveLength(1);
  });

  it("destroy in live mode is a deactivation the live guard counts", async () => {
    const LIVE = { "stripe-billing:apiKey": liveKey("meter1"), "stripe-billing:allowLiveMode": "true" };
    const live = h.provider(meter, LIVE);
    const news = (await live.check({}, { ...create, __identity: identity() })).inputs;
    const { id, outs } = await live.create(news);
    await expect(live.delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining(`deactivate ${id}`),
    });
    expect(h.emulator.objects.get(id)?.status).toBe("active");
  });
});

describe("metered prices", () => {
  const metered = (meterId?: string) => ({
    product: "pro",
    currency: "usd",
    unitAmount: 5,
    recurring: { interval: "month", usageType: "metered", ...(meterId ? { meter: meterId } : {}) },
  });

  beforeEach(async () => {
    await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
  });

  it("a metered price names its meter, and Stripe holds it", async () => {
    const m = await h.provider(meter).create(await checked(create));
    const p = await h.provider(price).check({}, metered(m.id));
    expect(p.failures).toEqual([]);
    const { id } = await h.provider(price).create(p.inputs);
    expect((h.emulator.objects.get(id)?.recurring as PlainObject).meter).toBe(m.id);
  });

  it("a metered price without a meter fails the preview naming recurring.meter, with no request", async () => {
    const before = h.emulator.requests().length;
    const { failures } = await h.provider(price).check({}, metered());
    expect(failures).toEqual([
      { property: "recurring", reason: expect.stringContaining("recurring.meter: a metered price needs") },
    ]);
    expect(h.emulator.requests()).toHaveLength(before);
  });

  it("the emulator refuses a deactivated meter and an unknown one on a new price", async () => {
    const m = await h.provider(meter).create(await checked(create));
    await h.provider(meter).delete(m.id, m.outs);
    const params = (meterId: string | undefined) => ({
      product: "pro",
      currency: "usd",
      unit_amount: 5,
      recurring: { interval: "month", usage_type: "metered", ...(meterId ? { meter: meterId } : {}) },
    });
    await expect(h.stripe("POST", "/v1/prices", params(m.id))).rejects.toThrow(
      /deactivated.*"param":"recurring\[meter\]"/,
    );
    await expect(h.stripe("POST", "/v1/prices", params("mtr_missing"))).rejects.toThrow(
      /resource_missing.*"param":"recurring\[meter\]"/,
    );
    await expect(h.stripe("POST", "/v1/prices", params(undefined))).rejects.toThrow(
      /parameter_missing.*"param":"recurring\[meter\]"/,
    );
  });
});
