/**
 * BillingSetup — every resource of a YAML billing spec, as one component: each entry becomes
 * the resource of its section, named by its logical key; where an entry names another entry,
 * it receives that resource's id, so Pulumi orders the two and follows a replacement.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PlainObject } from "../engine/values";
import type { BillingSpec, SectionName } from "../spec";
import { setPath } from "../spec/validate";
import type { StripeBillingResource } from "./base";
import * as classes from "./resources";

export interface BillingSetupArgs {
  /** The spec, as `loadBillingSpec` returns it. */
  spec: BillingSpec;
  /**
   * The keys an entry had before, by `section.key`, e.g. `{ "taxSettings.settings": ["account"] }`:
   * the renamed entry stays the same resource (a Pulumi alias) instead of a new object replacing
   * the old one. Needed to rename an object Stripe knows by a fixed identity — a product with a
   * custom id, a tax registration's place, the account's tax settings — which cannot exist twice.
   */
  previousKeys?: Readonly<Record<string, readonly string[]>>;
}

type Constructor = new (
  name: string,
  args: PlainObject,
  opts?: pulumi.CustomResourceOptions,
) => StripeBillingResource;

/** Makes the resource of one entry: a dynamic resource here, a provider plugin's resource there. */
export type EntryResource = (
  type: string,
  name: string,
  inputs: PlainObject,
  opts: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** The resources of a spec, by section and logical key, and their Stripe ids. */
export interface SpecResources<R extends pulumi.CustomResource = pulumi.CustomResource> {
  resources: Partial<Record<SectionName, Record<string, R>>>;
  ids: Partial<Record<SectionName, Record<string, pulumi.Output<string>>>>;
}

/**
 * ```ts
 * new BillingSetup("billing", { spec: loadBillingSpec("billing.yaml", { environment: pulumi.getStack() }) });
 * ```
 * A `${config:NAME}` value not given to `loadBillingSpec` is read from the stack config
 * (`pulumi config set NAME …`; `${config:ns:NAME}` reads `ns:NAME`); a secret stays secret.
 */
export class BillingSetup extends pulumi.ComponentResource {
  /** The resources, by section and logical key. */
  readonly resources: Partial<Record<SectionName, Record<string, StripeBillingResource>>>;
  /** The Stripe ids, by section and logical key. */
  readonly ids: Partial<Record<SectionName, Record<string, pulumi.Output<string>>>>;

  constructor(name: string, args: BillingSetupArgs, opts?: pulumi.ComponentResourceOptions) {
    // Checked before anything registers, so a mistake fails the program with nothing under way.
    super("stripe-billing:index:BillingSetup", name, checkPreviousKeys(args), opts);
    const declared = declareEntries(this, args, (type, key, inputs, options) => {
      const Resource = (classes as unknown as Record<string, Constructor>)[type];
      return new Resource(key, inputs, options);
    });
    this.resources = declared.resources as SpecResources<StripeBillingResource>["resources"];
    this.ids = declared.ids;
    this.registerOutputs({ ids: this.ids });
  }
}

/**
 * Every entry of the spec as a child of `parent`, in creation order (every entry named is
 * created before the entries naming it); where an entry names another, it receives that
 * resource's id.
 */
export function declareEntries(
  parent: pulumi.Resource,
  args: BillingSetupArgs,
  make: EntryResource,
): SpecResources {
  checkPreviousKeys(args);
  const declared: SpecResources = { resources: {}, ids: {} };
  for (const entry of args.spec.entries) {
    const previous = args.previousKeys?.[`${entry.section}.${entry.key}`] ?? [];
    // Plain YAML data: a JSON copy (structuredClone would build arrays of another realm under
    // test runners, which Pulumi's serializer does not take for arrays).
    const inputs = JSON.parse(JSON.stringify(entry.inputs)) as PlainObject;
    for (const ref of entry.refs) {
      const target = declared.resources[ref.section]?.[ref.key];
      if (!target)
        throw new Error(`${entry.section}.${entry.key}: ${ref.section}.${ref.key} is not in the spec`);
      setPath(inputs, ref.path, target.id as unknown as string);
    }
    for (const value of entry.config)
      setPath(inputs, value.path, configValue(value.name) as unknown as string);
    const aliases = previous.map((key) => ({ name: key }));
    const resource = make(entry.type, entry.key, inputs, { parent, ...(aliases.length ? { aliases } : {}) });
    (declared.resources[entry.section] ??= {})[entry.key] = resource;
    (declared.ids[entry.section] ??= {})[entry.key] = resource.id;
  }
  return declared;
}

/**
 * A `${config:NAME}` value: `NAME` in the project's namespace, `ns:NAME` in namespace `ns`. A
 * value set with `--secret` is passed on as a secret, so it is encrypted in state and hidden in
 * previews like its config.
 */
function configValue(name: string): pulumi.Input<string> {
  const colon = name.indexOf(":");
  const config = colon > 0 ? new pulumi.Config(name.slice(0, colon)) : new pulumi.Config();
  const key = colon > 0 ? name.slice(colon + 1) : name;
  return isConfigSecret(`${config.name}:${key}`) ? config.requireSecret(key) : config.require(key);
}

/** Whether the stack config holds this key as a secret (the SDK's own check, not in its typings). */
function isConfigSecret(fullKey: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (key: string) => boolean };
  return runtime.isConfigSecret?.(fullKey) ?? false;
}

/** Every `previousKeys` entry names an entry of the spec; the component's own inputs (none). */
function checkPreviousKeys(args: BillingSetupArgs): Record<string, never> {
  const entries = new Set(args.spec.entries.map((e) => `${e.section}.${e.key}`));
  const unknown = Object.keys(args.previousKeys ?? {}).filter((k) => !entries.has(k));
  if (unknown.length > 0)
    throw new Error(`previousKeys: ${unknown.join(", ")} is not an entry of the spec (section.key)`);
  return {};
}
