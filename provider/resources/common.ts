/**
 * Schema pieces several Stripe objects share, with Stripe's own limits.
 */
import { z } from "zod";
import { isStripeCountry } from "./countries";
import { isStripeCurrency } from "./currencies";

/**
 * Why Stripe would refuse a metadata key, or undefined when it is fine.
 * https://docs.stripe.com/api/metadata — "up to 50 keys, with key names up to 40 characters
 * long and values up to 500 characters long"; keys cannot contain square brackets (the form
 * encoding reads `metadata[a[b]]` as nesting).
 */
function metadataKeyProblem(key: string): string | undefined {
  if (key.length === 0) return "metadata keys cannot be empty";
  if (key.length > 40) return `metadata key "${key}" is ${key.length} characters; Stripe allows at most 40`;
  if (/[[\]]/.test(key))
    return `metadata key "${key}" contains "[" or "]", which Stripe does not allow in keys (the form encoding would read it as nesting)`;
  return undefined;
}

/** Stripe metadata: at most 50 keys, keys up to 40 characters without `[`/`]`, values up to 500. */
export function metadataSchema() {
  return z.record(z.string(), z.string()).superRefine((metadata, ctx) => {
    const keys = Object.keys(metadata);
    if (keys.length > 50)
      ctx.addIssue({ code: "custom", message: `has ${keys.length} keys; Stripe allows at most 50` });
    for (const key of keys) {
      const problem = metadataKeyProblem(key);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
      else if (metadata[key].length > 500)
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is ${metadata[key].length} characters; Stripe allows metadata values of at most 500`,
        });
    }
  });
}

const CURRENCY_MESSAGE = "must be a currency Stripe supports, as its three-letter ISO code (e.g. usd, eur)";

/** A currency Stripe supports (https://docs.stripe.com/currencies); stored in lower case. */
export function currencySchema() {
  return z
    .string()
    .refine(isStripeCurrency, CURRENCY_MESSAGE)
    .transform((c) => c.toLowerCase());
}

/** A currency used as a map key (e.g. `currencyOptions.eur`): already lower case, as Stripe returns it. */
export function currencyKeySchema() {
  return z
    .string()
    .refine((c) => c === c.toLowerCase() && isStripeCurrency(c), `${CURRENCY_MESSAGE}, in lower case`);
}

/** A country Stripe knows, as its two-letter ISO code; stored in upper case. */
export function countrySchema() {
  return z
    .string()
    .refine(isStripeCountry, "must be a two-letter ISO country code Stripe knows (e.g. US, DE)")
    .transform((c) => c.toUpperCase());
}

/** A moment Stripe accepts: `"now"` or a unix timestamp in seconds. */
export function momentSchema() {
  return z.union([z.literal("now"), z.number().int().positive()], {
    error: 'must be "now" or a unix timestamp in seconds (an integer, e.g. 1767225600)',
  });
}

export function taxBehaviorSchema() {
  return z.enum(["inclusive", "exclusive", "unspecified"]);
}

/** A Stripe tax code id, e.g. `txcd_92010001`. */
export function taxCodeSchema() {
  return z.string().regex(/^txcd_\d{8}$/, "must be a Stripe tax code id (txcd_ followed by 8 digits)");
}

/** A field Stripe requires with one possible value, which a declaration sends itself. */
export interface StripeOnlyValue {
  /** The one value Stripe accepts. */
  value: string | boolean;
  /** Why there is nothing to choose, in Stripe's terms, as the check error says it. */
  why: string;
  /** The Stripe page that requires the field. */
  source: string;
}

/**
 * An object schema that also accepts Stripe's spelling of the fields Stripe requires with a
 * single possible value and the declaration sends itself (a custom unit amount's
 * `enabled: true`): a program copied from Stripe's docs passes check, and the field is dropped
 * from the canonical inputs, so inputs, diff and state are the same with and without it. Any
 * other value fails check naming the field and saying why there is no choice.
 *
 * Canonical inputs leave out empty objects, which would make an object given only such a
 * field (`customUnitAmount: { enabled: true }`, or `{}`) look left out: such an object keeps
 * the fields, with Stripe's value, so what it says survives. A mapper reading the object back
 * from Stripe adds them the same way (see `withStripeOnlyValues`).
 */
export function acceptingStripeOnlyValues<T extends z.ZodObject, F extends Record<string, StripeOnlyValue>>(
  object: T,
  fields: F,
) {
  const extra = Object.fromEntries(
    Object.entries(fields).map(([key, { value, why }]) => [
      key,
      (typeof value === "boolean" ? z.boolean() : z.string())
        .superRefine((given, ctx) => {
          if (given !== value)
            ctx.addIssue({
              code: "invalid_value",
              values: [value],
              input: given,
              message: `can only be ${JSON.stringify(value)} (Stripe: ${why}); leave it out or write ${JSON.stringify(value)}, it is sent either way`,
            });
        })
        .optional()
        .describe(
          `Stripe's \`${key}\`: only \`${JSON.stringify(value)}\`, which is sent whether given or not, so it may be left out (Stripe: ${why}).`,
        ),
    ]),
  ) as { [K in keyof F]: z.ZodOptional<F[K]["value"] extends boolean ? z.ZodBoolean : z.ZodString> };
  return object.extend(extra).transform((given) => {
    const rest: Record<string, unknown> = { ...given };
    for (const key of Object.keys(fields)) delete rest[key];
    const left = Object.values(rest).some((v) => v !== undefined && v !== null);
    return (left ? rest : withStripeOnlyValues(rest, fields)) as z.output<T> & {
      [K in keyof F]?: F[K]["value"];
    };
  });
}

/** An object with the Stripe-only values of `fields` set (a Stripe object read back, or an object with nothing else). */
export function withStripeOnlyValues<O extends object>(
  object: O,
  fields: Record<string, StripeOnlyValue>,
): O & Record<string, string | boolean> {
  return { ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])), ...object };
}
