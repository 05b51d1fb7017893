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
