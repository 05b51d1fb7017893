/**
 * The contract case of Coupon (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { coupon } from "../../../provider/resources/coupon";
import type { ResourceCase } from "../contract";

export const create = {
  couponId: "summer",
  amountOff: 500,
  currency: "USD",
  currencyOptions: { eur: { amountOff: 450 } },
  duration: "repeating",
  durationInMonths: 3,
  name: "Summer sale",
  metadata: { team: "growth", season: "2026" },
};

export const contract: ResourceCase = {
  decl: coupon,
  make: async (h) => {
    const product = await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
    const limited = { ...create, appliesTo: { products: [product.id] } };
    return {
      create,
      update: {
        inputs: {
          ...create,
          name: "Summer sale 2026",
          currencyOptions: { eur: { amountOff: 400 } },
          metadata: { team: "growth" },
        },
        expect(object) {
          expect(object.name).toBe("Summer sale 2026");
          expect(object.currency_options).toEqual({ eur: { amount_off: 400 } });
          expect(object.metadata).toEqual({ team: "growth" });
        },
      },
      replace: { inputs: { ...create, amountOff: 700 }, replaces: ["amountOff"] },
      afterDelete(object) {
        // Stripe deletes coupons.
        expect(object).toBeUndefined();
      },
      drift: { patch: { name: "Renamed in the Dashboard" } },
      // What a coupon applies to never changes: removing the limit replaces it.
      removeNested: { from: limited, to: create, plan: { replaces: ["appliesTo"] } },
      removeMapEntry: {
        from: create,
        to: { ...create, metadata: { team: "growth" } },
        expect(object) {
          expect(object.metadata).toEqual({ team: "growth" });
        },
      },
      editNested: {
        from: create,
        to: { ...create, currencyOptions: { eur: { amountOff: 399 } } },
        expect(object) {
          expect(object.currency_options).toEqual({ eur: { amount_off: 399 } });
        },
      },
    };
  },
};
