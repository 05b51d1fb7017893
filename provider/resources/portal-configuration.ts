/**
 * PortalConfiguration — what customers may do in Stripe's hosted customer portal.
 */
import type Stripe from "stripe";
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, once } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import { metadataSchema } from "./common";
import { priceRefSchema, priceSet, productRefSchema, resolvePriceRefs } from "./references";

const PRORATION = ["always_invoice", "create_prorations", "none"] as const;
/**
 * Cancellation takes `none` or `create_prorations`; Stripe refuses `always_invoice` there.
 * https://docs.stripe.com/api/customer_portal/configurations/create#create_portal_configuration-features-subscription_cancel-proration_behavior
 */
const CANCEL_PRORATION = ["create_prorations", "none"] as const;
export const CUSTOMER_UPDATES = ["address", "email", "name", "phone", "shipping", "tax_id"] as const;
export const CANCELLATION_REASONS = [
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
    product: productRefSchema().describe(
      "The product whose subscriptions customers may change: its id (`prod_…`) or custom id (`pro`).",
    ),
    prices: z
      .array(priceRefSchema())
      .min(1)
      .transform(priceSet)
      .describe("Prices of that product customers may switch to: ids (`price_…`) or `{ lookupKey }`."),
    adjustableQuantity: z
      .strictObject({
        enabled: z.boolean().describe("Whether customers may change the quantity."),
        maximum: z.number().int().positive().optional().describe("The largest quantity allowed."),
        minimum: z.number().int().nonnegative().default(1).describe("The smallest quantity allowed."),
      })
      .refine((q) => q.maximum === undefined || q.maximum >= q.minimum, {
        path: ["maximum"],
        message: "must be at least minimum",
      })
      .default({ enabled: false, minimum: 1 })
      .describe("Whether and within which bounds customers may change the quantity."),
  });
}

const enabled = (what: string) => z.boolean().default(false).describe(`Whether customers may ${what}.`);

