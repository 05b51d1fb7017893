/**
 * Tax rates through the official Stripe SDK against the emulator: what a real client sends
 * and expects. https://docs.stripe.com/api/tax_rates
 */
import Stripe from "stripe";
import { fixtureKeys, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

const vat = {
  display_name: "VAT",
  percentage: 19,
  inclusive: false,
  country: "DE",
  tax_type: "vat" as const,
};

describe("tax rates through the official SDK", () => {
  it("creates, retrieves, updates and lists with Stripe's keys", async () => {
    const created = await t.sdk.taxRates.create({ ...vat, metadata: { a: "1", b: "2" } });
    expect(created.id).toMatch(/^txr_[A-Za-z0-9]{24}$/);
    expect(Object.keys(created).sort()).toEqual(fixtureKeys("tax_rate"));
    expect(created).toMatchObject({ active: true, percentage: 19, inclusive: false, tax_type: "vat" });

    expect((await t.sdk.taxRates.retrieve(created.id)).display_name).toBe("VAT");
    const updated = await t.sdk.taxRates.update(created.id, {
      display_name: "MwSt",
      jurisdiction: "DE",
      metadata: { a: "" },
    });
    expect(updated).toMatchObject({ display_name: "MwSt", jurisdiction: "DE", metadata: { b: "2" } });
    expect(updated.percentage).toBe(19);
  });

  it("lists by active and inclusive", async () => {
    const exclusive = await t.sdk.taxRates.create(vat);
    const inclusive = await t.sdk.taxRates.create({ ...vat, inclusive: true, percentage: 7.5 });
    const archived = await t.sdk.taxRates.create({ ...vat, percentage: 5 });
    await t.sdk.taxRates.update(archived.id, { active: false });

    const ids = async (params: Stripe.TaxRateListParams) =>
      (await t.sdk.taxRates.list(params)).data.map((r) => r.id);
    expect(await ids({})).toEqual([archived.id, inclusive.id, exclusive.id]);
    expect(await ids({ active: true })).toEqual([inclusive.id, exclusive.id]);
    expect(await ids({ active: false })).toEqual([archived.id]);
    expect(await ids({ inclusive: true })).toEqual([inclusive.id]);
    expect(await ids({ inclusive: false, active: true })).toEqual([exclusive.id]);
  });

  it("refuses to change a rate's percentage or inclusiveness, and never deletes one", async () => {
    const created = await t.sdk.taxRates.create(vat);
    for (const param of ["percentage", "inclusive"] as const) {
      const err = await t.sdk.taxRates
        .update(created.id, { [param]: param === "percentage" ? 20 : true } as never)
        .catch((e) => e);
      expect(err).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(err).toMatchObject({ code: "parameter_unknown", param });
    }
    expect((await t.sdk.taxRates.retrieve(created.id)).percentage).toBe(19);
    const del = await t.raw(t.url, "DELETE", `/v1/tax_rates/${created.id}`);
    expect(del.status).toBe(404);
  });

  it("surfaces Stripe-shaped errors as the SDK's typed errors", async () => {
    const missing = await t.sdk.taxRates.retrieve("txr_nope").catch((e) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });
    const over = await t.sdk.taxRates.create({ ...vat, percentage: 101 }).catch((e) => e);
    expect(over).toMatchObject({ param: "percentage", statusCode: 400 });
    const required = await t.sdk.taxRates
      .create({ display_name: "VAT", percentage: 19 } as never)
      .catch((e) => e);
    expect(required).toMatchObject({ code: "parameter_missing", param: "inclusive" });
  });
});
