import type * as pulumi from "@pulumi/pulumi";
import {
  portalConfiguration,
  type PortalConfigurationInputs,
  type PortalConfigurationState,
} from "../resources/portal-configuration";
import { StripeBillingResource } from "./base";
import type { ResourceArgs } from "./inputs";

export type PortalConfigurationArgs = ResourceArgs<PortalConfigurationInputs>;

/**
 * A customer portal configuration. Every input updates in place; a feature left out is
 * disabled. Destroy deactivates it, except the account's default configuration, which Stripe
 * cannot deactivate (it is left as is, with a warning).
 *
 * @example
 * new PortalConfiguration("portal", {
 *   features: { invoiceHistory: { enabled: true }, subscriptionCancel: { enabled: true, mode: "at_period_end" } },
 *   businessProfile: { privacyPolicyUrl: "https://example.com/privacy" },
 * });
 */
export class PortalConfiguration extends StripeBillingResource {
  declare readonly features: pulumi.Output<PortalConfigurationState["features"]>;
  declare readonly businessProfile: pulumi.Output<PortalConfigurationState["businessProfile"]>;
  declare readonly defaultReturnUrl: pulumi.Output<string | undefined>;
  declare readonly loginPage: pulumi.Output<{ enabled: boolean }>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  declare readonly active: pulumi.Output<boolean>;
  declare readonly isDefault: pulumi.Output<boolean>;
  declare readonly loginPageUrl: pulumi.Output<string | undefined>;
  declare readonly created: pulumi.Output<number>;
  declare readonly updated: pulumi.Output<number>;

  constructor(name: string, args: PortalConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    super(portalConfiguration, name, args, opts);
  }
}
