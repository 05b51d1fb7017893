/**
 * The default reading of a Stripe object: its fields in input spelling, cut down to what the
 * input schema describes (Stripe returns more than a resource manages), in canonical form,
 * plus the output-only fields a resource lists.
 */
import type { z } from "zod";
import { fromStripeKeys, snakeCase } from "./casing";
import type { AnyDeclaration, RemoteObject, StripeView } from "./declaration";
import { isPlainObject, prune, type Plain, type PlainObject } from "./values";

export interface ViewOptions {
  /** The resource's input schema: the object is projected onto its shape. */
  schema: z.ZodObject<any>;
  /** Output-only fields (camelCase) read from the same-named Stripe fields, e.g. `livemode`. */
  computed: readonly string[];
  maps?: readonly string[];
}

export function defaultView(object: RemoteObject, options: ViewOptions): StripeView {
  const camel = fromStripeKeys(object as Plain, options.maps) as PlainObject;
  const projected = project(camel, options.schema) as PlainObject;
  // Through the same schema as the inputs, so both sides get the same defaults, case and
  // order; a value the schema rejects (a newer Stripe enum, say) is shown as Stripe gave it.
  const parsed = options.schema.safeParse(prune(projected));
  const inputs = parsed.success ? (parsed.data as PlainObject) : projected;
  const computed: PlainObject = {};
  for (const key of options.computed) {
    const value = object[snakeCase(key)] as Plain;
    if (value !== undefined) computed[key] = fromStripeKeys(value, options.maps, key);
  }
  return { inputs: prune(inputs), computed: prune(computed) };
}

/** How the engine reads an object: the declaration's own mapper, or the default view of it. */
export function viewOf(decl: AnyDeclaration, object: RemoteObject, previous?: PlainObject): StripeView {
  if (decl.fromStripe) return decl.fromStripe(object, previous);
  const kept = decl.keptOutputs ?? [];
  return defaultView(object, {
    schema: decl.schema(),
    computed: Object.keys(decl.computed().shape).filter((key) => !kept.includes(key)),
    maps: decl.maps,
  });
}

/** Keeps the parts of `value` that `schema` describes, through objects, arrays and records. */
export function project(value: Plain, schema: z.ZodType): Plain {
  const inner = unwrapped(schema);
  if (inner) return project(value, inner);
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "object": {
      if (!isPlainObject(value)) return value;
      const out: PlainObject = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>)) {
        if (value[key] !== undefined) out[key] = project(value[key], child);
      }
      return out;
    }
    case "array":
      return Array.isArray(value) ? value.map((item) => project(item, def.element)) : value;
    case "record": {
      if (!isPlainObject(value)) return value;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, project(v, def.valueType)]));
    }
    default:
      return value;
  }
}

/**
 * The schema a wrapper stands for (optional, default, nullable, readonly, prefault, catch, and
 * a pipe's input), or undefined for any other schema: what every walk over a schema looks through.
 */
export function unwrapped(schema: z.ZodType): z.ZodType | undefined {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "optional":
    case "default":
    case "nullable":
    case "readonly":
    case "prefault":
    case "catch":
      return def.innerType;
    case "pipe":
      return def.in;
    default:
      return undefined;
  }
}
