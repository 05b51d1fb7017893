/**
 * PromotionCode — a code customers type (e.g. `SUMMER20`) that redeems a coupon.
 * Stripe API reference: https://docs.stripe.com/api/promotion_codes
 *
 * The code is its identity: the same in every account, unique among the account's active
 * codes whatever its case. Only `active`, `metadata` and `restrictions.currencyOptions` update
 * in place (https://docs.stripe.com/api/promotion_codes/update); anything else replaces it,
 * the old code deactivated first so the new one can take the code. Stripe cannot delete
 * promotion codes: destroy deactivates it (`active: false`), and an inactive code does not
 * keep the same code from being declared again.
 */
import { z } from "zod";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource } from "../engine/declaration";
import { currencyKeySchema, currencySchema, metadataSchema } from "./common";
import { couponRefSchema } from "./references";

/**
 * "Valid characters are lower case letters (a-z), upper case letters (A-Z), digits (0-9), and
 * dashes (-)." https://docs.stripe.com/api/promotion_codes/create#create_promotion_code-code
 */
export const PROMOTION_CODE = /^[A-Za-z0-9-]+$/;

export function promotionCodeSchema() {
  return z.strictObject({
    code: z
      .string()
      .min(1)
      .regex(PROMOTION_CODE, "letters (a-z, A-Z), digits and `-` only")
      .describe(
        "What customers type, e.g. `SUMMER20` (letters, digits and `-`), the same in every account and unique among its active codes whatever the case. Replaces the promotion code.",
      ),
    promotion: z
      .strictObject({
        type: z
          .literal("coupon")
          .default("coupon")
          .describe("What the code redeems; `coupon` is the only kind."),
        coupon: couponRefSchema().describe("The coupon: its id (e.g. `summer`), or a Coupon's `id`."),
      })
      .describe("What the code redeems. Replaces the promotion code."),
    active: z
      .boolean()
      .default(true)
      .describe(
        "Whether customers can redeem the code. Updates in place; Stripe reactivates a code only while its coupon is valid.",
      ),
    customer: z
      .string()
      .regex(/^cus_\w+$/, "must be a customer id (cus_…)")
      .optional()
      .describe(
        "The only customer (`cus_…`) who can redeem the code; left out, anyone can. Replaces the promotion code.",
      ),
    expiresAt: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "When the code stops working, in unix seconds (not after the coupon's `redeemBy`). Replaces the promotion code.",
      ),
    maxRedemptions: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "How many times the code can be redeemed (at most the coupon's `maxRedemptions`). Replaces the promotion code.",
      ),
    restrictions: z
      .strictObject({
        firstTimeTransaction: z
          .boolean()
          .default(false)
          .describe("Only for customers with no earlier payment or invoice. Replaces the promotion code."),
        minimumAmount: z
          .number()
          .int()
          .nonnegative()
          .optional()
          .describe(
            "The least an order must come to, in the smallest unit of `minimumAmountCurrency`. Replaces the promotion code.",
          ),
        minimumAmountCurrency: currencySchema()
          .optional()
          .describe(
            "Three-letter ISO currency code of `minimumAmount`, e.g. `usd`. Replaces the promotion code.",
          ),
        currencyOptions: z
          .record(
            currencyKeySchema(),
            z
              .strictObject({
                minimumAmount: z
                  .number()
                  .int()
                  .nonnegative()
                  .describe("The least an order in this currency must come to, in its smallest unit."),
              })
              .describe("The minimum in one more currency."),
          )
          .optional()
          .describe(
            "Minimums in other currencies than `minimumAmountCurrency`, keyed by lower-case currency code. Updates in place; removing one replaces the promotion code.",
          ),
      })
      .superRefine((r, ctx) => {
        // https://docs.stripe.com/api/promotion_codes/create#create_promotion_code-restrictions
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], message });
        if (r.minimumAmount !== undefined && r.minimumAmountCurrency === undefined)
          issue("minimumAmountCurrency", "minimumAmount needs its currency");
        if (r.minimumAmount === undefined && r.minimumAmountCurrency !== undefined)
          issue("minimumAmount", "minimumAmountCurrency needs minimumAmount");
        if (r.minimumAmountCurrency !== undefined && r.currencyOptions?.[r.minimumAmountCurrency])
          issue(
            "currencyOptions",
            `${r.minimumAmountCurrency} is minimumAmountCurrency, not another currency`,
          );
      })
      .prefault({})
      .describe("Who can redeem the code and for what orders."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    ...commonInputs(),
  });
}

export type PromotionCodeInputs = z.input<ReturnType<typeof promotionCodeSchema>>;
export type PromotionCodeState = z.output<ReturnType<typeof promotionCodeSchema>>;

export const promotionCode = declareResource({
  type: "PromotionCode",
  stripeObject: "promotion_code",
  path: "/v1/promotion_codes",
  identity: { input: "code" },
  export: {
    lists: [{ active: true }],
    note: (object) =>
      typeof object.customer === "string"
        ? {
            path: ["customer"],
            message: `is for the customer ${object.customer} only, who exists in this account alone.`,
          }
        : undefined,
  },
  words: {
    noun: "Promotion code",
    label: "code",
    destroyed: () =>
      "deactivated (Stripe cannot delete promotion codes; customers can no longer redeem it, and the code can be declared again)",
  },
  schema: promotionCodeSchema,
  computed: () =>
    z.object({
      timesRedeemed: z.number().int().describe("How many times the code has been redeemed."),
      livemode: livemodeOutput(),
      created: createdOutput(),
    }),
  createOnly: [
    "code",
    "promotion",
    "customer",
    "expiresAt",
    "maxRedemptions",
    "restrictions.firstTimeTransaction",
    "restrictions.minimumAmount",
    "restrictions.minimumAmountCurrency",
  ],
  maps: ["metadata", "restrictions.currencyOptions"],
  // A currency option cannot be sent empty (PromotionCodeUpdateParams): removing one replaces.
  // https://docs.stripe.com/api/promotion_codes/update#update_promotion_code-restrictions-currency_options
  replaceOnRemove: ["restrictions.currencyOptions.*"],
  // The code is unique among active codes: the old one is deactivated before the new one is made.
  deleteBeforeReplace: true,
  // Returned only when asked: https://docs.stripe.com/api/promotion_codes/object#promotion_code_object-restrictions-currency_options
  expand: ["restrictions.currency_options"],
  async delete(ctx, id) {
    await ctx.api.update(id, { active: false });
  },
});
