/**
 * Fields Stripe requires with one possible value (a single-value enum, or a boolean such as a
 * custom unit amount's `enabled`) are either inputs or accepted in Stripe's spelling: a program
 * copied from Stripe's docs never meets "unrecognized key" for them. Checked against the
 * parameter tables generated from Stripe's SDK, for every declaration's create and update.
 */
import type { z } from "zod";
import { camelCase } from "../../provider/engine/casing";
import { declarations } from "../../provider/resources";
import { STRIPE_PARAMS, type StripeParamNode } from "../../provider/stripe/stripe-params";
import { unwrap } from "../../scripts/describe";

/** The schema at a Stripe parameter path (`[]` for list items), or undefined where inputs have none. */
function schemaAt(schema: z.ZodType, path: readonly string[]): z.ZodType | undefined {
  if (path.length === 0) return schema;
  const [head, ...rest] = path;
  const def = (unwrap(schema).core as any)._zod.def;
  if (head === "[]") return def.type === "array" ? schemaAt(def.element, rest) : undefined;
  if (def.type === "record") return schemaAt(def.valueType, rest);
  if (def.type !== "object") return undefined;
  const child = def.shape[camelCase(head)];
  return child ? schemaAt(child, rest) : undefined;
}

/** Every required parameter with one possible value, as a path. */
function stripeOnlyValues(node: StripeParamNode, path: string[] = []): string[][] {
  const here =
    node.required && (node.type === "boolean" || (node.type === "enum" && node.values.length === 1))
      ? [path]
      : [];
  switch (node.type) {
    case "object":
      return [...here, ...Object.entries(node.fields).flatMap(([k, v]) => stripeOnlyValues(v, [...path, k]))];
    case "array":
      return [...here, ...stripeOnlyValues(node.items, [...path, "[]"])];
    case "map":
      return [...here, ...stripeOnlyValues(node.values, [...path, "*"])];
    case "union":
      return [...here, ...node.anyOf.flatMap((option) => stripeOnlyValues(option, path))];
    default:
      return here;
  }
}

function survey() {
  const covered = new Set<string>();
  const missing = new Set<string>();
  for (const decl of Object.values(declarations)) {
    for (const endpoint of [`POST ${decl.path}`, `POST ${decl.path}/{id}`]) {
      const params = STRIPE_PARAMS[endpoint];
      if (!params) continue;
      for (const path of stripeOnlyValues(params)) {
        // Only where the inputs have the object Stripe requires the field in.
        if (!schemaAt(decl.schema(), path.slice(0, -1))) continue;
        const where = `${decl.type} ${path.map((p) => (p === "[]" ? p : camelCase(p))).join(".")}`;
        (schemaAt(decl.schema(), path) ? covered : missing).add(where.replace(/\.\[\]/g, "[]"));
      }
    }
  }
  return { covered: [...covered], missing: [...missing] };
}

describe("Fields Stripe requires with one possible value", () => {
  const { covered, missing } = survey();

  it("are inputs, or accepted in Stripe's spelling, wherever the inputs hold their object", () => {
    expect(missing).toEqual([]);
  });

  it("include a custom unit amount's enabled, accepted in Stripe's spelling", () => {
    expect(covered).toEqual(
      expect.arrayContaining([
        "Price customUnitAmount.enabled",
        "Price currencyOptions.*.customUnitAmount.enabled",
      ]),
    );
  });
});
