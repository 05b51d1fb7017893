/**
 * `stripe-billing:index:BillingSetup` served by the provider plugin (Construct): a Pulumi YAML
 * or Go program names its spec file and environment, and each entry becomes a resource of this
 * provider under the component, exactly as the TypeScript `BillingSetup` declares them.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { outputKeys } from "../engine/declaration";
import type { PlainObject } from "../engine/values";
import { declarations } from "../resources";
import { loadBillingSpec } from "../spec";
import { declareEntries } from "../pulumi/billing-setup";
import { typeToken } from "./urn";

export const BILLING_SETUP = typeToken("BillingSetup");

/** One entry's resource, served by this provider. */
class EntryResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: PlainObject, opts: pulumi.CustomResourceOptions) {
    super(typeToken(type), name, props, opts);
  }
}

/** The component itself: a parent for the entries, with their ids as its output. */
class BillingSetupComponent extends pulumi.ComponentResource {
  constructor(name: string, opts: pulumi.ComponentResourceOptions) {
    super(BILLING_SETUP, name, {}, opts);
  }

  complete(outputs: Record<string, unknown>): void {
    this.registerOutputs(outputs);
  }
}

export interface BillingSetupInputs {
  /** The spec file, relative to the program's folder. */
  specFile?: unknown;
  /** The overlay to merge (`billing.<environment>.yaml`); the stack's name when unset. */
  environment?: unknown;
  /** Earlier keys of renamed entries, by `section.key`. */
  previousKeys?: unknown;
}

export async function constructBillingSetup(
  name: string,
  inputs: BillingSetupInputs,
  opts: pulumi.ComponentResourceOptions,
): Promise<{ urn: pulumi.Output<string>; state: Record<string, unknown> }> {
  const specFile = plainString(inputs.specFile, "specFile");
  if (specFile === undefined)
    throw new pulumi.InputPropertyError({ propertyPath: "specFile", reason: "is required" });
  const environment = plainString(inputs.environment, "environment") ?? pulumi.getStack();
  const previousKeys = (inputs.previousKeys ?? undefined) as Record<string, string[]> | undefined;
  // Plugins run in the program's folder, so a relative path means what it does in the program.
  const spec = loadBillingSpec(path.resolve(specFile), { environment });
  const component = new BillingSetupComponent(name, opts);
  const { ids } = declareEntries(component, { spec, previousKeys }, (type, key, entryInputs, options) => {
    // Every output registered, so the engine keeps them for the resource's readers.
    const props: PlainObject = { ...entryInputs };
    for (const output of outputKeys(declarations[type])) if (!(output in props)) props[output] = undefined;
    return new EntryResource(type, key, props, options);
  });
  component.complete({ ids });
  return { urn: component.urn, state: { ids } };
}

/** A component input that must be known when the program runs: it decides which resources exist. */
function plainString(value: unknown, property: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  throw new pulumi.InputPropertyError({
    propertyPath: property,
    reason: "must be a plain string known when the program runs (not another resource's output)",
  });
}
