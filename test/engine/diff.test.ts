import { diffInputs, emptiesUnset, planDelta, type ParamTree } from "../../provider/engine/diff";
import type { PlainObject } from "../../provider/engine/values";
import { STRIPE_PARAMS } from "../../provider/stripe/stripe-params";
import { UNKNOWN } from "../../provider/engine/values";

/** The update parameters alone. */
const paramDelta = (
  old: PlainObject,
  next: PlainObject,
  exclude: string[] = [],
  together: string[] = [],
  tree?: ParamTree,
) => planDelta(old, next, { exclude, together, tree }).params;

const CREATE_ONLY = ["displayName", "fixedAmount.amount", "fixedAmount.currency", "deliveryEstimate"];
const KEYS = ["displayName", "fixedAmount", "deliveryEstimate", "metadata", "active"];

describe("diffInputs", () => {
  const base = {
    displayName: "Ground",
    fixedAmount: {
      amount: 500,
      currency: "usd",
      currencyOptions: { eur: { amount: 450, taxBehavior: "unspecified" } },
    },
    metadata: { team: "billing" },
    active: true,
  };

  it.each([
    ["nothing changed", base, [], []],
    [
      "metadata value changed: update in place",
      { ...base, metadata: { team: "ops" } },
      [["metadata", "team"]],
      [],
    ],
    ["metadata key removed: update in place", { ...base, metadata: undefined }, [["metadata"]], []],
    [
      "create-only leaf changed: replace",
      { ...base, displayName: "Express" },
      [["displayName"]],
      ["displayName"],
    ],
    [
      "nested create-only leaf changed: replace the top-level input",
      { ...base, fixedAmount: { ...base.fixedAmount, amount: 600 } },
      [["fixedAmount", "amount"]],
      ["fixedAmount"],
    ],
    [
      "nested updatable leaf beside create-only ones: update",
      {
        ...base,
        fixedAmount: {
          ...base.fixedAmount,
          currencyOptions: { eur: { amount: 400, taxBehavior: "unspecified" } },
        },
      },
      [["fixedAmount", "currencyOptions", "eur", "amount"]],
      [],
    ],
    [
      "create-only object added: replace",
      { ...base, deliveryEstimate: { minimum: { unit: "day", value: 1 } } },
      [["deliveryEstimate"]],
      ["deliveryEstimate"],
    ],
    ["unknown value in an updatable field: a change", { ...base, active: UNKNOWN }, [["active"]], []],
    [
      "unknown value over a create-only field: replace",
      { ...base, fixedAmount: UNKNOWN },
      [["fixedAmount"]],
      ["fixedAmount"],
    ],
  ])("%s", (_name, news, changed, replaces) => {
    const diff = diffInputs(base as any, news as any, KEYS, CREATE_ONLY);
    expect(diff.changed).toEqual(changed);
    expect(diff.replaces).toEqual(replaces);
  });

  it("ignores keys that are not inputs (computed outputs, __provider)", () => {
    const olds = { ...base, livemode: false, created: 1, __provider: "old" };
    const news = { ...base, __provider: "new" };
    expect(diffInputs(olds as any, news as any, KEYS, CREATE_ONLY).changed).toEqual([]);
  });

  it("matches wildcard create-only paths", () => {
    const diff = diffInputs(
      { countryOptions: { de: { type: "standard" } } },
      { countryOptions: { de: { type: "oss_union" } } },
      ["countryOptions"],
      ["countryOptions.*.type"],
    );
    expect(diff.replaces).toEqual(["countryOptions"]);
  });
});

describe("paramDelta", () => {
  it("sends only what changed", () => {
    expect(
      paramDelta(
        { active: true, metadata: { a: "1", b: "2" } },
        { active: true, metadata: { a: "1", b: "3" } },
      ),
    ).toEqual({
      metadata: { b: "3" },
    });
  });

  it("unsets removed keys with an empty string", () => {
    expect(
      paramDelta({ metadata: { a: "1", b: "2" }, tax_code: "txcd_1" }, { metadata: { a: "1" } }),
    ).toEqual({
      metadata: { b: "" },
      tax_code: "",
    });
  });

  it("clears a list that became empty", () => {
    expect(paramDelta({ items: ["a"] }, { items: [] })).toEqual({ items: "" });
  });

  it("sends whole arrays when any element changed", () => {
    expect(paramDelta({ items: [{ a: 1 }, { a: 2 }] }, { items: [{ a: 1 }, { a: 3 }] })).toEqual({
      items: [{ a: 1 }, { a: 3 }],
    });
  });

  it("never sends excluded (create-only) paths", () => {
    expect(
      paramDelta(
        { fixed_amount: { amount: 1, currency: "usd", currency_options: { eur: { amount: 1 } } } },
        { fixed_amount: { amount: 2, currency: "usd", currency_options: { eur: { amount: 2 } } } },
        ["fixed_amount.amount", "fixed_amount.currency"],
      ),
    ).toEqual({ fixed_amount: { currency_options: { eur: { amount: 2 } } } });
  });

  it("returns nothing when nothing changed", () => {
    expect(paramDelta({ a: { b: [1, 2] } }, { a: { b: [1, 2] } })).toEqual({});
  });
});

