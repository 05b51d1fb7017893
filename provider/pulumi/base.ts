import * as pulumi from "@pulumi/pulumi";
import { outputKeys, type AnyDeclaration } from "../engine/declaration";
import { IDENTITY_INPUT } from "../engine/common";
import { providerShim } from "../engine/shim";

/** Accounts whose singleton objects this program already declares, by type: a second would fight the first. */
const claimed = new Map<string, string>();

/**
 * What every resource class shares: the provider shim for its type, every output key
 * registered (Pulumi only exposes outputs that were passed in as properties), and for an
 * object an account has once, a check that the program declares it once.
 */
export abstract class StripeBillingResource extends pulumi.dynamic.Resource {
  protected constructor(
    declaration: AnyDeclaration,
    name: string,
    args: object,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    const props: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    // Checked before registering, so the program fails at preview with nothing created.
    const account = props.stripeAccount;
    const known = account === undefined || typeof account === "string";
    if (declaration.singleton && known) claim(declaration, account as string | undefined, name);
    for (const key of outputKeys(declaration)) if (!(key in props)) props[key] = undefined;
    props[IDENTITY_INPUT] = identity(declaration.type, name, opts?.parent);
    super(providerShim(declaration.type), name, props, opts, "stripe-billing", declaration.type);
    if (declaration.singleton && !known) {
      pulumi
        .output(account as pulumi.Input<string | undefined>)
        .apply((value) => claim(declaration, value, name));
    }
  }
}

function claim(declaration: AnyDeclaration, account: string | undefined, name: string): void {
  const type = declaration.type;
  const key = `${declaration.stripeObject.replace(/[._]/g, " ")} of ${account ?? "the platform account"}`;
  const other = claimed.get(key);
  if (other !== undefined && other !== name) {
    throw new Error(
      `${type} "${name}" and "${other}" both manage the ${key}; an account has one, so declare it once.`,
    );
  }
  claimed.set(key, name);
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
