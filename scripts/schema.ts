/**
 * `npm run schema`: writes schema.json, a Pulumi package schema of every resource, generated
 * from the same zod declarations the provider validates with, so the two cannot drift.
 * Nested objects become named types; enums and limits are kept in descriptions.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import type { ResourceDeclaration } from "../provider/engine/declaration";
import { declarations } from "../provider/resources";
import { packageRoot, packageVersion } from "../provider/package-info";

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  description?: string;
  default?: unknown;
};
type PulumiProperty = Record<string, unknown>;

const PACKAGE = "stripe-billing";

export function packageSchema(): Record<string, unknown> {
  const types: Record<string, unknown> = {};
  const resources: Record<string, unknown> = {};
  for (const decl of Object.values(declarations))
    resources[`${PACKAGE}:index:${decl.type}`] = resourceSchema(decl, types);
  return {
    name: PACKAGE,
    version: packageVersion(),
    description: "Stripe billing objects as Pulumi resources (dynamic providers, Node.js).",
    repository: "",
    language: { nodejs: { packageName: "pulumi-stripe-billing" } },
    resources,
    types,
  };
}

function resourceSchema(decl: ResourceDeclaration, types: Record<string, unknown>) {
  const json = z.toJSONSchema(decl.schema(), { io: "input", unrepresentable: "any" }) as JsonSchema;
  const inputProperties: Record<string, PulumiProperty> = {};
  for (const [key, prop] of Object.entries(json.properties ?? {})) {
    inputProperties[key] = convert(prop, `${decl.type}${capitalize(key)}`, types);
    if (decl.createOnly.includes(key)) inputProperties[key].replaceOnChanges = true;
  }
  const properties: Record<string, PulumiProperty> = { ...inputProperties };
  const computed = z.toJSONSchema(decl.computed(), { io: "output", unrepresentable: "any" }) as JsonSchema;
  for (const [key, prop] of Object.entries(computed.properties ?? {}))
    properties[key] = convert(prop, `${decl.type}${capitalize(key)}`, types);
  return {
    description: `Stripe ${decl.stripeObject.replace(/_/g, " ")} (${decl.path}).`,
    inputProperties,
    requiredInputs: json.required?.filter((k) => json.properties?.[k]?.default === undefined) ?? [],
    properties,
    required: computed.required ?? [],
  };
}

function convert(schema: JsonSchema, typeName: string, types: Record<string, unknown>): PulumiProperty {
  const notes = [
    schema.description,
    schema.enum && `One of: ${schema.enum.join(", ")}.`,
    schema.pattern && `Pattern: ${schema.pattern}.`,
  ]
    .filter(Boolean)
    .join(" ");
  const described = (p: PulumiProperty): PulumiProperty => (notes ? { ...p, description: notes } : p);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return described({ ...convert(variants[0], typeName, types) });
  if (schema.const !== undefined) return described({ type: "string", const: schema.const });
  switch (schema.type) {
    case "array":
      return described({ type: "array", items: convert(schema.items ?? {}, `${typeName}Item`, types) });
    case "object": {
      if (schema.properties) {
        const properties: Record<string, PulumiProperty> = {};
        for (const [k, v] of Object.entries(schema.properties))
          properties[k] = convert(v, `${typeName}${capitalize(k)}`, types);
        types[`${PACKAGE}:index:${typeName}`] = {
          type: "object",
          properties,
          required: schema.required ?? [],
        };
        return described({ $ref: `#/types/${PACKAGE}:index:${typeName}` });
      }
      const values = typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
      return described({ type: "object", additionalProperties: convert(values, `${typeName}Value`, types) });
    }
    case "integer":
    case "number":
    case "boolean":
    case "string":
      return described({ type: schema.type });
    default:
      return described({ $ref: "pulumi.json#/Any" });
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

if (require.main === module) {
  const file = path.join(packageRoot(), "schema.json");
  fs.writeFileSync(file, `${JSON.stringify(packageSchema(), null, 2)}\n`);
  console.log(`wrote ${file}`);
}
