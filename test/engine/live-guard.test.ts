/**
 * In live mode, a replacement or destroy that would retire a Stripe object needs
 * allowLiveDestroy: a replacement fails at preview naming the resource and what would happen,
 * a destroy fails before any write. Test mode is unaffected.
 */
import type { AnyDeclaration } from "../../provider/engine/declaration";
import type { PlainObject } from "../../provider/engine/values";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";
import { useEmulator } from "../support/emulator";

const h = useEmulator();

const LIVE = { "stripe-billing:apiKey": "sk_live_guard1", "stripe-billing:allowLiveMode": "true" };
const LIVE_ALLOWED = { ...LIVE, "stripe-billing:allowLiveDestroy": "true" };
const inputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };
const replaced = { ...inputs, displayName: "Ground (2-day)" };

async function checked(
  decl: AnyDeclaration,
  config: Record<string, string>,
  news: object,
  olds: object = {},
) {
  const result = await h.provider(decl, config).check(olds as PlainObject, {
    ...(news as PlainObject),
    __identity: `billing::prod::::${decl.type}::ground`,
  });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

async function rate(config: Record<string, string>, extra: object = {}) {
  const news = await checked(shippingRate, config, { ...inputs, ...extra });
  return h.provider(shippingRate, config).create(news);
}

const writes = () => h.emulator.requests({ method: "POST" }).length;

describe("live mode: destructive changes need allowLiveDestroy", () => {
  it("a replacement fails at preview, naming the resource and what would happen, with no write", async () => {
    const { id, outs } = await rate(LIVE);
    const before = writes();
    const news = await checked(shippingRate, LIVE, replaced, outs);
    await expect(h.provider(shippingRate, LIVE).diff(id, outs, news)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringMatching(
        new RegExp(
          `ShippingRate "ground": replacing it would archive \\(deactivate\\) ${id} in live mode.*allowLiveDestroy`,
        ),
      ),
    });
    expect(writes()).toBe(before);
    expect(h.emulator.objects.get(id)?.active).toBe(true);
  });

  it("an in-place update in live mode needs nothing more", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE, { ...inputs, metadata: { a: "1" } }, outs);
    expect(await h.provider(shippingRate, LIVE).diff(id, outs, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("the stack config allows a replacement, and the plan says what will happen", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE_ALLOWED, replaced, outs);
    const diff = await h.provider(shippingRate, LIVE_ALLOWED).diff(id, outs, news);
    expect(diff.replaces).toEqual(["displayName"]);
    expect(h.warnings.join("\n")).toMatch(
      new RegExp(`"ground": replacing it will archive \\(deactivate\\) ${id} in live mode`),
    );
    await h.provider(shippingRate, LIVE_ALLOWED).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("the resource's own allowLiveDestroy in the new inputs allows the replacement and its delete", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE, { ...replaced, allowLiveDestroy: true }, outs);
    await h.provider(shippingRate, LIVE).diff(id, outs, news);
    await h.provider(shippingRate, LIVE).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("a destroy fails before any write", async () => {
    const { id, outs } = await rate(LIVE);
    const before = writes();
    await expect(h.provider(shippingRate, LIVE).delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining(`destroying it would archive (deactivate) ${id}`),
    });
    expect(writes()).toBe(before);
    expect(h.emulator.objects.get(id)?.active).toBe(true);
  });

  it("a destroy proceeds when the resource's applied inputs allow it", async () => {
    const { id, outs } = await rate(LIVE, { allowLiveDestroy: true });
    expect(outs.allowLiveDestroy).toBe(true);
    await h.provider(shippingRate, LIVE).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("a schedule's release is refused in live mode and named", async () => {
    const config = { ...LIVE };
    const live = (path: string, params: Record<string, string>): Promise<any> =>
      fetch(`${h.emulator.url}${path}`, {
        method: "POST",
        headers: {
          authorization: "Bearer sk_live_guard1",
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(params).toString(),
      }).then((r) => r.json());
    const liveCustomer = await live("/v1/customers", {});
    const liveProduct = await live("/v1/products", { name: "Plan" });
    const livePrice = await live("/v1/prices", {
      product: liveProduct.id,
      currency: "usd",
      unit_amount: "100",
      "recurring[interval]": "month",
    });
    const news = await checked(subscriptionSchedule, config, {
      customer: liveCustomer.id,
      phases: [{ items: [{ price: livePrice.id }] }],
    });
    const { id, outs } = await h.provider(subscriptionSchedule, config).create(news);
    await expect(h.provider(subscriptionSchedule, config).delete(id, outs)).rejects.toMatchObject({
      message: expect.stringContaining(`destroying it would release ${id}`),
    });
    expect((h.emulator.objects.get(id) as { status?: string }).status).toBe("active");
  });

  it("test mode is unaffected", async () => {
    const { id, outs } = await rate({});
    const news = await checked(shippingRate, {}, replaced, outs);
    expect((await h.provider(shippingRate).diff(id, outs, news)).replaces).toEqual(["displayName"]);
    await h.provider(shippingRate).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
    expect(h.emulator.requests({ method: "GET" })).toHaveLength(0);
  });
});
