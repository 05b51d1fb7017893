/**
 * Shipping rates (`shr_`): create, retrieve, update (active, metadata, tax_behavior and
 * currency option amounts only) and list. Stripe never deletes them.
 * https://docs.stripe.com/api/shipping_rates
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Rules } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/**
 * https://docs.stripe.com/api/shipping_rates/create: a display name of up to 100 characters,
 * non-negative amounts in a three-letter ISO currency, a tax code `txcd_…`, estimates of at
 * least one unit.
 */
const CREATE_RULES: Rules = {
  display_name: { maxLength: 100 },
  "fixed_amount[amount]": { min: 0 },
  "fixed_amount[currency]": { pattern: /^[a-z]{3}$/ },
  "fixed_amount[currency_options][*][amount]": { min: 0 },
  "delivery_estimate[minimum][value]": { min: 1 },
  "delivery_estimate[maximum][value]": { min: 1 },
  tax_code: { pattern: /^txcd_\d{8}$/ },
};
const UPDATE_RULES: Rules = { "fixed_amount[currency_options][*][amount]": { min: 0 } };

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const fixed = p.fixed_amount as Params | undefined;
  // https://docs.stripe.com/api/shipping_rates/create: fixed_amount is required when type is fixed_amount.
  if ((p.type ?? "fixed_amount") === "fixed_amount" && !fixed) throw errors.missingParameter("fixed_amount");
  const options = fixed?.currency_options as Record<string, Params> | undefined;
  const estimate = p.delivery_estimate as Params | undefined;
  return ctx.store.insert(ctx.scope, {
    id: newId("shr"),
    object: "shipping_rate",
    active: true,
    created: ctx.clock.now(),
    delivery_estimate: estimate
      ? { maximum: estimate.maximum ?? null, minimum: estimate.minimum ?? null }
      : null,
    display_name: p.display_name as string,
    fixed_amount: {
      amount: fixed!.amount,
      currency: fixed!.currency,
      ...(options
        ? {
            currency_options: Object.fromEntries(
              Object.entries(options).map(([c, o]) => [
                c,
                { amount: o.amount, tax_behavior: o.tax_behavior ?? "unspecified" },
              ]),
            ),
          }
        : {}),
    },
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    tax_behavior: (p.tax_behavior as string | undefined) ?? "unspecified",
    tax_code: (p.tax_code as string | undefined) ?? null,
    type: "fixed_amount",
  });
}

function update(ctx: RequestContext, id: string): StripeObject {
  const rate = need(ctx, "shipping_rate", id);
  const p = ctx.params;
  if (p.active !== undefined) rate.active = p.active;
  if (p.tax_behavior !== undefined) rate.tax_behavior = p.tax_behavior;
  rate.metadata = mergeMetadata(rate.metadata as Record<string, string>, p.metadata);
  const options = (p.fixed_amount as Params | undefined)?.currency_options as
    Record<string, Params> | undefined;
  if (options) {
    const fixed = rate.fixed_amount as Params;
    const current = { ...((fixed.currency_options as Record<string, Params> | undefined) ?? {}) };
    for (const [currency, option] of Object.entries(options)) {
      const existing = current[currency];
      // A currency the rate does not have yet needs its amount (the SDK marks it optional
      // because an existing option may change only its tax behavior).
      if (!existing && option.amount === undefined)
        throw errors.missingParameter(`fixed_amount[currency_options][${currency}][amount]`);
      current[currency] = {
        amount: option.amount ?? existing?.amount,
        tax_behavior: option.tax_behavior ?? existing?.tax_behavior ?? "unspecified",
      };
    }
    rate.fixed_amount = { ...fixed, currency_options: current };
  }
  return rate;
}

export const shippingRateRoutes: Route[] = [
  { method: "POST", path: "/v1/shipping_rates", rules: CREATE_RULES, handle: create },
  listRoute("shipping_rate", "/v1/shipping_rates", {
    equal: ["active"],
    range: ["created"],
    where: (r, p) => p.currency === undefined || (r.fixed_amount as Params | null)?.currency === p.currency,
  }),
  { method: "GET", path: "/v1/shipping_rates/{id}", handle: retriever("shipping_rate") },
  { method: "POST", path: "/v1/shipping_rates/{id}", rules: UPDATE_RULES, handle: update },
];
