/**
 * Writes replayed across processes: a fresh provider (as a new provider host would be) that
 * re-runs what a killed one sent gets Stripe's stored result, not a second object; a write
 * that only resembles an earlier one is sent anew.
 */
import type { PlainObject } from "../../provider/engine/values";
import { PartialCreateError, StripeConnectionError } from "../../provider/errors";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { taxSettings } from "../../provider/resources/tax-settings";
import { webhookEndpoint } from "../../provider/resources/webhook-endpoint";
import { useEmulator } from "../support/emulator";

const h = useEmulator();

const inputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };
const identityOf = (name: string) => `billing::ci::::ShippingRate::${name}`;

async function checked(news: object, name = "ground", olds: object = {}): Promise<PlainObject> {
  const result = await h.provider(shippingRate).check(olds as PlainObject, {
    ...(news as PlainObject),
    __identity: identityOf(name),
  });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

const rates = async () =>
  (await h.stripe("GET", "/v1/shipping_rates", { limit: 100 })).data as { id: string }[];

describe("writes replayed across processes", () => {
  it("a create re-run by a new process returns the object the first one created", async () => {
    const news = await checked(inputs);
    const first = await h.provider(shippingRate).create(news);
    const again = await h.provider(shippingRate).create(news);
    expect(again.id).toBe(first.id);
    expect(again.outs).toEqual(first.outs);
    expect(await rates()).toHaveLength(1);
    expect(h.emulator.requests({ method: "POST" }).map((r) => r.replayed)).toEqual([false, true]);
  });

  it("a webhook endpoint's create re-run by a new process keeps the signing secret of the first", async () => {
    const hook = {
      url: "https://example.com/hooks",
      enabledEvents: ["invoice.paid"],
      __identity: "billing::ci::::WebhookEndpoint::hooks",
    };
    const news = (await h.provider(webhookEndpoint).check({}, hook)).inputs;
    const first = await h.provider(webhookEndpoint).create(news);
    const again = await h.provider(webhookEndpoint).create(news);
    expect(again.id).toBe(first.id);
    expect(first.outs.secret).toMatch(/^whsec_/);
    // Stripe returns the secret with the create only: the replayed create is where it is.
    expect(again.outs.secret).toBe(first.outs.secret);
  });

  it("a create and its settling update re-run after both committed: one object, no new write", async () => {
    const news = await checked({ ...inputs, active: false });
    const first = await h.provider(shippingRate).create(news);
    const again = await h.provider(shippingRate).create(news);
    expect(again.id).toBe(first.id);
    expect(await rates()).toHaveLength(1);
    const executed = h.emulator.requests({ method: "POST" }).filter((r) => !r.replayed);
    expect(executed).toHaveLength(2);
  });

  it("the settling update is sent by the new process when the killed one never sent it", async () => {
    const news = await checked({ ...inputs, active: false });
    // The killed process got as far as the create.
    h.emulator.inject({
      type: "reset",
      when: "before",
      method: "POST",
      path: /^\/v1\/shipping_rates\/shr_/,
      times: 100,
    });
    const killed = await h
      .provider(shippingRate, {}, { policy: { maxRetries: 0 } })
      .create(news)
      .catch((e) => e);
    // Created but not settled: the id is kept so Pulumi records the object.
    expect(killed).toBeInstanceOf(PartialCreateError);
    expect(killed).toMatchObject({
      code: "partial_create",
      id: expect.stringMatching(/^shr_/),
      cause: expect.any(StripeConnectionError),
      message: expect.stringMatching(
        /^Could not reach Stripe at .* \(POST \/v1\/shipping_rates\/shr_\w+\): .*was created and is kept in state/,
      ),
    });
    h.emulator.clearFaults();
    const { id } = await h.provider(shippingRate).create(news);
    expect(await rates()).toHaveLength(1);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("two resources with identical inputs and different names are two objects", async () => {
    const a = await h.provider(shippingRate).create(await checked(inputs, "ground"));
    const b = await h.provider(shippingRate).create(await checked(inputs, "ground-eu"));
    expect(a.id).not.toBe(b.id);
    expect(await rates()).toHaveLength(2);
  });

  it("a create with different inputs is a new object", async () => {
    await h.provider(shippingRate).create(await checked(inputs));
    await h.provider(shippingRate).create(await checked({ ...inputs, displayName: "Ground+" }));
    expect(await rates()).toHaveLength(2);
  });

  it("a resource destroyed and declared again within the key's lifetime gets a new object", async () => {
    const news = await checked(inputs);
    const first = await h.provider(shippingRate).create(news);
    await h.provider(shippingRate).delete(first.id, first.outs);
    const second = await h.provider(shippingRate).create(news);
    expect(second.id).not.toBe(first.id);
    expect(h.emulator.objects.get(second.id)?.active).toBe(true);
    // And a re-run of that second create replays it rather than making a third.
    const third = await h.provider(shippingRate).create(news);
    expect(third.id).toBe(second.id);
    expect(await rates()).toHaveLength(2);
  });

  it("a create re-run after the object was deleted out of band creates it again", async () => {
    const news = await checked(inputs);
    const first = await h.provider(shippingRate).create(news);
    h.emulator.objects.remove(first.id);
    const second = await h.provider(shippingRate).create(news);
    expect(second.id).not.toBe(first.id);
    expect(await rates()).toHaveLength(1);
  });

  it("an update changed back and forth within a day is applied every time", async () => {
    const { id, outs } = await h.provider(shippingRate).create(await checked(inputs));
    let olds = outs;
    for (const tier of ["gold", "silver", "gold", "silver", "gold"]) {
      const news = await checked({ ...inputs, metadata: { tier } }, "ground", olds);
      olds = (await h.provider(shippingRate).update(id, olds, news)).outs;
      expect(h.emulator.objects.get(id)?.metadata).toEqual({ tier });
      expect(olds.metadata).toEqual({ tier });
    }
  });

  it("after the emulator's 24 hours the key is forgotten and the create runs again", async () => {
    const news = await checked(inputs);
    await h.provider(shippingRate).create(news);
    h.emulator.clock.advance(24 * 60 * 60);
    await h.provider(shippingRate).create(news);
    expect(await rates()).toHaveLength(2);
  });

  it("never sends the identity to Stripe, nor keeps it in outputs", async () => {
    const { outs } = await h.provider(shippingRate).create(await checked(inputs));
    expect(Object.keys(outs).some((k) => k.startsWith("__"))).toBe(false);
    expect(JSON.stringify(h.emulator.requests().map((r) => r.params))).not.toMatch(/identity|billing::ci/);
  });

  it("a change of identity alone is no change", async () => {
    const { id, outs } = await h.provider(shippingRate).create(await checked(inputs));
    const diff = await h.provider(shippingRate).diff(id, outs, await checked(inputs, "renamed", outs));
    expect(diff.changes).toBe(false);
  });

  it("tax settings written by a killed run: the re-run keeps what the killed run found, and destroy restores it", async () => {
    const seeded = { tax_behavior: "inclusive", tax_code: "txcd_99999999" };
    await h.stripe("POST", "/v1/tax/settings", { defaults: seeded });
    const p = () => h.provider(taxSettings, {}, { policy: { maxRetries: 0 } });
    const news = (
      await p().check(
        {},
        {
          defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
          __identity: "billing::ci::::TaxSettings::tax",
        },
      )
    ).inputs;
    // The killed run: its first look is answered, its write commits and the answer is lost.
    h.emulator.inject({ type: "latency", ms: 0, method: "POST", path: "/v1/tax/settings" });
    h.emulator.inject({ type: "reset", when: "after", method: "POST", path: "/v1/tax/settings", times: 10 });
    const killed = await p()
      .create(news)
      .catch((e) => e);
    expect(killed).toBeInstanceOf(StripeConnectionError);
    expect(killed).toMatchObject({
      code: "connection_error",
      message: expect.stringContaining("(POST /v1/tax/settings)"),
    });
    h.emulator.clearFaults();
    expect((await h.stripe("GET", "/v1/tax/settings")).defaults.tax_code).toBe("txcd_10000000");

    const { id, outs } = await p().create(news);
    expect(outs.snapshot).toEqual({ defaults: { taxBehavior: "inclusive", taxCode: "txcd_99999999" } });
    await p().delete(id, outs);
    expect((await h.stripe("GET", "/v1/tax/settings")).defaults).toMatchObject(seeded);
    // The first look is an empty write: it changes nothing, and the re-run's was replayed.
    const looks = h.emulator
      .requests({ method: "POST", path: "/v1/tax/settings" })
      .filter((r) => Object.keys(r.params).length === 0);
    expect(looks.map((r) => r.replayed)).toEqual([false, true]);
  });
});
