import * as pulumi from "@pulumi/pulumi";
import { outputKeys, type ResourceDeclaration } from "../engine/declaration";
import { providerShim } from "../engine/shim";

/**
 * What every resource class shares: the provider shim for its type, and every output key
 * registered (Pulumi only exposes outputs that were passed in as properties).
 */
export abstract class StripeBillingResource extends pulumi.dynamic.Resource {
  declare readonly stripeAccount: pulumi.Output<string | undefined>;
  declare readonly adoptId: pulumi.Output<string | undefined>;
  declare readonly livemode: pulumi.Output<boolean>;

  protected constructor(
    declaration: ResourceDeclaration,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    for (const key of outputKeys(declaration)) if (!(key in props)) props[key] = undefined;
    super(providerShim(declaration.type), name, props, opts, "stripe-billing", declaration.type);
  }
}
