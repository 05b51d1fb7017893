/**
 * Where one object's inputs name another object. A reference is marked on the input's schema
 * (`referenceTo("Price", schema)`), so the places a billing spec may name another entry by key,
 * where export writes keys back, and what the spec's JSON Schema widens are all read from the
 * declaration's schema — never listed by hand.
 */
import { z } from "zod";
import type { AnyDeclaration } from "./declaration";
import { EACH_ELEMENT } from "./paths";
import { unwrapped } from "./view";

/**
 * Where zod keeps what a reference names: a registry of its own, so the marks stay out of
 * zod's global metadata (and so out of every JSON Schema built from the schemas). Like zod's
 * own metadata, a mark survives `.describe()` and other clones.
 */
const references = z.registry<{ to: string; placeholder: string }>();

/**
 * Marks `schema` as naming an object of Pulumi type `type` (its id, or another form Stripe
 * takes). `placeholder` starts a value the schema accepts (e.g. `price_`), for a billing spec
 * to stand in for an entry named by key while it checks the inputs.
 */
export function referenceTo<T extends z.ZodType>(type: string, schema: T, placeholder = "spec_reference"): T {
  references.add(schema, { to: type, placeholder });
  return schema;
}

/** The Pulumi type a schema refers to, if it is a reference. */
export function referenceTarget(schema: z.ZodType): string | undefined {
  return references.get(schema)?.to;
}

/** The start of a value a reference schema accepts in place of an entry's id. */
export function referencePlaceholder(schema: z.ZodType): string {
  return references.get(schema)?.placeholder ?? "spec_reference";
}

/** One place a reference may stand: its path (`[]` marks each element of a list) and its target. */
export interface ReferenceSite {
  /** Input path segments (./paths): `[]` stands for each element of a list. */
  path: readonly string[];
  /** The Pulumi type of the object named there, e.g. `Price`. */
  to: string;
  /** What the input takes there (an id, `{ lookupKey }`, …). */
  schema: z.ZodType;
}

const sites = new WeakMap<AnyDeclaration, readonly ReferenceSite[]>();

/** Every reference site of a declaration's inputs, outside in, in schema order. */
export function referenceSites(decl: AnyDeclaration): readonly ReferenceSite[] {
  let found = sites.get(decl);
  if (!found) {
    const out: ReferenceSite[] = [];
    walk(decl.schema(), [], out);
    sites.set(decl, (found = out));
  }
  return found;
}

function walk(schema: z.ZodType, path: string[], out: ReferenceSite[]): void {
  const to = referenceTarget(schema);
  if (to !== undefined) {
    out.push({ path, to, schema });
    return;
  }
  const inner = unwrapped(schema);
  if (inner) return walk(inner, path, out);
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case "object":
      for (const [key, child] of Object.entries(def.shape as Record<string, z.ZodType>))
        walk(child, [...path, key], out);
      return;
    case "array":
      return walk(def.element, [...path, EACH_ELEMENT], out);
    default:
      // Records (maps of user data) and scalars hold no references.
      return;
  }
}
