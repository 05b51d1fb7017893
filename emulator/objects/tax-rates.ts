/**
 * Tax rates (`txr_`): create, retrieve, update and list. A rate's percentage and inclusiveness
 * never change (the update endpoint has no such parameters, so the tables refuse them), and
 * Stripe never deletes a rate, only archives it (`active: false`).
 * https://docs.stripe.com/api/tax_rates
 */
import { newId } from "../ids";
import { mergeMetadata, type Rules } from "../params";
import type { StripeObject } from "../store";
import { applyUpdate, listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/**
 * https://docs.stripe.com/api/tax_rates/create: a percentage out of 100, a two-letter ISO
 * country, a state as its ISO 3166-2 subdivision code without the country prefix.
 */
const UPDATE_RULES: Rules = {
  country: { pattern: /^[A-Za-z]{2}$/ },
  state: { pattern: /^[A-Za-z0-9]{1,3}$/ },
};
const CREATE_RULES: Rules = { ...UPDATE_RULES, percentage: { min: 0, max: 100 } };

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const percentage = p.percentage as number;
  return ctx.store.insert(ctx.scope, {
    id: newId("txr"),
    object: "tax_rate",
    active: (p.active as boolean | undefined) ?? true,
    country: (p.country as string | undefined) ?? null,
    created: ctx.clock.now(),
    description: (p.description as string | undefined) ?? null,
    display_name: p.display_name as string,
    effective_percentage: percentage,
    flat_amount: null,
    inclusive: p.inclusive as boolean,
    jurisdiction: (p.jurisdiction as string | undefined) ?? null,
    jurisdiction_level: null,
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    percentage,
    rate_type: "percentage",
    state: (p.state as string | undefined) ?? null,
    tax_type: (p.tax_type as string | undefined) ?? null,
  });
}

function update(ctx: RequestContext, id: string): StripeObject {
  return applyUpdate(ctx, need(ctx, "tax_rate", id));
}

export const taxRateRoutes: Route[] = [
  { method: "POST", path: "/v1/tax_rates", rules: CREATE_RULES, handle: create },
  // https://docs.stripe.com/api/tax_rates/list: filtered by `active`, `inclusive` and `created`.
  listRoute("tax_rate", "/v1/tax_rates", { equal: ["active", "inclusive"], range: ["created"] }),
  { method: "GET", path: "/v1/tax_rates/{id}", handle: retriever("tax_rate") },
  { method: "POST", path: "/v1/tax_rates/{id}", rules: UPDATE_RULES, handle: update },
];
