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

describe("map paths inside lists", () => {
  const MAPS_IN_LISTS = ["phases[].metadata", "phases[].items[].metadata"];

  it("keeps the keys of a map under each element of a list", () => {
    const inputs = { phases: [{ metadata: { orderId: "1" }, items: [{ metadata: { some_key: "2" } }] }] };
    const params = { phases: [{ metadata: { orderId: "1" }, items: [{ metadata: { some_key: "2" } }] }] };
    expect(toStripeKeys(inputs, MAPS_IN_LISTS)).toEqual(params);
    expect(fromStripeKeys(params, MAPS_IN_LISTS)).toEqual(inputs);
  });

  it("starts from a path given for a value already inside a list", () => {
    expect(toStripeKeys({ metadata: { orderId: "1" }, endDate: 2 }, MAPS_IN_LISTS, "phases[]")).toEqual({
      metadata: { orderId: "1" },
      end_date: 2,
    });
  });

  it("names the input of a Stripe param inside such a map", () => {
    expect(inputPathOfParam("phases[1][items][0][metadata][some_key]", MAPS_IN_LISTS)).toBe(
      "phases.1.items.0.metadata.some_key",
    );
  });
});
