/**
 * The contract case of PromotionCode (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { promotionCode } from "../../../provider/resources/promotion-code";
import type { ResourceCase } from "../contract";

export const create = {
  code: "SUMMER20",
  promotion: { type: "coupon", coupon: "summer" },
  maxRedemptions: 100,
  restrictions: {
    firstTimeTransaction: true,
    minimumAmount: 1000,
    minimumAmountCurrency: "USD",
    currencyOptions: { eur: { minimumAmount: 900 } },
  },
  metadata: { team: "growth", season: "2026" },
};

export const contract: ResourceCase = {
  decl: promotionCode,
  make: async (h) => {
    await h.stripe("POST", "/v1/coupons", { id: "summer", percent_off: 20 });
    await h.stripe("POST", "/v1/coupons", { id: "autumn", percent_off: 15 });
    return {
      create,
      update: {
        inputs: {
          ...create,
          active: false,
          restrictions: { ...create.restrictions, currencyOptions: { eur: { minimumAmount: 800 } } },
          metadata: { team: "growth" },
        },
        expect(object) {
          expect(object.active).toBe(false);
          expect(object.restrictions.currency_options).toEqual({ eur: { minimum_amount: 800 } });
          expect(object.metadata).toEqual({ team: "growth" });
        },
      },
      replace: {
        inputs: { ...create, promotion: { type: "coupon", coupon: "autumn" } },
        replaces: ["promotion"],
      },
      afterDelete(object) {
        // Stripe cannot delete promotion codes: destroy deactivates it.
        expect(object?.active).toBe(false);
      },
      drift: { patch: { metadata: { team: "someone-else" } } },
      // What a code requires of an order never changes: removing the restrictions replaces it.
      removeNested: {
        from: create,
        to: { ...create, restrictions: undefined },
        plan: { replaces: ["restrictions"] },
      },
      // Nor can a currency option be sent empty: removing one replaces it too.
      removeMapEntry: {
        from: {
          ...create,
          restrictions: {
            ...create.restrictions,
            currencyOptions: { eur: { minimumAmount: 900 }, gbp: { minimumAmount: 800 } },
          },
        },
        to: create,
        plan: { replaces: ["restrictions"] },
      },
      editNested: {
        from: create,
        to: {
          ...create,
          restrictions: { ...create.restrictions, currencyOptions: { eur: { minimumAmount: 950 } } },
        },
        expect(object) {
          expect(object.restrictions.currency_options).toEqual({ eur: { minimum_amount: 950 } });
        },
      },
    };
  },
};
