/**
 * The Pulumi package schema (schema.json) of every resource, written from the same documented
 * zod declarations the provider validates with, so the two cannot drift: every property has a
 * description, enums are schema enums, nested objects are named types, create-only fields at
 * any depth are `replaceOnChanges`, and the `config` section lists the `stripe-billing:*` keys.
 * `npm run generate` writes it.
 */
import { proseOf } from "./prose";
import type { z } from "zod";
import type { AnyDeclaration } from "../provider/engine/declaration";
import { packageVersion } from "../provider/package-info";
import { CONFIG_KEYS, CONFIG_NAMESPACE } from "../provider/stripe/settings";
import { changeOf, fieldDoc, unwrap } from "./describe";

type Spec = Record<string, unknown>;

export const PACKAGE = CONFIG_NAMESPACE;

/** The type token of a resource, as the resource classes register it. */
export function token(type: string): string {
  return `${PACKAGE}:index:${type}`;
}

export function packageSchema(declarations: readonly AnyDeclaration[]): Spec {
  const types: Record<string, Spec> = {};
  const resources: Record<string, Spec> = {};
  for (const decl of declarations) resources[token(decl.type)] = resourceSpec(decl, types);
  resources[token("BillingSetup")] = BILLING_SETUP_SPEC;
  const settings = Object.fromEntries(
    Object.entries(CONFIG_KEYS).map(([key, spec]) => [
      key,
      { type: spec.type, description: spec.description, ...(spec.secret ? { secret: true } : {}) },
    ]),
  );
  return {
    name: PACKAGE,
    version: packageVersion(),
    description:
      "Stripe billing objects as Pulumi resources: products, prices, meters, coupons, tax and shipping rates, portal configurations, webhook endpoints and more, from one YAML spec or resource by resource.",
    language: {
      nodejs: { packageName: "pulumi-stripe-billing" },
      // The Go SDK's module path when generated into a project's `sdk/go` folder (README).
      go: { importBasePath: GO_IMPORT_BASE_PATH },
    },
    config: { variables: settings },
    // An explicit provider (`pulumi:providers:stripe-billing`) takes the same settings as inputs.
    provider: {
      description: `The settings of one Stripe account, as the stack config \`${CONFIG_NAMESPACE}:*\` gives them to the default provider.`,
      inputProperties: settings,
    },
    resources: sortKeys(resources),
    types: sortKeys(types),
  };
}

/** Where `pulumi package gen-sdk --language go` puts the package; scripts/go-sdk.sh builds it. */
export const GO_IMPORT_BASE_PATH = "pulumi-stripe-billing/sdk/go/stripebilling";

/**
 * The component the provider plugin constructs (provider/plugin/billing-setup.ts): a YAML
 * billing spec as resources. The TypeScript class takes a loaded spec instead of a file.
 */
const BILLING_SETUP_SPEC: Spec = {
  isComponent: true,
  description:
    'Every resource of a YAML billing spec (see the README\'s "YAML spec"), as one component: each entry becomes the resource of its section, named by its logical key, and entries that name other entries receive their ids.',
  inputProperties: {
    specFile: {
      type: "string",
      description: "The spec file, relative to the program's folder, e.g. `billing.yaml`.",
    },
    environment: {
      type: "string",
      description:
        "The overlay merged over the spec (`billing.<environment>.yaml` beside it, when present); the stack's name when unset.",
    },
    previousKeys: {
      type: "object",
      additionalProperties: { type: "array", items: { type: "string" } },
      description:
        "The keys an entry had before, by `section.key` (e.g. `taxSettings.settings: [account]`): the renamed entry stays the same resource instead of a new object replacing the old one.",
    },
  },
  requiredInputs: ["specFile"],
  properties: {
    ids: {
      type: "object",
      additionalProperties: { type: "object", additionalProperties: { type: "string" } },
      description: "The Stripe ids, by section and logical key.",
    },
  },
  required: ["ids"],
};

