/**
 * References that mean the same thing in every account: prices by lookup key and products by
 * custom id, resolved in the target account when inputs are checked.
 */
import { UNKNOWN, type Plain, type PlainObject } from "../../provider/engine/values";
import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { price } from "../../provider/resources/price";
import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";
import { useEmulator } from "../support/emulator";

const h = useEmulator();

async function catalog(account?: string) {
  const provider = h.provider(price);
  await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
  const make = async (lookupKey: string, unitAmount: number, interval = "month") => {
    const inputs = (
      await provider.check(
        {},
        {
          product: "pro",
          currency: "usd",
          unitAmount,
          recurring: { interval },
          lookupKey,
          stripeAccount: account,
        },
      )
    ).inputs;
    return provider.create(inputs);
  };
  return {
    provider,
    monthly: await make("pro-monthly", 2000),
    yearly: await make("pro-yearly", 20000, "year"),
    make,
  };
}

const portal = (prices: Plain[]): PlainObject => ({
  features: {
    subscriptionUpdate: {
      enabled: true,
      defaultAllowedUpdates: ["price"],
      products: [{ product: "pro", prices }],
    },
  },
});

describe("price references by lookup key", () => {
  it("resolves every key of a portal configuration with one list call, before anything is written", async () => {
    const { monthly, yearly } = await catalog();
    const before = h.emulator.requests().length;
    const checked = await h
      .provider(portalConfiguration)
      .check({}, portal([{ lookupKey: "pro-yearly" }, { lookupKey: "pro-monthly" }]));
    expect(checked.failures).toEqual([]);
    expect((checked.inputs.features as any).subscriptionUpdate.products[0].prices).toEqual(
      [monthly.id, yearly.id].sort(),
    );
    const calls = h.emulator.requests().slice(before);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /v1/prices"]);
  });

  it("fails the preview for an unknown key, naming the input and the key", async () => {
    await catalog();
    const checked = await h.provider(portalConfiguration).check({}, portal([{ lookupKey: "pro-weekly" }]));
    expect(checked.failures).toEqual([
      {
        property: "features",
        reason: expect.stringMatching(
          /\[unknown_lookup_key\] features\.subscriptionUpdate\.products\.0\.prices\.0: .*"pro-weekly"/,
        ),
      },
    ]);
    expect(h.emulator.requests({ method: "POST", path: "/v1/billing_portal/configurations" })).toHaveLength(
      0,
    );
  });

  it("follows a key that moved to a new price: a change at the next preview, none after the update", async () => {
    const { monthly, make } = await catalog();
    const provider = h.provider(portalConfiguration);
    const wanted = portal([{ lookupKey: "pro-monthly" }]);
    const created = await provider.create((await provider.check({}, wanted)).inputs);
    const raised = await make("pro-monthly", 2500);
    expect(raised.id).not.toBe(monthly.id);
    const next = (await provider.check(created.outs, wanted)).inputs;
    expect(await provider.diff(created.id, created.outs, next)).toMatchObject({
      changes: true,
      replaces: [],
    });
    const updated = await provider.update(created.id, created.outs, next);
    const stored = h.emulator.objects.get(created.id) as any;
    expect(stored.features.subscription_update.products[0].prices).toEqual([raised.id]);
    const again = (await provider.check(updated.outs, wanted)).inputs;
    expect((await provider.diff(created.id, updated.outs, again)).changes).toBe(false);
  });

  it("resolves in the account the resource targets", async () => {
    await catalog();
    const other = await h
      .provider(portalConfiguration)
      .check({}, { ...portal([{ lookupKey: "pro-monthly" }]), stripeAccount: "acct_staging" });
    expect(other.failures[0]?.reason).toContain("[unknown_lookup_key]");
  });

  it("accepts lookup keys in subscription schedule items", async () => {
    const { monthly, yearly } = await catalog();
    const customer = await h.stripe("POST", "/v1/customers", {});
    const provider = h.provider(subscriptionSchedule);
    const checked = await provider.check(
      {},
      {
        customer: customer.id,
        phases: [
          { items: [{ price: { lookupKey: "pro-monthly" } }], duration: { interval: "month" } },
          { items: [{ price: { lookupKey: "pro-yearly" } }] },
        ],
      },
    );
    expect(checked.failures).toEqual([]);
    const { id, outs } = await provider.create(checked.inputs);
    const stored = h.emulator.objects.get(id) as any;
    expect(stored.phases.map((p: any) => p.items[0].price)).toEqual([monthly.id, yearly.id]);
    expect((await provider.diff(id, outs, checked.inputs)).changes).toBe(false);
  });

  it("leaves a key still unknown at preview alone", async () => {
    const checked = await h
      .provider(portalConfiguration)
      .check({}, portal([{ lookupKey: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }]));
    expect(checked.failures).toEqual([]);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("previews a portal offering a price not created yet as an update, Stripe's defaults kept", async () => {
    const { monthly } = await catalog();
    const provider = h.provider(portalConfiguration);
    const created = await provider.create((await provider.check({}, portal([monthly.id]))).inputs);
    // At preview, the id of a price the same program creates is unknown.
    const checked = await provider.check(created.outs, portal([monthly.id, UNKNOWN]));
    expect(checked.failures).toEqual([]);
    expect((checked.inputs.features as any).subscriptionCancel).toEqual(
      (created.outs.features as any).subscriptionCancel,
    );
    expect(await provider.diff(created.id, created.outs, checked.inputs)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });
});
