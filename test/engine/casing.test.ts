import { fromStripeKeys, inputPathOfParam, toStripeKeys } from "../../provider/engine/casing";

const MAPS = ["metadata", "fixedAmount.currencyOptions"];

describe("key casing", () => {
  const inputs = {
    displayName: "Ground",
    fixedAmount: { amount: 1, currencyOptions: { eur: { taxBehavior: "inclusive" } } },
    metadata: { orderId: "keep me", some_key: "and me" },
    items: [{ priceData: { unitAmount: 1 } }],
  };
  const params = {
    display_name: "Ground",
    fixed_amount: { amount: 1, currency_options: { eur: { tax_behavior: "inclusive" } } },
    metadata: { orderId: "keep me", some_key: "and me" },
    items: [{ price_data: { unit_amount: 1 } }],
  };

  it("converts inputs to Stripe parameters, keeping map keys", () => {
    expect(toStripeKeys(inputs, MAPS)).toEqual(params);
  });

  it("converts Stripe objects back to inputs, keeping map keys", () => {
    expect(fromStripeKeys(params, MAPS)).toEqual(inputs);
  });

  it.each([
    ["display_name", "displayName"],
    ["fixed_amount[currency_options][eur][tax_behavior]", "fixedAmount.currencyOptions.eur.taxBehavior"],
    ["metadata[some_key]", "metadata.some_key"],
    ["phases[0][items][1][price_data]", "phases.0.items.1.priceData"],
  ])("maps Stripe param %s to input path %s", (param, path) => {
    expect(inputPathOfParam(param, MAPS)).toBe(path);
  });
});