function resourceSpec(decl: AnyDeclaration, types: Record<string, Spec>): Spec {
  const inputs = decl.schema().shape as Record<string, z.ZodType>;
  const computed = decl.computed().shape as Record<string, z.ZodType>;
  const inputProperties: Record<string, Spec> = {};
  const properties: Record<string, Spec> = {};
  const walker = new Walker(decl, types);
  for (const [key, schema] of Object.entries(inputs)) {
    inputProperties[key] = walker.property(schema, [key], `${decl.type}${capitalize(key)}`, true);
    const { replaceOnChanges: _, ...output } = inputProperties[key];
    properties[key] = output;
  }
  for (const [key, schema] of Object.entries(computed)) {
    properties[key] = walker.property(schema, [key], `${decl.type}${capitalize(key)}`, false);
    if (decl.secretOutputs?.includes(key)) properties[key].secret = true;
  }
  return {
    description: `${proseOf(decl).description}\n\nStripe API reference: ${proseOf(decl).reference}`,
    inputProperties,
    requiredInputs: Object.keys(inputs).filter((k) => !unwrap(inputs[k]).optional),
    properties,
    required: [
      ...Object.keys(inputs).filter((k) => !isAbsentOutput(inputs[k])),
      ...Object.keys(computed).filter((k) => !isAbsentOutput(computed[k])),
    ],
  };
}

function isAbsentOutput(schema: z.ZodType): boolean {
  const { optional, defaultValue } = unwrap(schema);
  return optional && defaultValue === undefined;
}

/**
 * Turns one resource's schemas into property specs. `path` is the field's input path (for its
 * documentation and create-only rule); `name` names the types it needs.
 */
class Walker {
  constructor(
    private readonly decl: AnyDeclaration,
    private readonly types: Record<string, Spec>,
  ) {}

  property(schema: z.ZodType, path: string[], name: string, input: boolean): Spec {
    const doc = input ? fieldDoc(this.decl, path, schema, true) : (unwrap(schema).description ?? "");
    const spec: Spec = { ...this.typeSpec(schema, path, name, input), description: doc };
    if (input && changeOf(this.decl, path) === "replaces") spec.replaceOnChanges = true;
    return spec;
  }

  private typeSpec(schema: z.ZodType, path: string[], name: string, input: boolean): Spec {
    const { core, description } = unwrap(schema);
    const def = (core as any)._zod.def;
    switch (def.type) {
      case "string":
        return { type: "string" };
      case "number":
        return { type: (core as any).isInt ? "integer" : "number" };
      case "boolean":
        return { type: "boolean" };
      case "literal": {
        const value = def.values[0];
        return { type: typeof value === "number" ? "number" : "string", const: value };
      }
      case "enum":
        this.types[token(name)] = {
          type: "string",
          description: description ?? `The values of \`${path.join(".")}\`.`,
          enum: Object.values(def.entries as Record<string, string>).map((value) => ({ value })),
        };
        return { $ref: `#/types/${token(name)}` };
      case "union":
        return {
          oneOf: (def.options as z.ZodType[]).map((option, i) =>
            this.typeSpec(option, path, `${name}${i}`, input),
          ),
        };
      case "array":
        return { type: "array", items: this.typeSpec(def.element, path, `${name}Item`, input) };
      case "record":
        return {
          type: "object",
          additionalProperties: this.typeSpec(def.valueType, [...path, "*"], `${name}Value`, input),
        };
      case "object": {
        const shape = def.shape as Record<string, z.ZodType>;
        const properties: Record<string, Spec> = {};
        for (const [key, child] of Object.entries(shape)) {
          properties[key] = this.property(child, [...path, key], `${name}${capitalize(key)}`, input);
        }
        this.types[token(name)] = {
          type: "object",
          description: description ?? `Part of a ${this.decl.type}.`,
          properties,
          required: Object.keys(shape).filter((k) => !unwrap(shape[k]).optional),
        };
        return { $ref: `#/types/${token(name)}` };
      }
      default:
        return { $ref: "pulumi.json#/Any" };
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
