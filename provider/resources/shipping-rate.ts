/**
 * ShippingRate — a shipping option offered at Checkout.
 * Stripe API reference: https://docs.stripe.com/api/shipping_rates
 *
 * Shipping rates cannot be deleted in Stripe; destroy archives them (`active: false`).
 */
import { z } from "zod";
import { commonInputs } from "../engine/common";
import { once, type ResourceDeclaration } from "../engine/declaration";
import { defaultView } from "../engine/view";
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
    unit: z.enum(DELIVERY_UNITS),
    value: z.number().int().positive(),
  });
  return z.strictObject({
    /** Name shown to customers, e.g. "Ground shipping". Replaces. */
    displayName: z.string().min(1).max(100),
    /** Only `fixed_amount` exists today. Replaces. */
    type: z.literal("fixed_amount").default("fixed_amount"),
    /** The price of shipping. `amount` and `currency` replace; `currencyOptions` update in place. */
    fixedAmount: z.strictObject({
      /** In the currency's smallest unit (cents). Replaces. */
      amount: z.number().int().nonnegative(),
      /** Replaces. */
      currency: currencySchema(),
      /** Prices in other currencies, keyed by lower-case currency code. Updates in place. */
      currencyOptions: z
        .record(
          currencyKeySchema(),
          z.strictObject({
            amount: z.number().int().nonnegative(),
            taxBehavior: taxBehaviorSchema().default("unspecified"),
          }),
        )
        .optional(),
    }),
    /** How long delivery takes, shown to customers. Replaces. */
    deliveryEstimate: z
      .strictObject({ minimum: deliveryBound.optional(), maximum: deliveryBound.optional() })
      .refine(
        ({ minimum, maximum }) =>
          !minimum || !maximum || minimum.unit !== maximum.unit || minimum.value <= maximum.value,
        { path: ["maximum", "value"], message: "must not be less than minimum.value (same unit)" },
      )
      .optional(),
    /** Whether the amount includes tax. Updates in place. */
    taxBehavior: taxBehaviorSchema().default("unspecified"),
    /** A Stripe tax code, e.g. `txcd_92010001` (shipping). Replaces. */
    taxCode: taxCodeSchema().optional(),
    /** Your key-value pairs. Updates in place; a removed key is deleted in Stripe. */
    metadata: metadataSchema().optional(),
    /** Offered to customers. Updates in place. */
    active: z.boolean().default(true),
    ...commonInputs(),
  });
}

/** Inputs of a ShippingRate, as the user writes them. */
export type ShippingRateInputs = z.input<ReturnType<typeof shippingRateSchema>>;
/** Inputs of a ShippingRate, canonical (defaults applied). */
export type ShippingRateState = z.output<ReturnType<typeof shippingRateSchema>>;

const MAPS = ["metadata", "fixedAmount.currencyOptions"];

export const shippingRate: ResourceDeclaration = {
  type: "ShippingRate",
  stripeObject: "shipping_rate",
  path: "/v1/shipping_rates",
  schema: once(shippingRateSchema),
  createOnly: [
    "displayName",
    "type",
    "taxCode",
    "deliveryEstimate",
    "fixedAmount.amount",
    "fixedAmount.currency",
  ],
  maps: MAPS,
  // Stripe's update takes currency options but cannot remove one (`currency_options.<cur>` is
  // not emptyable in the API's types): removing one replaces the rate.
  // https://docs.stripe.com/api/shipping_rates/update#update_shipping_rate-fixed_amount-currency_options
  replaceOnRemove: ["fixedAmount.currencyOptions.*"],
  updateOnly: ["active"],
  computed: { livemode: "boolean", created: "integer" },
  fromStripe: (object) =>
    defaultView(object, { schema: shippingRate.schema(), computed: ["livemode", "created"], maps: MAPS }),
  async delete(ctx, id) {
    await ctx.api.update(id, { active: false });
  },
};
