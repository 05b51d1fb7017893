/**
 * The contract case of ShippingRate (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { shippingRate } from "../../../provider/resources/shipping-rate";
import type { ResourceCase } from "../contract";

export const create = {
  displayName: "Ground shipping",
  fixedAmount: { amount: 500, currency: "USD", currencyOptions: { eur: { amount: 450 } } },
  deliveryEstimate: {
    minimum: { unit: "business_day", value: 2 },
    maximum: { unit: "business_day", value: 5 },
  },
  metadata: { team: "billing", tier: "standard" },
};

export const contract: ResourceCase = {
  decl: shippingRate,
  make: () => ({
    create,
    update: {
      inputs: {
        ...create,
        fixedAmount: {
          ...create.fixedAmount,
          currencyOptions: { eur: { amount: 400, taxBehavior: "inclusive" } },
        },
        metadata: { team: "ops" },
        taxBehavior: "exclusive",
      },
      expect(object) {
        expect(object.metadata).toEqual({ team: "ops" });
        expect(object.tax_behavior).toBe("exclusive");
        expect(object.fixed_amount.currency_options.eur).toEqual({ amount: 400, tax_behavior: "inclusive" });
      },
    },
    replace: {
      inputs: { ...create, fixedAmount: { ...create.fixedAmount, amount: 700 } },
      replaces: ["fixedAmount"],
    },
    afterDelete(object) {
      expect(object?.active).toBe(false);
    },
    drift: { patch: { metadata: { team: "someone-else" } } },
    // Stripe cannot change a delivery estimate: removing it replaces the rate.
    removeNested: {
      from: create,
      to: { ...create, deliveryEstimate: undefined },
      plan: { replaces: ["deliveryEstimate"] },
    },
    // Nor remove a currency option (`currency_options.<cur>` cannot be sent empty): it replaces too.
    removeMapEntry: {
      from: {
        ...create,
        fixedAmount: {
          ...create.fixedAmount,
          currencyOptions: { eur: { amount: 450 }, chf: { amount: 480 } },
        },
      },
      to: create,
      plan: { replaces: ["fixedAmount"] },
    },
    editNested: {
      from: create,
      to: { ...create, fixedAmount: { ...create.fixedAmount, currencyOptions: { eur: { amount: 399 } } } },
      expect(object) {
        expect(object.fixed_amount.currency_options.eur).toEqual({
          amount: 399,
          tax_behavior: "unspecified",
        });
      },
    },
  }),
};
