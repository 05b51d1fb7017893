/**
 * Inputs and outputs every resource has, whatever its Stripe object.
 */
import { z } from "zod";

export const COMMON_LOCAL_INPUTS = ["stripeAccount", "adoptId", "allowLiveDestroy"] as const;

/**
 * The internal input that carries a resource's identity in its stack (project, stack, parent,
 * type and logical name) from the resource class to the provider, which never receives the
 * URN: idempotency keys are derived from it. Like every `__` input it is left out of diffs,
 * outputs and Stripe requests, and shown by no CLI display.
 */
export const IDENTITY_INPUT = "__identity";

export function commonInputs() {
  return {
    stripeAccount: z
      .string()
      .regex(/^acct_[A-Za-z0-9]+$/, "must be a connected account id (acct_…)")
      .optional()
      .describe(
        "The connected account (`acct_…`) that owns the object, for Stripe Connect platforms; left out, the object belongs to the account of the API key.",
      ),
    adoptId: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The id of an existing Stripe object to take under management instead of creating one (`pulumi import` cannot reach dynamic resources); the object is brought to the inputs. Adoption whose create-only fields differ from the inputs is refused at preview.",
      ),
    allowLiveDestroy: z
      .boolean()
      .optional()
      .describe(
        "In live mode, allows a replacement or destroy of this resource to archive, expire, deactivate, release or cancel its Stripe object (like the stack config `stripe-billing:allowLiveDestroy`, for this resource only). For a destroy it must have been applied by an earlier `pulumi up`.",
      ),
  };
}

/** Whether the object lives in live mode. */
export function livemodeOutput() {
  return z.boolean().describe("True when the object lives in live mode, false in test mode.");
}

/** When Stripe created the object. */
export function createdOutput() {
  return z.number().int().describe("When Stripe created the object, in unix seconds.");
}
