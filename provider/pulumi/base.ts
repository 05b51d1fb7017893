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
 *
 * Computed now, from the names and types the parent chain was constructed with, never from
 * `parent.urn`: an input that depends on a component resource depends on all of that
 * component's children, this one included, so a resource inside a component would wait on
 * itself and never register.
 */
function identity(type: string, name: string, parent: pulumi.Resource | undefined): string {
  return [pulumi.getProject(), pulumi.getStack(), parentUrn(parent), type, name].join("::");
}

/** The URN Pulumi gives `parent` (`urn:pulumi:<stack>::<project>::<type chain>::<name>`), or "" at the top. */
function parentUrn(parent: pulumi.Resource | undefined): string {
  const chain: pulumi.Resource[] = [];
  for (let r = parent; r && pulumi.resourceType(r) !== STACK_TYPE; r = parentOf(r)) chain.unshift(r);
  if (!parent || chain.length === 0) return "";
  const types = chain.map((r) => pulumi.resourceType(r)).join("$");
  return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${types}::${pulumi.resourceName(parent)}`;
}

/** The root resource of every program; the URNs of its children leave it out. */
const STACK_TYPE = "pulumi:pulumi:Stack";

/** The parent a resource was constructed with (the SDK keeps it; no public accessor exists). */
function parentOf(resource: pulumi.Resource): pulumi.Resource | undefined {
  return (resource as unknown as { __parentResource?: pulumi.Resource }).__parentResource;
}
