import type * as pulumi from "@pulumi/pulumi";
import { price, type PriceInputs, type PriceState } from "../resources/price";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type PriceArgs = ResourceArgs<PriceInputs>;

/**
 * A Stripe price. What it charges — `product`, `currency`, `unitAmount`, `unitAmountDecimal`,
 * `customUnitAmount`, `recurring`, `billingScheme`, `tiers`, `tiersMode`, `transformQuantity` —
 * replaces it, with no gap: the new price is created first, takes over the lookup key and the
 * product's default, then the old one is archived. `active`, `metadata`, `nickname`,
 * `lookupKey`, `currencyOptions`, `productDefault` and a `taxBehavior` still `unspecified`
 * update in place. Destroy archives it (Stripe cannot delete prices).
 *
 * @example
 * new Price("pro-monthly", {
 *   product: pro.id,
 *   currency: "usd",
 *   unitAmount: 2000,
 *   recurring: { interval: "month" },
 *   lookupKey: "pro-monthly",
 *   productDefault: true,
 * });
 */
export class Price extends StripeBillingResource {
  declare readonly product: pulumi.Output<string>;
  declare readonly currency: pulumi.Output<string>;
  declare readonly unitAmount: pulumi.Output<number | undefined>;
  declare readonly unitAmountDecimal: pulumi.Output<string | undefined>;
  declare readonly customUnitAmount: pulumi.Output<PriceState["customUnitAmount"]>;
  declare readonly recurring: pulumi.Output<PriceState["recurring"]>;
  declare readonly billingScheme: pulumi.Output<PriceState["billingScheme"]>;
  declare readonly tiers: pulumi.Output<PriceState["tiers"]>;
  declare readonly tiersMode: pulumi.Output<PriceState["tiersMode"]>;
  declare readonly transformQuantity: pulumi.Output<PriceState["transformQuantity"]>;
  declare readonly taxBehavior: pulumi.Output<PriceState["taxBehavior"]>;
  declare readonly currencyOptions: pulumi.Output<PriceState["currencyOptions"]>;
  declare readonly nickname: pulumi.Output<string | undefined>;
  declare readonly lookupKey: pulumi.Output<string | undefined>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly productDefault: pulumi.Output<boolean | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  /** `recurring` or `one_time`. */
  declare readonly type: pulumi.Output<"recurring" | "one_time">;
  declare readonly created: pulumi.Output<number>;

  constructor(name: string, args: PriceArgs, opts?: pulumi.CustomResourceOptions) {
    super(price, name, args, opts);
  }
}
