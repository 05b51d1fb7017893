/**
 * Webhook endpoints through the official Stripe SDK against the emulator: what a real client
 * sends and expects. https://docs.stripe.com/api/webhook_endpoints
 */
import Stripe from "stripe";
import { fixtureKeys, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

const hook = {
  url: "https://example.com/stripe/webhooks",
  enabled_events: ["invoice.paid" as const, "customer.subscription.updated" as const],
};

describe("webhook endpoints through the official SDK", () => {
  it("creates with the signing secret in the create response only", async () => {
    const created = await t.sdk.webhookEndpoints.create({ ...hook, metadata: { a: "1", b: "2" } });
    expect(created.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9]+$/);
    expect(Object.keys(created).sort()).toEqual([...fixtureKeys("webhook_endpoint"), "secret"].sort());
    expect(created).toMatchObject({
      status: "enabled",
      api_version: null,
      enabled_events: hook.enabled_events,
    });

    const retrieved = await t.sdk.webhookEndpoints.retrieve(created.id);
    expect(Object.keys(retrieved).sort()).toEqual(fixtureKeys("webhook_endpoint"));
    const listed = (await t.sdk.webhookEndpoints.list()).data;
    expect(listed.map((e) => e.id)).toEqual([created.id]);
    expect(listed[0].secret).toBeUndefined();

    const updated = await t.sdk.webhookEndpoints.update(created.id, {
      url: "https://example.com/stripe/events",
      enabled_events: ["*"],
      disabled: true,
      description: "All events",
      metadata: { a: "" },
    });
    expect(updated).toMatchObject({
      url: "https://example.com/stripe/events",
      enabled_events: ["*"],
      status: "disabled",
      description: "All events",
      metadata: { b: "2" },
    });
    expect(updated.secret).toBeUndefined();
    expect((await t.sdk.webhookEndpoints.update(created.id, { description: "" })).description).toBeNull();
  });

  it("deletes, after which the endpoint is gone", async () => {
    const created = await t.sdk.webhookEndpoints.create(hook);
    expect(await t.sdk.webhookEndpoints.del(created.id)).toEqual({
      id: created.id,
      object: "webhook_endpoint",
      deleted: true,
    });
    const gone = await t.sdk.webhookEndpoints.retrieve(created.id).catch((e) => e);
    expect(gone).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(gone).toMatchObject({ code: "resource_missing", statusCode: 404 });
  });

  it("refuses event types the pinned version lacks, a URL that is not http(s), and create-only fields on update", async () => {
    const event = await t.sdk.webhookEndpoints
      .create({ ...hook, enabled_events: ["invoice.teleported" as never] })
      .catch((e) => e);
    expect(event).toMatchObject({ param: "enabled_events[0]", statusCode: 400 });
    const url = await t.sdk.webhookEndpoints.create({ ...hook, url: "ftp://example.com/x" }).catch((e) => e);
    expect(url).toMatchObject({ param: "url", statusCode: 400 });
    const created = await t.sdk.webhookEndpoints.create(hook);
    const version = await t.sdk.webhookEndpoints
      .update(created.id, { api_version: "2026-10-28.endive" } as never)
      .catch((e) => e);
    expect(version).toMatchObject({ code: "parameter_unknown", param: "api_version" });
  });
});
