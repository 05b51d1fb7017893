/**
 * Coupon — a discount: a percentage or an amount off, once, for some months, or forever.
 * Stripe API reference: https://docs.stripe.com/api/coupons
 *
 * A coupon may carry an id of one's choosing (`couponId`, e.g. `summer`): the same in every
 * account, and unique in each. Only `name`, `metadata` and `currencyOptions` update in place
 * (https://docs.stripe.com/api/coupons/update); anything else replaces the coupon, and since
 * its id cannot be held twice, the old coupon is deleted before the new one is created.
 * Destroy deletes it (https://docs.stripe.com/api/coupons/delete): customers who already have
 * its discount keep it; nobody can redeem it any more.
 */
import { z } from "zod";
import { toStripeKeys } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { defaultView } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { currencyKeySchema, currencySchema, metadataSchema } from "./common";
import { productRefSchema } from "./references";

const MAPS = ["metadata", "currencyOptions"] as const;

export function couponSchema() {
  return z
    .strictObject({
      couponId: z
        .string()
        .min(1)
        .optional()
        .describe(
          "The coupon's id of your choosing (Stripe's `id` parameter, e.g. `summer`), the same in every account and what customers and promotion codes name; left out, Stripe generates one. Pulumi reserves `id`, hence the name. Replaces the coupon.",
        ),
      percentOff: z
        .number()
        .positive()
        .max(100)
        .optional()
        .describe("The percentage taken off, above 0 and at most 100 (e.g. `25.5`). Replaces the coupon."),
      amountOff: z
        .number()
        .int()
        .positive()
        .optional()
        .describe(
          "The amount taken off, in the smallest unit of `currency` (cents for USD). Replaces the coupon.",
        ),
      currency: currencySchema()
        .optional()
        .describe("Three-letter ISO currency code of `amountOff`, e.g. `usd`. Replaces the coupon."),
      currencyOptions: z
        .record(
          currencyKeySchema(),
          z
            .strictObject({
              amountOff: z
                .number()
                .int()
                .positive()
                .describe("The amount taken off in this currency, in its smallest unit."),
            })
            .describe("The amount off in one more currency."),
        )
        .optional()
        .describe(
          "Amounts off in other currencies, keyed by lower-case currency code, e.g. `eur` (with `amountOff` only). Updates in place; removing one replaces the coupon.",
        ),
      duration: z
        .enum(["forever", "once", "repeating"])
        .default("once")
        .describe(
          "How long a customer's discount lasts on a subscription: `once`, `repeating` (for `durationInMonths`) or `forever`. Replaces the coupon.",
        ),
      durationInMonths: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("How many months a `repeating` discount lasts. Replaces the coupon."),
      maxRedemptions: z
        .number()
        .int()
        .positive()
        .optional()
        .describe("How many times the coupon can be redeemed across all customers. Replaces the coupon."),
      redeemBy: z
        .number()
        .int()
        .positive()
        .optional()
        .describe(
          "The last moment the coupon can be redeemed, in unix seconds (at most 5 years ahead). Replaces the coupon.",
        ),
      appliesTo: z
        .strictObject({
          products: z
            .array(
              productRefSchema().describe(
                "A product: its id (`prod_…`), its custom id (e.g. `pro`), or a Product's `id`.",
              ),
            )
            .min(1)
            .describe("The products the discount applies to."),
        })
        .optional()
        .describe(
          "Limits the discount to some products; left out, it applies to everything. Replaces the coupon.",
        ),
      name: z
        .string()
        .min(1)
        .max(40)
        .optional()
        .describe(
          "The name customers see on invoices and receipts (at most 40 characters); left out, they see the id. Updates in place; Stripe cannot unset it, so removing it replaces the coupon.",
        ),
      metadata: metadataSchema()
        .optional()
        .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
      ...commonInputs(),
    })
    .superRefine((coupon, ctx) => {
      // https://docs.stripe.com/api/coupons/create: "A coupon has either a percent_off or an
      // amount_off and currency"; currency options "only supported if amount_off is passed";
      // duration_in_months "Required only if duration is repeating".
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message });
      if (coupon.percentOff === undefined && coupon.amountOff === undefined)
        issue("percentOff", "give percentOff or amountOff (with currency)");
      if (coupon.percentOff !== undefined && coupon.amountOff !== undefined)
        issue("amountOff", "give percentOff or amountOff, not both");
      if (coupon.amountOff !== undefined && coupon.currency === undefined)
        issue("currency", "amountOff needs its currency");
      if (coupon.currencyOptions !== undefined && coupon.amountOff === undefined)
        issue(
          "currencyOptions",
          "currency options need amountOff (a percentage is the same in every currency)",
        );
      if (coupon.currency !== undefined && coupon.currencyOptions?.[coupon.currency])
        issue("currencyOptions", `${coupon.currency} is the coupon's own currency, not an option`);
      if (coupon.duration === "repeating" && coupon.durationInMonths === undefined)
        issue("durationInMonths", "a repeating coupon needs durationInMonths");
      if (coupon.duration !== "repeating" && coupon.durationInMonths !== undefined)
        issue("durationInMonths", "durationInMonths needs duration: repeating");
    });
}

