/**
 * The default reading of a Stripe object: its fields that are inputs, in input spelling and
 * canonical form, plus the output-only fields a resource lists.
 */
import { fromStripeKeys, snakeCase } from "./casing";
import type { StripeObject, StripeView } from "./declaration";
import { prune, type Plain, type PlainObject } from "./values";

export interface ViewOptions {
  /** Input keys (camelCase) that Stripe stores under the same name in snake_case. */
  inputs: readonly string[];
  /** Output-only fields (camelCase) read from the same-named Stripe fields, e.g. `livemode`. */
  computed: readonly string[];
  maps?: readonly string[];
}

export function defaultView(object: StripeObject, options: ViewOptions): StripeView {
  const inputs: PlainObject = {};
  for (const key of options.inputs) {
    const value = object[snakeCase(key)] as Plain;
    if (value !== undefined) inputs[key] = fromStripeKeys(value, options.maps, key);
  }
  const computed: PlainObject = {};
  for (const key of options.computed) {
    const value = object[snakeCase(key)] as Plain;
    if (value !== undefined) computed[key] = fromStripeKeys(value, options.maps, key);
  }
  return { inputs: prune(inputs), computed: prune(computed) };
}
