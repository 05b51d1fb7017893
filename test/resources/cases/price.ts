/**
 * The contract case of Price (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { price } from "../../../provider/resources/price";
import type { Harness } from "../../support/emulator";
import type { ResourceCase } from "../contract";

export const base = {
  currency: "USD",
  unitAmount: 2000,
  recurring: { interval: "month" },
  nickname: "Pro monthly",
  lookupKey: "pro-monthly",
  currencyOptions: { eur: { unitAmount: 1800 } },
  metadata: { plan: "pro", team: "billing" },
};

export async function productIn(h: Harness, id = "pro"): Promise<string> {
  await h.stripe("POST", "/v1/products", { id, name: id });
  return id;
}

export const contract: ResourceCase = {
  decl: price,
  make: async (h) => {
    const create = { ...base, product: await productIn(h) };
    return {
      create,
      update: {
        inputs: {
          ...create,
          nickname: "Pro (monthly)",
          lookupKey: "pro-monthly-v2",
          taxBehavior: "exclusive",
          currencyOptions: { eur: { unitAmount: 1900, taxBehavior: "exclusive" }, gbp: { unitAmount: 1600 } },
          metadata: { plan: "pro" },
          productDefault: true,
        },
        expect(object) {
          expect(object.nickname).toBe("Pro (monthly)");
          expect(object.lookup_key).toBe("pro-monthly-v2");
          expect(object.tax_behavior).toBe("exclusive");
          expect(object.currency_options).toMatchObject({
            eur: { unit_amount: 1900, tax_behavior: "exclusive" },
            gbp: { unit_amount: 1600 },
          });
          expect(object.metadata).toEqual({ plan: "pro" });
          expect(h.emulator.objects.get("pro")?.default_price).toBe(object.id);
        },
      },
      replace: { inputs: { ...create, unitAmount: 2500 }, replaces: ["unitAmount"] },
      afterDelete(object) {
        expect(object?.active).toBe(false);
      },
      drift: { patch: { nickname: "Changed in the Dashboard" } },
      // A one-time price is another price.
      removeNested: {
        from: create,
        to: { ...create, recurring: undefined },
        plan: { replaces: ["recurring"] },
      },
      // Stripe cannot drop one currency option (`currency_options.<cur>` cannot be sent empty).
      removeMapEntry: {
        from: { ...create, currencyOptions: { eur: { unitAmount: 1800 }, gbp: { unitAmount: 1500 } } },
        to: create,
        plan: { replaces: ["currencyOptions"] },
      },
      editNested: {
        from: create,
        to: { ...create, currencyOptions: { eur: { unitAmount: 1750 } } },
        expect(object) {
          expect(object.currency_options.eur.unit_amount).toBe(1750);
        },
      },
    };
  },
};