export type CouponInputs = z.input<ReturnType<typeof couponSchema>>;
export type CouponState = z.output<ReturnType<typeof couponSchema>>;

export const coupon = declareResource({
  type: "Coupon",
  stripeObject: "coupon",
  path: "/v1/coupons",
  identity: { input: "couponId" },
  export: {
    lists: [{}],
    // Every coupon id, chosen or generated, can be given to another account's create.
    prepare: (object) => ({ previous: { couponId: object.id } }),
  },
  words: {
    noun: "Coupon",
    label: "couponId",
    destroyed: () =>
      "deleted (customers who already have its discount keep it; nobody can redeem it any more)",
  },
  schema: couponSchema,
  computed: () =>
    z.object({
      valid: z
        .boolean()
        .describe("Whether the coupon can still be redeemed (not past redeemBy or maxRedemptions)."),
      timesRedeemed: z.number().int().describe("How many times the coupon has been applied to a customer."),
      livemode: livemodeOutput(),
      created: createdOutput(),
    }),
  createOnly: [
    "couponId",
    "percentOff",
    "amountOff",
    "currency",
    "duration",
    "durationInMonths",
    "maxRedemptions",
    "redeemBy",
    "appliesTo",
  ],
  maps: MAPS,
  // Stripe cannot unset a name, nor remove a currency option (neither is emptyable in
  // CouponUpdateParams): removing one replaces the coupon.
  // https://docs.stripe.com/api/coupons/update
  replaceOnRemove: ["name", "currencyOptions.*"],
  // The id is unique in the account: a replacement keeping it must delete the old coupon first.
  deleteBeforeReplace: true,
  // Stripe returns both only when asked: https://docs.stripe.com/api/coupons/object#coupon_object-applies_to
  expand: ["applies_to", "currency_options"],
  toParams(inputs) {
    const { couponId, ...rest } = inputs;
    const params = toStripeKeys(rest, MAPS) as PlainObject;
    return couponId === undefined ? params : { ...params, coupon_id: couponId };
  },
  async create(ctx, _inputs, params) {
    const { coupon_id: id, ...rest } = params as FormParams;
    return ctx.api.create(id === undefined ? rest : { id, ...rest });
  },
  fromStripe(object, previous) {
    const products = (object.applies_to as { products?: string[] } | undefined)?.products ?? [];
    const options = { ...((object.currency_options as PlainObject | undefined) ?? {}) };
    delete options[String(object.currency)];
    const view = defaultView(
      { ...object, applies_to: products.length > 0 ? { products } : null, currency_options: options },
      { schema: couponSchema(), computed: ["valid", "timesRedeemed", "livemode", "created"], maps: MAPS },
    );
    // The id is an input only when the program chose it.
    if (previous?.couponId !== undefined) view.inputs.couponId = object.id;
    return view;
  },
  async delete(ctx, id) {
    await ctx.api.remove(id);
  },
});
