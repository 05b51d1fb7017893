/**
 * Coupons and promotion codes through the official Stripe SDK against the emulator: what a
 * real client sends and expects, with the keys of Stripe's own samples.
 */
import Stripe from "stripe";
import { fixtureKeys, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

describe("coupons through the official SDK", () => {
  it("creates, retrieves, updates, lists with auto-pagination and deletes", async () => {
    const created = await t.sdk.coupons.create({
      id: "summer",
      amount_off: 500,
      currency: "usd",
      currency_options: { eur: { amount_off: 450 } },
      duration: "repeating",
      duration_in_months: 3,
      metadata: { a: "1", b: "2" },
    });
    expect(created.id).toBe("summer");
    expect(Object.keys(created).sort()).toEqual(fixtureKeys("coupon"));
    expect(created).toMatchObject({ valid: true, times_redeemed: 0, duration_in_months: 3 });

    const expanded = await t.sdk.coupons.retrieve("summer", { expand: ["currency_options", "applies_to"] });
    expect(expanded.currency_options).toEqual({ eur: { amount_off: 450 } });
    expect(expanded.applies_to).toEqual({ products: [] });
    const updated = await t.sdk.coupons.update("summer", { name: "Summer", metadata: { a: "" } });
    expect(updated).toMatchObject({ name: "Summer", metadata: { b: "2" } });

    for (let i = 0; i < 11; i++) await t.sdk.coupons.create({ percent_off: i + 1 });
    const all: string[] = [];
    for await (const c of t.sdk.coupons.list({ limit: 5 })) all.push(c.id);
    expect(all).toHaveLength(12);
    expect(all[11]).toBe("summer");
    expect(all[0]).toMatch(/^[A-Z0-9]{8}$/);

    expect(await t.sdk.coupons.del("summer")).toEqual({ id: "summer", object: "coupon", deleted: true });
    const gone = await t.sdk.coupons.retrieve("summer").catch((e) => e);
    expect(gone).toMatchObject({ code: "resource_missing", statusCode: 404 });
  });

  it("keeps a coupon id unique in an account, and refuses what Stripe refuses with typed errors", async () => {
    await t.sdk.coupons.create({ id: "summer", percent_off: 10 });
    expect(
      (await t.sdk.coupons.create({ id: "summer", percent_off: 10 }, { stripeAccount: "acct_other" })).id,
    ).toBe("summer");
    const duplicate = await t.sdk.coupons.create({ id: "summer", percent_off: 10 }).catch((e) => e);
    expect(duplicate).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(duplicate).toMatchObject({ code: "resource_already_exists", param: "id", statusCode: 400 });

    const refused = (params: Stripe.CouponCreateParams) => t.sdk.coupons.create(params).catch((e) => e);
    expect(await refused({ percent_off: 100.5 })).toMatchObject({ param: "percent_off" });
    expect(await refused({ percent_off: 0 })).toMatchObject({ param: "percent_off" });
    expect(await refused({ amount_off: 5 })).toMatchObject({ code: "parameter_missing", param: "currency" });
    expect(await refused({ percent_off: 5, amount_off: 5, currency: "usd" })).toMatchObject({
      param: "amount_off",
    });
    expect(await refused({ percent_off: 5, duration: "repeating" })).toMatchObject({
      param: "duration_in_months",
    });
    expect(await refused({ percent_off: 5, duration_in_months: 2 })).toMatchObject({
      param: "duration_in_months",
    });
    expect(await refused({ percent_off: 5, currency_options: { eur: { amount_off: 1 } } })).toMatchObject({
      param: "currency_options",
    });
    expect(await refused({ percent_off: 5, applies_to: { products: ["prod_nope"] } })).toMatchObject({
      code: "resource_missing",
      param: "applies_to[products][0]",
    });

    // Only name, metadata and currency options can change.
    const createOnly = await t.sdk.coupons.update("summer", { percent_off: 20 } as never).catch((e) => e);
    expect(createOnly).toMatchObject({ code: "parameter_unknown", param: "percent_off" });
  });
});

describe("promotion codes through the official SDK", () => {
  it("creates, retrieves, updates and lists by active, code and coupon", async () => {
    await t.sdk.coupons.create({ id: "summer", percent_off: 10 });
    const created = await t.sdk.promotionCodes.create({
      promotion: { type: "coupon", coupon: "summer" },
      code: "SUMMER20",
      restrictions: {
        minimum_amount: 1000,
        minimum_amount_currency: "usd",
        currency_options: { eur: { minimum_amount: 900 } },
      },
      metadata: { a: "1" },
    });
    expect(created.id).toMatch(/^promo_/);
    expect(Object.keys(created).sort()).toEqual(fixtureKeys("promotion_code"));
    expect(created.promotion).toEqual({ coupon: "summer", type: "coupon" });
    expect(created.restrictions.currency_options).toBeUndefined();
    const expanded = await t.sdk.promotionCodes.retrieve(created.id, {
      expand: ["restrictions.currency_options"],
    });
    expect(expanded.restrictions.currency_options).toEqual({ eur: { minimum_amount: 900 } });

    const updated = await t.sdk.promotionCodes.update(created.id, { active: false, metadata: { a: "" } });
    expect(updated).toMatchObject({ active: false, metadata: {} });

    const again = await t.sdk.promotionCodes.create({
      promotion: { type: "coupon", coupon: "summer" },
      code: "summer20",
    });
    const byCode = await t.sdk.promotionCodes.list({ code: "Summer20" });
    expect(byCode.data.map((p) => p.id)).toEqual([again.id, created.id]);
    expect((await t.sdk.promotionCodes.list({ active: true })).data.map((p) => p.id)).toEqual([again.id]);
    expect((await t.sdk.promotionCodes.list({ coupon: "other" })).data).toEqual([]);
    expect((await t.sdk.promotionCodes.list({ coupon: "summer" })).data).toHaveLength(2);
  });

  it("keeps a code unique among active codes whatever its case, and refuses Stripe's other rules", async () => {
    await t.sdk.coupons.create({ id: "summer", percent_off: 10, max_redemptions: 5 });
    const first = await t.sdk.promotionCodes.create({
      promotion: { type: "coupon", coupon: "summer" },
      code: "FALL20",
    });
    const clash = await t.sdk.promotionCodes
      .create({ promotion: { type: "coupon", coupon: "summer" }, code: "fall20" })
      .catch((e) => e);
    expect(clash).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(clash).toMatchObject({ param: "code", statusCode: 400 });
    await t.sdk.promotionCodes.update(first.id, { active: false });
    const second = await t.sdk.promotionCodes.create({
      promotion: { type: "coupon", coupon: "summer" },
      code: "fall20",
    });
    // The first cannot come back while the second holds the code.
    expect(await t.sdk.promotionCodes.update(first.id, { active: true }).catch((e) => e)).toMatchObject({
      param: "code",
    });
    expect(second.active).toBe(true);

    const refused = (params: Partial<Stripe.PromotionCodeCreateParams>) =>
      t.sdk.promotionCodes
        .create({
          promotion: { type: "coupon", coupon: "summer" },
          ...params,
        } as Stripe.PromotionCodeCreateParams)
        .catch((e) => e);
    expect(await refused({ code: "NO SPACES" })).toMatchObject({ param: "code" });
    expect(await refused({ code: "OK", max_redemptions: 6 })).toMatchObject({ param: "max_redemptions" });
    expect(await refused({ code: "OK", promotion: { type: "coupon", coupon: "nope" } })).toMatchObject({
      code: "resource_missing",
      param: "promotion[coupon]",
    });
    expect(await refused({ code: "OK", restrictions: { minimum_amount: 5 } })).toMatchObject({
      param: "restrictions[minimum_amount_currency]",
    });
    const createOnly = await t.sdk.promotionCodes.update(first.id, { code: "X" } as never).catch((e) => e);
    expect(createOnly).toMatchObject({ code: "parameter_unknown", param: "code" });
  });
});