describe("paramDelta with whole objects", () => {
  it("sends a changed object whole, unsetting keys it lost", () => {
    const old = {
      features: {
        payment_method_update: { enabled: true, payment_method_configuration: "pmc_1" },
        invoice_history: { enabled: true },
      },
    };
    const next = {
      features: { payment_method_update: { enabled: true }, invoice_history: { enabled: true } },
    };
    expect(paramDelta(old, next, [], ["features.payment_method_update", "features.invoice_history"])).toEqual(
      {
        features: { payment_method_update: { enabled: true, payment_method_configuration: "" } },
      },
    );
  });
});

describe("planDelta with Stripe's parameter tables", () => {
  const shippingUpdate = STRIPE_PARAMS["POST /v1/shipping_rates/{id}"];
  const portalUpdate = STRIPE_PARAMS["POST /v1/billing_portal/configurations/{id}"];
  const settingsUpdate = STRIPE_PARAMS["POST /v1/tax/settings"];

  it("never sends an empty value where the parameter is not emptyable: a currency option is reported", () => {
    const delta = planDelta(
      { fixed_amount: { currency_options: { eur: { amount: 1 }, chf: { amount: 2 } } } },
      { fixed_amount: { currency_options: { eur: { amount: 1 } } } },
      { tree: shippingUpdate },
    );
    expect(delta).toEqual({ params: {}, unsettable: [["fixed_amount", "currency_options", "chf"]] });
  });

  it("unsets one metadata key with an empty value (emptyable)", () => {
    expect(
      planDelta({ metadata: { a: "1", b: "2" } }, { metadata: { a: "1" } }, { tree: shippingUpdate }),
    ).toEqual({ params: { metadata: { b: "" } }, unsettable: [] });
  });

  it("unsets each field of an object that cannot be emptied whole", () => {
    const delta = planDelta(
      { business_profile: { headline: "Hi", privacy_policy_url: "https://a.example/p" }, name: "n" },
      { name: "n" },
      { tree: portalUpdate },
    );
    expect(delta).toEqual({
      params: { business_profile: { headline: "", privacy_policy_url: "" } },
      unsettable: [],
    });
  });

  it("reports a field removed from an object sent whole when Stripe cannot unset it", () => {
    const delta = planDelta(
      { features: { subscription_update: { enabled: true, billing_cycle_anchor: "now", products: [] } } },
      { features: { subscription_update: { enabled: true, products: [] } } },
      { tree: portalUpdate, together: ["features.subscription_update"] },
    );
    expect(delta.unsettable).toEqual([["features", "subscription_update", "billing_cycle_anchor"]]);
    expect(delta.params).toEqual({ features: { subscription_update: { enabled: true, products: "" } } });
  });

  it("sends a group whole when one member changes, leaving out what it lost instead of emptying it", () => {
    const address = { country: "US", line1: "1 Main St", line2: "Suite 5", city: "Springfield" };
    const added = planDelta(
      { head_office: { address: { country: "US", line1: "1 Main St" } } },
      { head_office: { address } },
      { tree: settingsUpdate, replaced: ["head_office.address"] },
    );
    expect(added).toEqual({ params: { head_office: { address } }, unsettable: [] });
    const removed = planDelta(
      { head_office: { address } },
      { head_office: { address: { country: "US", line1: "1 Main St", city: "Springfield" } } },
      { tree: settingsUpdate, replaced: ["head_office.address"] },
    );
    expect(removed.params).toEqual({
      head_office: { address: { country: "US", line1: "1 Main St", city: "Springfield" } },
    });
    // An address is one value, replaced whole: a line it lost is gone without being emptied.
    expect(removed.unsettable).toEqual([]);
  });

  it("carries the required fields of an object sent in part", () => {
    const delta = planDelta(
      { login_page: { enabled: false }, features: { invoice_history: { enabled: true } } },
      { login_page: { enabled: true }, features: { invoice_history: { enabled: true } } },
      { tree: portalUpdate },
    );
    expect(delta.params).toEqual({ login_page: { enabled: true } });
  });

  it("sends an empty list as an empty value only where the parameter is emptyable", () => {
    const tree = STRIPE_PARAMS["POST /v1/billing_portal/configurations"];
    const params = {
      features: {
        subscription_cancel: { enabled: true, cancellation_reason: { enabled: false, options: [] } },
      },
    };
    expect(emptiesUnset(params, tree)).toEqual({
      features: {
        subscription_cancel: { enabled: true, cancellation_reason: { enabled: false, options: "" } },
      },
    });
    expect(emptiesUnset({ expand: [] }, tree)).toEqual({});
  });
});
