import * as pulumi from "@pulumi/pulumi";
import { outputKeys, type ResourceDeclaration } from "../engine/declaration";
import { IDENTITY_INPUT } from "../engine/common";
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
    props[IDENTITY_INPUT] = identity(declaration.type, name, opts?.parent);
    super(providerShim(declaration.type), name, props, opts, "stripe-billing", declaration.type);
  }
}

/**
 * Who this resource is in its stack, stable across processes: what idempotency keys are
 * derived from (the provider host never receives the URN).
 */
function identity(type: string, name: string, parent: pulumi.Resource | undefined): pulumi.Output<string> {
  return pulumi
    .output(parent?.urn ?? "")
    .apply((parentUrn) => [pulumi.getProject(), pulumi.getStack(), parentUrn, type, name].join("::"));
}
