/**
 * Feature — an entitlement feature: something a customer may use, granted by the products
 * that carry it (ProductFeature). Stripe API reference: https://docs.stripe.com/api/entitlements/feature
 *
 * The lookup key is the feature's identity and replaces it; the name and metadata update in
 * place. Stripe cannot delete a feature: destroy archives it (`active: false`), which is
 * permanent — an archived feature cannot be changed or unarchived
 * (https://docs.stripe.com/api/entitlements/feature/update). Archiving frees the lookup key, so
 * declaring the same key again creates a new feature; an archived feature reads as gone.
 */
import { z } from "zod";
import { commonInputs, livemodeOutput } from "../engine/common";
import { declareResource } from "../engine/declaration";
import { StripeApiError } from "../errors";
import { metadataSchema } from "./common";

export function featureSchema() {
  return z.strictObject({
    lookupKey: z
      .string()
      .min(1)
      .max(80)
      .describe(
        "Your own identifier of the feature (at most 80 characters), the same in every account, e.g. `sso`; your code checks a customer's entitlements by it. Changing it replaces the feature.",
      ),
    name: z
      .string()
      .min(1)
      .max(80)
      .describe("The feature's name, for your own use, not shown to customers (at most 80 characters)."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    ...commonInputs(),
  });
}

export type FeatureInputs = z.input<ReturnType<typeof featureSchema>>;
export type FeatureState = z.output<ReturnType<typeof featureSchema>>;

export const feature = declareResource({
  type: "Feature",
  stripeObject: "entitlements.feature",
  path: "/v1/entitlements/features",
  identity: { input: "lookupKey" },
  export: { lists: [{ archived: false }] },
  words: {
    noun: "Feature",
    label: "name",
    destroyed: () =>
      "archived, permanently (Stripe cannot unarchive a feature; its lookup key is freed, and declaring it again creates a new feature)",
  },
  schema: featureSchema,
  computed: () => z.object({ livemode: livemodeOutput() }),
  createOnly: ["lookupKey"],
  maps: ["metadata"],
  async read(ctx, id) {
    try {
      const found = await ctx.api.retrieve(id);
      // Archived for good: nothing can bring it back to the inputs, so it is gone.
      return found.active === false ? undefined : found;
    } catch (err) {
      if (err instanceof StripeApiError && err.isNotFound) return undefined;
      throw err;
    }
  },
  async delete(ctx, id) {
    const current = await ctx.api.retrieve(id);
    if (current.active !== false) await ctx.api.update(id, { active: false });
    ctx.note(
      `${id} was archived (Stripe cannot delete features, nor unarchive them); its lookup key is free.`,
    );
  },
});
