/**
 * The one diff of a resource, as the provider decides with it and `stripe-billing plan` shows it.
 */
import type { AnyDeclaration } from "../../provider/engine/declaration";
import { diffResource } from "../../provider/engine/resource-diff";
import type { PlainObject } from "../../provider/engine/values";
import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { price } from "../../provider/resources/price";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { taxSettings } from "../../provider/resources/tax-settings";

const canonical = (decl: AnyDeclaration, raw: object) => decl.schema().parse(raw) as PlainObject;

const rate = (fixedAmount: object, extra: object = {}) =>
  canonical(shippingRate, { displayName: "Ground", fixedAmount, ...extra });

describe("diffResource", () => {
  const base = rate({ amount: 500, currency: "usd", currencyOptions: { eur: { amount: 450 } } });

  it("finds nothing between outputs and the same inputs", () => {
    expect(diffResource(shippingRate, base, base)).toEqual({
      changes: [],
      replaces: [],
      unsettable: [],
      refused: [],
    });
  });

  it("gives each changed leaf its kind, and marks those on create-only inputs", () => {
    const next = rate(
      { amount: 600, currency: "usd", currencyOptions: { eur: { amount: 450 }, gbp: { amount: 400 } } },
      { metadata: { team: "ops" } },
    );
    const diff = diffResource(shippingRate, base, next);
    expect(diff.changes).toEqual([
      { path: ["fixedAmount", "amount"], kind: "changed", createOnly: true },
      { path: ["fixedAmount", "currencyOptions", "gbp"], kind: "added", createOnly: false },
      { path: ["metadata"], kind: "added", createOnly: false },
    ]);
    expect(diff.replaces).toEqual(["fixedAmount"]);
  });

  it("replaces where the declaration says a removal Stripe cannot unset does", () => {
    const two = rate({
      amount: 500,
      currency: "usd",
      currencyOptions: { eur: { amount: 450 }, gbp: { amount: 400 } },
    });
    const diff = diffResource(shippingRate, two, base);
    expect(diff.changes).toEqual([
      { path: ["fixedAmount", "currencyOptions", "gbp"], kind: "removed", createOnly: false },
    ]);
    expect(diff.unsettable).toEqual(["fixedAmount.currencyOptions.gbp"]);
    expect(diff.replaces).toEqual(["fixedAmount"]);
    expect(diff.refused).toEqual([]);
  });

  it("refuses a removal Stripe cannot unset when nothing replaces the object", () => {
    const config = (anchor: object) =>
      canonical(portalConfiguration, {
        features: { invoiceHistory: { enabled: true }, subscriptionUpdate: { enabled: false, ...anchor } },
        businessProfile: { headline: "Acme" },
      });
    const diff = diffResource(portalConfiguration, config({ billingCycleAnchor: "now" }), config({}));
    expect(diff.refused).toEqual(["features.subscriptionUpdate.billingCycleAnchor"]);
    expect(diff.replaces).toEqual([]);
  });

  it("replaces where the declaration's own rule says so", () => {
    const olds = canonical(price, { product: "prod_1", currency: "usd", unitAmount: 100 });
    const diff = diffResource(
      price,
      { ...olds, taxBehavior: "exclusive" },
      { ...olds, taxBehavior: "inclusive" },
    );
    expect(diff.changes).toEqual([{ path: ["taxBehavior"], kind: "changed", createOnly: false }]);
    expect(diff.replaces).toEqual(["taxBehavior"]);
  });

  it("compares only the inputs a partial resource was given", () => {
    const olds = canonical(taxSettings, {
      defaults: { taxBehavior: "inclusive", taxCode: "txcd_10000000" },
      headOffice: { address: { country: "US", state: "CA" } },
    });
    const news = canonical(taxSettings, { defaults: { taxBehavior: "exclusive" } });
    expect(diffResource(taxSettings, olds, news).changes).toEqual([
      { path: ["defaults", "taxBehavior"], kind: "changed", createOnly: false },
    ]);
  });
});