export function portalConfigurationSchema() {
  return z.strictObject({
    features: z
      .strictObject({
        customerUpdate: z
          .strictObject({
            enabled: enabled("update their details"),
            allowedUpdates: enumSet(CUSTOMER_UPDATES).describe(
              "The customer fields they may change, e.g. `email`, `address`.",
            ),
          })
          .default({ enabled: false, allowedUpdates: [] })
          .describe("Customers updating their own details."),
        invoiceHistory: z
          .strictObject({ enabled: enabled("see their past invoices") })
          .default({ enabled: false })
          .describe("Customers seeing their invoice history."),
        paymentMethodUpdate: z
          .strictObject({
            enabled: enabled("update their payment methods"),
            paymentMethodConfiguration: z
              .string()
              .regex(/^pmc_\w+$/)
              .optional()
              .describe("The payment method configuration (`pmc_…`) offered; the default one when left out."),
          })
          .default({ enabled: false })
          .describe("Customers updating their payment methods."),
        subscriptionCancel: z
          .strictObject({
            enabled: enabled("cancel their subscriptions"),
            mode: z
              .enum(["at_period_end", "immediately"])
              .default("at_period_end")
              .describe("Whether a cancellation takes effect at the end of the period or immediately."),
            prorationBehavior: z
              .enum(CANCEL_PRORATION)
              .default("none")
              .describe("How an immediate cancellation is prorated."),
            cancellationReason: z
              .strictObject({
                enabled: enabled("give a reason when they cancel"),
                options: enumSet(CANCELLATION_REASONS).describe("The reasons offered."),
              })
              .default({ enabled: false, options: [] })
              .describe("Asking customers why they cancel."),
          })
          // https://docs.stripe.com/api/customer_portal/configurations/create#create_portal_configuration-features-subscription_cancel-proration_behavior
          // "create_prorations, which is only compatible with mode=immediately".
          .refine((c) => c.prorationBehavior !== "create_prorations" || c.mode === "immediately", {
            path: ["prorationBehavior"],
            message:
              'create_prorations needs mode: "immediately" (at period end there is nothing to prorate)',
          })
          .default({
            enabled: false,
            mode: "at_period_end",
            prorationBehavior: "none",
            cancellationReason: { enabled: false, options: [] },
          })
          .describe("Customers canceling their subscriptions."),
        subscriptionPause: z
          .strictObject({ enabled: enabled("pause their subscriptions") })
          .default({ enabled: false })
          .describe("Customers pausing their subscriptions."),
        subscriptionUpdate: z
          .strictObject({
            enabled: enabled("change their subscriptions"),
            defaultAllowedUpdates: enumSet(["price", "promotion_code", "quantity"] as const).describe(
              "What customers may change: `price`, `promotion_code`, `quantity`.",
            ),
            products: z
              .array(productSchema())
              .max(MAX_PRODUCTS, `at most ${MAX_PRODUCTS} products`)
              .default([])
              .transform((ps) => [...ps].sort((a, b) => a.product.localeCompare(b.product)))
              .describe(`The products and prices customers may switch between (at most ${MAX_PRODUCTS}).`),
            prorationBehavior: z
              .enum(PRORATION)
              .default("none")
              .describe("How a change of price or quantity is prorated."),
            billingCycleAnchor: z
              .enum(["now", "unchanged"])
              .optional()
              .describe("Whether a change restarts the billing cycle (`now`) or keeps it (`unchanged`)."),
            scheduleAtPeriodEnd: z
              .strictObject({
                conditions: z
                  .array(
                    z.strictObject({
                      type: z
                        .enum(["decreasing_item_amount", "shortening_interval"])
                        .describe("A kind of change that waits for the end of the period."),
                    }),
                  )
                  .default([])
                  .describe("The changes that take effect at the end of the period rather than at once."),
              })
              .default({ conditions: [] })
              .describe("Changes deferred to the end of the billing period."),
            trialUpdateBehavior: z
              .enum(["continue_trial", "end_trial"])
              .default("end_trial")
              .describe("Whether a change during a trial ends the trial."),
          })
          .default({
            enabled: false,
            defaultAllowedUpdates: [],
            products: [],
            prorationBehavior: "none",
            scheduleAtPeriodEnd: { conditions: [] },
            trialUpdateBehavior: "end_trial",
          })
          .describe("Customers changing their subscriptions' price or quantity."),
      })
      .describe("What the portal lets customers do; a feature left out is disabled."),
    businessProfile: z
      .strictObject({
        headline: z
          .string()
          .max(60)
          .optional()
          .describe("A headline shown in the portal (at most 60 characters)."),
        privacyPolicyUrl: url().optional().describe("A link to your privacy policy."),
        termsOfServiceUrl: url().optional().describe("A link to your terms of service."),
      })
      .optional()
      .describe("Your business as the portal shows it."),
    defaultReturnUrl: url().optional().describe("Where customers return when they leave the portal."),
    loginPage: z
      .strictObject({ enabled: z.boolean().describe("Whether the login link exists.") })
      .default({ enabled: false })
      .describe("A shareable login link for the portal; its URL is the `loginPageUrl` output."),
    name: z
      .string()
      .min(1)
      .max(256)
      .optional()
      .describe("A name for your own reference (at most 256 characters)."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    active: z.boolean().default(true).describe("Whether portal sessions may use this configuration."),
    ...commonInputs(),
  });
}

const PRICES = "features.subscriptionUpdate.products[].prices[]";

const FEATURES = [
  "customerUpdate",
  "invoiceHistory",
  "paymentMethodUpdate",
  "subscriptionCancel",
  "subscriptionPause",
  "subscriptionUpdate",
] as const;

const schema = once(portalConfigurationSchema);
const computed = once(() =>
  z.object({
    isDefault: z
      .boolean()
      .describe("True for the account's default configuration, which Stripe never deactivates."),
    loginPageUrl: z.string().optional().describe("The login link's URL, when `loginPage.enabled` is true."),
    livemode: livemodeOutput(),
    created: createdOutput(),
    updated: z.number().int().describe("When the configuration last changed, in unix seconds."),
  }),
);

export const portalConfiguration = declareResource({
  type: "PortalConfiguration",
  stripeObject: "billing_portal.configuration",
  path: "/v1/billing_portal/configurations",
  identity: { name: (object) => String(object.name ?? (object.is_default ? "default" : "portal")) },
  export: { lists: [{ active: true }], sortSets: sortProductSets },
  words: {
    noun: "Customer portal configuration",
    label: "name",
    destroyed: () => "deactivated (left active if it is the account's default)",
  },
  schema,
  computed,
  createOnly: [],
  maps: ["metadata"],
  updateOnly: ["active"],
  // Stripe wants each feature's required fields together; send a changed feature whole.
  requiredTogether: FEATURES.map((f) => `features.${f}` as const),
  // Without this Stripe leaves `products` out of every answer, and each plan would show a diff.
  expand: ["features.subscription_update.products"],
  toParams(inputs) {
    const params = toStripeKeys(inputs, ["metadata"]) as Record<string, any>;
    // Stripe requires `cancellation_reason.options` whenever `cancellation_reason` is sent (the
    // SDK types: required, Emptyable); an empty list is only expressible as "".
    const reason = params.features?.subscription_cancel?.cancellation_reason;
    if (reason && Array.isArray(reason.options) && reason.options.length === 0) reason.options = "";
    return params;
  },
  async resolve(ctx, inputs) {
    const resolved = await resolvePriceRefs(ctx, inputs, [PRICES]);
    const products = (resolved.features as any)?.subscriptionUpdate?.products as PlainObject[] | undefined;
    for (const entry of products ?? []) entry.prices = priceSet(entry.prices as string[]);
    return resolved;
  },
  fromStripe(remote) {
    const object = remote as Stripe.BillingPortal.Configuration;
    const view = defaultView(remote, {
      schema: schema(),
      computed: ["isDefault", "livemode", "created", "updated"],
      maps: ["metadata"],
    });
    const loginPageUrl = object.login_page?.url;
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
});

/**
 * The products a portal offers and their prices are sets to Stripe: put in the order of their
 * names (keys in an export), so two accounts with different ids give the same text.
 */
function sortProductSets(inputs: PlainObject): void {
  const update = (inputs.features as PlainObject | undefined)?.subscriptionUpdate as PlainObject | undefined;
  const products = update?.products as PlainObject[] | undefined;
  if (!products) return;
  const text = (v: unknown) => (typeof v === "string" ? `0${v}` : `1${JSON.stringify(v)}`);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const p of products) (p.prices as unknown[]).sort((a, b) => cmp(text(a), text(b)));
  products.sort((a, b) => cmp(String(a.product), String(b.product)));
}
