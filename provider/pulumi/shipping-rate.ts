import type * as pulumi from "@pulumi/pulumi";
import { shippingRate, type ShippingRateInputs, type ShippingRateState } from "../resources/shipping-rate";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type ShippingRateArgs = ResourceArgs<ShippingRateInputs>;

/**
 * A Stripe shipping rate. `displayName`, `type`, `taxCode`, `deliveryEstimate`,
 * `fixedAmount.amount` and `fixedAmount.currency` replace it; `metadata`, `active`,
 * `taxBehavior` and `fixedAmount.currencyOptions` update in place. Destroy archives it.
 *
 * @example
 * new ShippingRate("ground", { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } });
 */
export class ShippingRate extends StripeBillingResource {
  declare readonly displayName: pulumi.Output<string>;
  declare readonly type: pulumi.Output<"fixed_amount">;
  declare readonly fixedAmount: pulumi.Output<ShippingRateState["fixedAmount"]>;
  declare readonly deliveryEstimate: pulumi.Output<ShippingRateState["deliveryEstimate"]>;
  declare readonly taxBehavior: pulumi.Output<ShippingRateState["taxBehavior"]>;
  declare readonly taxCode: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly created: pulumi.Output<number>;

  constructor(name: string, args: ShippingRateArgs, opts?: pulumi.CustomResourceOptions) {
    super(shippingRate, name, args, opts);
  }
}
