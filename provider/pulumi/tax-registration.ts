import type * as pulumi from "@pulumi/pulumi";
import { taxRegistration, type TaxRegistrationInputs } from "../resources/tax-registration";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type TaxRegistrationArgs = ResourceArgs<TaxRegistrationInputs>;

/**
 * A Stripe Tax registration. `country` and `countryOptions` replace it (the old one is expired
 * first, so two never overlap); `activeFrom` and `expiresAt` update in place. Destroy expires
 * it now (`deletePolicy: "expire"`) or keeps it (`"keep"`).
 *
 * @example
 * new TaxRegistration("ireland", { country: "IE", countryOptions: { ie: { type: "oss_union" } } });
 */
export class TaxRegistration extends StripeBillingResource {
  declare readonly country: pulumi.Output<string>;
  declare readonly countryOptions: pulumi.Output<Record<string, Record<string, unknown>>>;
  declare readonly activeFrom: pulumi.Output<"now" | number>;
  declare readonly expiresAt: pulumi.Output<"now" | number | undefined>;
  declare readonly deletePolicy: pulumi.Output<"expire" | "keep">;
  /** `active`, `scheduled` or `expired`. */
  declare readonly status: pulumi.Output<string>;
  declare readonly created: pulumi.Output<number>;

  constructor(name: string, args: TaxRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(taxRegistration, name, args, opts);
  }
}
