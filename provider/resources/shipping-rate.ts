/**
 * ShippingRate — a shipping option offered at Checkout.
 */
import { z } from "zod";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource } from "../engine/declaration";
import {
  currencyKeySchema,
  currencySchema,
  metadataSchema,
  taxBehaviorSchema,
  taxCodeSchema,
} from "./common";

const DELIVERY_UNITS = ["business_day", "day", "hour", "month", "week"] as const;

export function shippingRateSchema() {
  const deliveryBound = z.strictObject({
    unit: z.enum(DELIVERY_UNITS).describe("The unit of `value`."),
    value: z.number().int().positive().describe("How many units."),
  });
  return z.strictObject({
    displayName: z
      .string()
      .min(1)
      .max(100)
      .describe('The name customers see at Checkout, e.g. "Ground shipping" (at most 100 characters).'),
    type: z
      .literal("fixed_amount")
      .default("fixed_amount")
      .describe("How the price is set; `fixed_amount` is the only kind Stripe offers."),
    fixedAmount: z
      .strictObject({
        amount: z
          .number()
          .int()
          .nonnegative()
          .describe("The price, in the smallest unit of `currency` (cents for USD)."),
        currency: currencySchema().describe("Three-letter ISO currency code of `amount`, e.g. `usd`."),
        currencyOptions: z
          .record(
            currencyKeySchema(),
            z
              .strictObject({
                amount: z
                  .number()
                  .int()
                  .nonnegative()
                  .describe("The price in this currency, in its smallest unit."),
                taxBehavior: taxBehaviorSchema()
                  .default("unspecified")
                  .describe("Whether this currency's amount includes tax."),
              })
              .describe("The price in one more currency."),
          )
          .optional()
          .describe("Prices in other currencies, keyed by lower-case currency code, e.g. `eur`."),
      })
      .describe("The price of shipping."),
    deliveryEstimate: z
      .strictObject({
        minimum: deliveryBound.optional().describe("The shortest delivery time."),
        maximum: deliveryBound.optional().describe("The longest delivery time."),
      })
      .refine(
        ({ minimum, maximum }) =>
          !minimum || !maximum || minimum.unit !== maximum.unit || minimum.value <= maximum.value,
        { path: ["maximum", "value"], message: "must not be less than minimum.value (same unit)" },
      )
      .optional()
      .describe("How long delivery takes, shown to customers."),
    taxBehavior: taxBehaviorSchema()
      .default("unspecified")
      .describe("Whether `fixedAmount.amount` includes tax (`inclusive`), excludes it, or is `unspecified`."),
    taxCode: taxCodeSchema()
      .optional()
      .describe("The Stripe tax code of the shipping, e.g. `txcd_92010001`."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    active: z.boolean().default(true).describe("Whether Checkout offers the rate to customers."),
    ...commonInputs(),
  });
}

/** Inputs of a ShippingRate, as the user writes them. */
export const shippingRate = declareResource({
  type: "ShippingRate",
  stripeObject: "shipping_rate",
  path: "/v1/shipping_rates",
  identity: { name: (object) => String(object.display_name) },
  export: { lists: [{ active: true }] },
  words: {
    noun: "Shipping rate",
    label: "displayName",
    destroyed: () => "archived (Stripe cannot delete shipping rates)",
  },
  schema: shippingRateSchema,
  computed: () => z.object({ livemode: livemodeOutput(), created: createdOutput() }),
  createOnly: [
    "displayName",
    "type",
    "taxCode",
    "deliveryEstimate",
    "fixedAmount.amount",
    "fixedAmount.currency",
  ],
  maps: ["metadata", "fixedAmount.currencyOptions"],
  // Stripe's update takes currency options but cannot remove one (`currency_options.<cur>` is
  // not emptyable in the API's types): removing one replaces the rate.
  // https://docs.stripe.com/api/shipping_rates/update#update_shipping_rate-fixed_amount-currency_options
  replaceOnRemove: ["fixedAmount.currencyOptions.*"],
  updateOnly: ["active"],
  async delete(ctx, id) {
    await ctx.api.update(id, { active: false });
  },
});
