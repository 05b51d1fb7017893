/**
 * PortalConfiguration — what customers may do in Stripe's hosted customer portal.
 * Stripe API reference: https://docs.stripe.com/api/customer_portal/configurations
 *
 * Every input updates in place. Destroy deactivates the configuration (`active: false`),
 * except the account's default configuration, which Stripe will not deactivate: it is left
 * as is, with a warning.
 */
import { z } from "zod";
import { commonInputs } from "../engine/common";
import { once, type ResourceDeclaration } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import { metadataSchema } from "./common";
import { priceRefSchema, priceSet, productRefSchema, resolvePriceRefs } from "./references";

const PRORATION = ["always_invoice", "create_prorations", "none"] as const;
const CUSTOMER_UPDATES = ["address", "email", "name", "phone", "shipping", "tax_id"] as const;
const CANCELLATION_REASONS = [
  "customer_service",
  "low_quality",
  "missing_features",
  "other",
  "switched_service",
  "too_complex",
  "too_expensive",
  "unused",
] as const;
/** Stripe allows at most 10 products in `subscriptionUpdate.products`. */
const MAX_PRODUCTS = 10;

function url() {
  return z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
}

/** Sorted sets: Stripe does not promise an order, so both sides are compared sorted. */
function enumSet<T extends readonly [string, ...string[]]>(values: T) {
  return z
    .array(z.enum(values))
    .default([])
    .transform((items) => [...new Set(items)].sort());
}

function productSchema() {
  return z.strictObject({
    /** A product id (`prod_…`) or custom id (`pro`). */
    product: productRefSchema(),
    /** Prices of that product customers may switch to: ids (`price_…`) or `{ lookupKey }`. */
    prices: z.array(priceRefSchema()).min(1).transform(priceSet),
    adjustableQuantity: z
      .strictObject({
        enabled: z.boolean(),
        maximum: z.number().int().positive().optional(),
        minimum: z.number().int().nonnegative().default(1),
      })
      .default({ enabled: false, minimum: 1 }),
  });
}

export function portalConfigurationSchema() {
  return z.strictObject({
    /** What the portal offers. Updates in place; a feature left out is disabled. */
    features: z.strictObject({
      customerUpdate: z
        .strictObject({ enabled: z.boolean().default(false), allowedUpdates: enumSet(CUSTOMER_UPDATES) })
        .default({ enabled: false, allowedUpdates: [] }),
      invoiceHistory: z.strictObject({ enabled: z.boolean().default(false) }).default({ enabled: false }),
      paymentMethodUpdate: z
        .strictObject({
          enabled: z.boolean().default(false),
          paymentMethodConfiguration: z
            .string()
            .regex(/^pmc_\w+$/)
            .optional(),
        })
        .default({ enabled: false }),
      subscriptionCancel: z
        .strictObject({
          enabled: z.boolean().default(false),
          mode: z.enum(["at_period_end", "immediately"]).default("at_period_end"),
          prorationBehavior: z.enum(PRORATION).default("none"),
          cancellationReason: z
            .strictObject({ enabled: z.boolean().default(false), options: enumSet(CANCELLATION_REASONS) })
            .default({ enabled: false, options: [] }),
        })
        .default({
          enabled: false,
          mode: "at_period_end",
          prorationBehavior: "none",
          cancellationReason: { enabled: false, options: [] },
        }),
      subscriptionPause: z.strictObject({ enabled: z.boolean().default(false) }).default({ enabled: false }),
      subscriptionUpdate: z
        .strictObject({
          enabled: z.boolean().default(false),
          defaultAllowedUpdates: enumSet(["price", "promotion_code", "quantity"] as const),
          products: z
            .array(productSchema())
            .max(MAX_PRODUCTS, `at most ${MAX_PRODUCTS} products`)
            .default([])
            .transform((ps) => [...ps].sort((a, b) => a.product.localeCompare(b.product))),
          prorationBehavior: z.enum(PRORATION).default("none"),
          billingCycleAnchor: z.enum(["now", "unchanged"]).optional(),
          scheduleAtPeriodEnd: z
            .strictObject({
              conditions: z
                .array(z.strictObject({ type: z.enum(["decreasing_item_amount", "shortening_interval"]) }))
                .default([]),
            })
            .default({ conditions: [] }),
          trialUpdateBehavior: z.enum(["continue_trial", "end_trial"]).default("end_trial"),
        })
        .default({
          enabled: false,
          defaultAllowedUpdates: [],
          products: [],
          prorationBehavior: "none",
          scheduleAtPeriodEnd: { conditions: [] },
          trialUpdateBehavior: "end_trial",
        }),
    }),
    /** Shown in the portal. */
    businessProfile: z
      .strictObject({
        headline: z.string().max(60).optional(),
        privacyPolicyUrl: url().optional(),
        termsOfServiceUrl: url().optional(),
      })
      .optional(),
    /** Where customers return when they leave the portal. */
    defaultReturnUrl: url().optional(),
    /** A shareable login link for the portal (its URL is the `loginPageUrl` output). */
    loginPage: z.strictObject({ enabled: z.boolean() }).default({ enabled: false }),
    /** A name for your own reference. */
    name: z.string().min(1).max(256).optional(),
    metadata: metadataSchema().optional(),
    /** Whether sessions may use this configuration. */
    active: z.boolean().default(true),
    ...commonInputs(),
  });
}

export type PortalConfigurationInputs = z.input<ReturnType<typeof portalConfigurationSchema>>;
export type PortalConfigurationState = z.output<ReturnType<typeof portalConfigurationSchema>>;

const PRICES = "features.subscriptionUpdate.products.*.prices.*";

const FEATURES = [
  "customerUpdate",
  "invoiceHistory",
  "paymentMethodUpdate",
  "subscriptionCancel",
  "subscriptionPause",
  "subscriptionUpdate",
];

export const portalConfiguration: ResourceDeclaration = {
  type: "PortalConfiguration",
  stripeObject: "billing_portal.configuration",
  path: "/v1/billing_portal/configurations",
  schema: once(portalConfigurationSchema),
  createOnly: [],
  maps: ["metadata"],
  updateOnly: ["active"],
  // Stripe wants each feature's required fields together; send a changed feature whole.
  sendWhole: FEATURES.map((f) => `features.${f}`),
  // Without this Stripe leaves `products` out of every answer, and each plan would show a diff.
  expand: ["features.subscription_update.products"],
  computed: {
    isDefault: "boolean",
    loginPageUrl: "string",
    livemode: "boolean",
    created: "integer",
    updated: "integer",
  },
  async resolve(ctx, inputs) {
    const resolved = await resolvePriceRefs(ctx, inputs, [PRICES]);
    const products = (resolved.features as any)?.subscriptionUpdate?.products as PlainObject[] | undefined;
    for (const entry of products ?? []) entry.prices = priceSet(entry.prices as string[]);
    return resolved;
  },
  fromStripe(object) {
    const view = defaultView(object, {
      schema: portalConfiguration.schema(),
      computed: ["isDefault", "livemode", "created", "updated"],
      maps: ["metadata"],
    });
    const loginPageUrl = (object.login_page as { url?: string | null } | undefined)?.url;
    if (loginPageUrl) view.computed.loginPageUrl = loginPageUrl;
    return view;
  },
  async delete(ctx, id, outputs) {
    if (outputs.isDefault === true) {
      ctx.warn(
        `${id} is the account's default portal configuration, which Stripe cannot deactivate; it was left active.`,
      );
      return;
    }
    await ctx.api.update(id, { active: false });
  },
};
