/**
 * Inputs every resource has, whatever its Stripe object.
 */
import { z } from "zod";

export const COMMON_LOCAL_INPUTS = ["stripeAccount", "adoptId"] as const;

export function commonInputs() {
  return {
    /** The connected account (`acct_…`) that owns the object; changing it replaces the object. */
    stripeAccount: z
      .string()
      .regex(/^acct_[A-Za-z0-9]+$/, "must be a connected account id (acct_…)")
      .optional(),
    /**
     * The id of an existing Stripe object to take under management instead of creating one
     * (`pulumi import` cannot reach dynamic resources). The object is brought to the inputs.
     */
    adoptId: z.string().min(1).optional(),
  };
}
