/**
 * Schema pieces several Stripe objects share, with Stripe's own limits.
 */
import { z } from "zod";

/** Stripe metadata: at most 50 keys, keys up to 40 characters, values up to 500. */
export function metadataSchema() {
  return z
    .record(
      z.string().min(1, "metadata keys cannot be empty").max(40, "metadata keys are at most 40 characters"),
      z.string().max(500, "metadata values are at most 500 characters"),
    )
    .refine((m) => Object.keys(m).length <= 50, { message: "at most 50 metadata keys" });
}

/** A three-letter ISO currency code; Stripe stores it in lower case. */
export function currencySchema() {
  return z
    .string()
    .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO currency code")
    .transform((c) => c.toLowerCase());
}

export function taxBehaviorSchema() {
  return z.enum(["inclusive", "exclusive", "unspecified"]);
}

/** A Stripe tax code id, e.g. `txcd_92010001`. */
export function taxCodeSchema() {
  return z.string().regex(/^txcd_\d{8}$/, "must be a Stripe tax code id (txcd_ followed by 8 digits)");
}
