/**
 * Shipping rates (`shr_`): create, retrieve, update (active, metadata, tax_behavior and
 * currency option amounts only) and list. Stripe never deletes them.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { CREATED_FILTER, LIST_PARAMS, listPage, matchesCreated } from "../list";
import { mergeMetadata, validate, type Params, type Spec } from "../params";
import type { StripeObject } from "../store";
import type { RequestContext, Route } from "./types";

const TAX_BEHAVIOR: Spec = { kind: "string", enum: ["inclusive", "exclusive", "unspecified"] };
const CURRENCY: Spec = { kind: "string", pattern: /^[a-z]{3}$/ };
const BOUND: Spec = {
  kind: "object",
  fields: {
    unit: { kind: "string", required: true, enum: ["business_day", "day", "hour", "month", "week"] },
    value: { kind: "integer", required: true, min: 1 },
  },
};

const CREATE: Record<string, Spec> = {
  display_name: { kind: "string", required: true, maxLength: 100 },
  type: { kind: "string", enum: ["fixed_amount"] },
  fixed_amount: {
    kind: "object",
    fields: {
      amount: { kind: "integer", required: true, min: 0 },
      currency: { ...CURRENCY, required: true },
      currency_options: {
        kind: "map",
        keyPattern: /^[a-z]{3}$/,
        value: {
          kind: "object",
          fields: { amount: { kind: "integer", required: true, min: 0 }, tax_behavior: TAX_BEHAVIOR },
        },
      },
    },
  },
  delivery_estimate: { kind: "object", fields: { minimum: BOUND, maximum: BOUND } },
  tax_behavior: TAX_BEHAVIOR,
  tax_code: { kind: "string", pattern: /^txcd_\d{8}$/ },
  metadata: { kind: "metadata" },
  expand: { kind: "expand" },
};

const UPDATE: Record<string, Spec> = {
  active: { kind: "boolean" },
  metadata: { kind: "metadata" },
  tax_behavior: TAX_BEHAVIOR,
  fixed_amount: {
    kind: "object",
    fields: {
      currency_options: {
        kind: "map",
        keyPattern: /^[a-z]{3}$/,
        value: {
          kind: "object",
          fields: { amount: { kind: "integer", min: 0 }, tax_behavior: TAX_BEHAVIOR },
        },
      },
    },
  },
  expand: { kind: "expand" },
};

const LIST: Record<string, Spec> = {
  ...LIST_PARAMS,
  active: { kind: "boolean" },
  currency: CURRENCY,
  created: CREATED_FILTER,
};

function create(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, CREATE);
  const fixed = p.fixed_amount as Params | undefined;
  if ((p.type ?? "fixed_amount") === "fixed_amount" && !fixed) throw errors.missingParameter("fixed_amount");
  const options = (fixed?.currency_options as Record<string, Params> | undefined) ?? undefined;
  const rate: StripeObject = {
    id: newId("shr"),
    object: "shipping_rate",
    active: true,
    created: ctx.clock.now(),
    delivery_estimate: (p.delivery_estimate as Params | null) ?? null,
    display_name: p.display_name as string,
    fixed_amount: fixed
      ? {
          amount: fixed.amount,
          currency: fixed.currency,
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
        }
      : null,
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    tax_behavior: (p.tax_behavior as string | undefined) ?? "unspecified",
    tax_code: (p.tax_code as string | undefined) ?? null,
    type: "fixed_amount",
  };
  if (rate.delivery_estimate) {
    const estimate = rate.delivery_estimate as Params;
    rate.delivery_estimate = { maximum: estimate.maximum ?? null, minimum: estimate.minimum ?? null };
  }
  return ctx.store.insert(ctx.scope, rate);
}

function retrieve(ctx: RequestContext, id: string): StripeObject {
  validate(ctx.params, { expand: { kind: "expand" } });
  const rate = ctx.store.get(ctx.scope, id, "shipping_rate");
  if (!rate) throw errors.missing("shipping_rate", id);
  return rate;
}

function update(ctx: RequestContext, id: string): StripeObject {
  const rate = ctx.store.get(ctx.scope, id, "shipping_rate");
  if (!rate) throw errors.missing("shipping_rate", id);
  const p = validate(ctx.params, UPDATE);
  if (p.active !== undefined && p.active !== null) rate.active = p.active;
  if (p.tax_behavior) rate.tax_behavior = p.tax_behavior;
  rate.metadata = mergeMetadata(rate.metadata as Record<string, string>, p.metadata);
  const options = (p.fixed_amount as Params | undefined)?.currency_options as
    Record<string, Params | null> | undefined;
  if (options) {
    const fixed = rate.fixed_amount as Params;
    const current = { ...((fixed.currency_options as Record<string, Params> | undefined) ?? {}) };
    for (const [currency, option] of Object.entries(options)) {
      if (!option) continue;
      const existing = current[currency];
      if (!existing && option.amount === undefined)
        throw errors.missingParameter(`fixed_amount[currency_options][${currency}][amount]`);
      current[currency] = {
        amount: option.amount ?? existing?.amount ?? 0,
        tax_behavior: option.tax_behavior ?? existing?.tax_behavior ?? "unspecified",
      };
    }
    rate.fixed_amount = { ...fixed, currency_options: current };
  }
  return rate;
}

function list(ctx: RequestContext) {
  const p = validate(ctx.params, LIST);
  const items = ctx.store
    .all(ctx.scope, "shipping_rate")
    .filter((r) => p.active === undefined || r.active === p.active)
    .filter((r) => p.currency === undefined || (r.fixed_amount as Params | null)?.currency === p.currency)
    .filter((r) => matchesCreated(r, p.created));
  return listPage("/v1/shipping_rates", items, p);
}

export const shippingRateRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/shipping_rates$/, handle: create },
  { method: "GET", pattern: /^\/v1\/shipping_rates$/, handle: list },
  { method: "GET", pattern: /^\/v1\/shipping_rates\/([^/]+)$/, handle: retrieve },
  { method: "POST", pattern: /^\/v1\/shipping_rates\/([^/]+)$/, handle: update },
];
