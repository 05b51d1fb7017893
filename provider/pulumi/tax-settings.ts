import * as pulumi from "@pulumi/pulumi";
import { taxSettings, type TaxSettingsInputs } from "../resources/tax-settings";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type TaxSettingsArgs = ResourceArgs<TaxSettingsInputs>;

/** Accounts whose settings this program already declares: a second declaration would fight the first. */
const declared = new Map<string, string>();

/**
 * The account's Stripe Tax settings (one per account). Create adopts what the account has and
 * applies the inputs; inputs left out are not managed, and Stripe never lets a set field
 * become empty again. Destroy restores the values found at create where Stripe allows it
 * (`deletePolicy: "restore"`) or keeps the settings (`"keep"`).
 *
 * @example
 * new TaxSettings("tax", {
 *   defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
 *   headOffice: { address: { line1: "1 Main St", city: "Dublin", postalCode: "D01", country: "IE" } },
 * });
 */
export class TaxSettings extends StripeBillingResource {
  declare readonly defaults: pulumi.Output<{ taxBehavior?: string; taxCode?: string } | undefined>;
  declare readonly headOffice: pulumi.Output<{ address: Record<string, string> } | undefined>;
  declare readonly deletePolicy: pulumi.Output<"restore" | "keep">;
  /** `active` once Stripe Tax has everything it needs, else `pending`. */
  declare readonly status: pulumi.Output<string>;
  /** What Stripe Tax still needs before it can be active, e.g. `head_office`. */
  declare readonly missingFields: pulumi.Output<string[]>;
  /** The values found at create, restored on destroy. */
  declare readonly snapshot: pulumi.Output<Record<string, unknown>>;

  constructor(name: string, args: TaxSettingsArgs, opts?: pulumi.CustomResourceOptions) {
    // Checked before registering, so the program fails at preview with nothing created.
    const account = args.stripeAccount;
    if (account === undefined || typeof account === "string") claim(account, name);
    super(taxSettings, name, args, opts);
    if (account !== undefined && typeof account !== "string") {
      pulumi.output(account).apply((value) => claim(value, name));
    }
  }
}

function claim(account: string | undefined, name: string): void {
  const key = account ?? "the platform account";
  const other = declared.get(key);
  if (other !== undefined && other !== name) {
    throw new Error(
      `TaxSettings "${name}" and "${other}" both manage the tax settings of ${key}; an account has one set of tax settings, so declare it once.`,
    );
  }
  declared.set(key, name);
}
