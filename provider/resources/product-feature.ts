/**
 * ProductFeature — a feature attached to a product: customers of the product are entitled to
 * it. Stripe API reference: https://docs.stripe.com/api/product-feature
 *
 * One resource per attachment, as Stripe models it: the attachment lives under its product
 * (`/v1/products/{product}/features/{id}`), and both the product and the feature replace it
 * (Stripe has no update). Destroy deletes the attachment — the product and the feature stay
 * (https://docs.stripe.com/api/product-feature/delete).
 */
import { z } from "zod";
import { commonInputs, livemodeOutput } from "../engine/common";
import { declareResource, type RemoteObject } from "../engine/declaration";
import { featureRefSchema, productRefSchema } from "./references";

export function productFeatureSchema() {
  return z.strictObject({
    product: productRefSchema().describe(
      "The product that grants the feature: its id (`prod_…`), its custom id (e.g. `pro`), or a Product's `id`. Changing it replaces the attachment.",
    ),
    entitlementFeature: featureRefSchema().describe(
      "The feature granted: its id (`feat_…`) or a Feature's `id`. Changing it replaces the attachment.",
    ),
    ...commonInputs(),
  });
}

export type ProductFeatureInputs = z.input<ReturnType<typeof productFeatureSchema>>;
export type ProductFeatureState = z.output<ReturnType<typeof productFeatureSchema>>;

export const productFeature = declareResource({
  type: "ProductFeature",
  stripeObject: "product_feature",
  path: "/v1/products/{product}/features",
  // Keyed by what it joins: `<product key>-<feature key>` once export names both by key.
  identity: { name: (_object, inputs) => `${String(inputs.product)}-${String(inputs.entitlementFeature)}` },
  // Read under each exported product (archived products are not exported).
  // A product's entry in a billing spec may list its features (`features: [sso]`).
  export: {
    lists: [{}],
    under: { type: "Product", input: "product", listed: { field: "features", item: "entitlementFeature" } },
  },
  words: {
    noun: "Product feature",
    destroyed: () => "detached from its product (the attachment is deleted; the product and feature stay)",
  },
  schema: productFeatureSchema,
  computed: () => z.object({ livemode: livemodeOutput() }),
  createOnly: ["product", "entitlementFeature"],
  // Stripe's object does not name its product (its path does): it is kept from the inputs.
  fromStripe(object, previous) {
    const feature = object.entitlement_feature as RemoteObject | string;
    return {
      inputs: {
        product: String(previous?.product ?? object.product),
        entitlementFeature: typeof feature === "string" ? feature : String(feature.id),
      },
      computed: { livemode: object.livemode === true },
    };
  },
  async delete(ctx, id) {
    await ctx.api.remove(id);
    ctx.note(`${id} was detached from its product (deleted); the product and the feature stay.`);
  },
});
