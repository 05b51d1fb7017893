/**
 * Billing meters through the official Stripe SDK against the emulator: create, retrieve,
 * update, list by status, deactivate and reactivate, and Stripe's refusals as typed errors.
 * Responses carry the keys of Stripe's own sample.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Stripe from "stripe";
import { useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

const sampleKeys = (name: string) =>
  Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"))).sort();

const params = (eventName: string): Stripe.Billing.MeterCreateParams => ({
  event_name: eventName,
  display_name: eventName,
  default_aggregation: { formula: "sum" },
});

describe("billing meters through the official SDK", () => {
  it("creates, retrieves, updates, lists by status, deactivates and reactivates", async () => {
    const created = await t.sdk.billing.meters.create({
      ...params("api_call"),
      customer_mapping: { type: "by_id", event_payload_key: "customer" },
    });
    expect(created.id).toMatch(/^mtr_[A-Za-z0-9]{24}$/);
    expect(Object.keys(created).sort()).toEqual(sampleKeys("billing.meter"));
    expect(created).toMatchObject({
      status: "active",
      customer_mapping: { type: "by_id", event_payload_key: "customer" },
      value_settings: { event_payload_key: "value" },
      event_time_window: null,
    });
    expect((await t.sdk.billing.meters.retrieve(created.id)).event_name).toBe("api_call");
    expect((await t.sdk.billing.meters.update(created.id, { display_name: "Calls" })).display_name).toBe(
      "Calls",
    );

    const other = await t.sdk.billing.meters.create(params("tokens"));
    const deactivated = await t.sdk.billing.meters.deactivate(created.id);
    expect(deactivated.status).toBe("inactive");
    expect(deactivated.status_transitions.deactivated_at).toEqual(expect.any(Number));
    const ids = async (status?: "active" | "inactive") =>
      (await t.sdk.billing.meters.list(status ? { status } : {})).data.map((m) => m.id);
    expect(await ids("inactive")).toEqual([created.id]);
    expect(await ids("active")).toEqual([other.id]);
    expect(await ids()).toEqual([other.id, created.id]);

    const reactivated = await t.sdk.billing.meters.reactivate(created.id);
    expect(reactivated).toMatchObject({ status: "active", status_transitions: { deactivated_at: null } });
  });

  it("refuses a second meter for an event name, even while the first is deactivated", async () => {
    const first = await t.sdk.billing.meters.create(params("api_call"));
    await t.sdk.billing.meters.deactivate(first.id);
    const taken = await t.sdk.billing.meters.create(params("api_call")).catch((e) => e);
    expect(taken).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(taken).toMatchObject({ param: "event_name", statusCode: 400 });
    const missing = await t.sdk.billing.meters.retrieve("mtr_nope").catch((e) => e);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });
  });
});
