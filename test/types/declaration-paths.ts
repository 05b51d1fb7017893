/**
 * Compile-time checks, run by `tsc` (and so by `npm test`, which builds first): each
 * `@ts-expect-error` below fails the build if the compiler stops rejecting the line after it.
 */
import { z } from "zod";
import { declareResource, type InputPath } from "../../provider/engine/declaration";
import type { ShippingRateArgs, TaxRegistrationArgs } from "../../provider";
import { shippingRateSchema } from "../../provider/resources/shipping-rate";
import { subscriptionScheduleSchema } from "../../provider/resources/subscription-schedule";

type ShippingPath = InputPath<ReturnType<typeof shippingRateSchema>>;

export const paths: ShippingPath[] = [
  "fixedAmount.amount",
  "fixedAmount.currencyOptions.*.taxBehavior",
  "deliveryEstimate.minimum.unit",
  // @ts-expect-error a misspelled create-only path
  "fixedAmount.amout",
  // @ts-expect-error a map key is `*`, not a name
  "fixedAmount.currencyOptions.eur",
];

type SchedulePath = InputPath<ReturnType<typeof subscriptionScheduleSchema>>;

/** Lists are walked element by element only where a path says so, with `[]`. */
export const listPath = (path: SchedulePath) => path;
listPath("phases[].items[].metadata.*");
// @ts-expect-error each element of a list is `[]`: lists are not walked through unmarked
listPath("phases.items.price");
// @ts-expect-error `[]` follows a list, not an object
listPath("phases[].invoiceSettings[]");

const sample = () => z.strictObject({ name: z.string(), price: z.strictObject({ amount: z.number() }) });

export const declaration = declareResource({
  type: "Sample",
  stripeObject: "sample",
  path: "/v1/samples",
  description: "A sample.",
  schema: sample,
  computed: () => z.object({}),
  // @ts-expect-error `price.amout` is not a path of the schema
  createOnly: ["name", "price.amout"],
  // @ts-expect-error expand paths are in Stripe's spelling of the schema's paths
  expand: ["priceAmount"],
  async delete() {},
});

export const badOption: TaxRegistrationArgs = {
  country: "IE",
  // @ts-expect-error not a registration type
  countryOptions: { ie: { type: "bogus" } },
};

export const badAmount: ShippingRateArgs = {
  displayName: "Ground",
  // @ts-expect-error amounts are numbers
  fixedAmount: { amount: "5.00", currency: "usd" },
};
