/**
 * Coupons: create, retrieve, update (name, metadata and currency options only), delete and
 * list, with Stripe's rules (https://docs.stripe.com/api/coupons):
 *
 * - a coupon may be created with an id of one's choice, unique in the account
 *   (https://docs.stripe.com/api/coupons/create#create_coupon-id);
 * - it takes off either `percent_off` (above 0, at most 100) or `amount_off` in `currency`, not
 *   both; currency options only with `amount_off`; `duration_in_months` exactly when the
 *   duration is `repeating`; `redeem_by` at most five years ahead
 *   (https://docs.stripe.com/api/coupons/create);
 * - deleting it leaves the discounts customers already have
 *   (https://docs.stripe.com/api/coupons/delete);
 * - `applies_to` and `currency_options` are returned only when expanded
 *   (https://docs.stripe.com/api/coupons/object#coupon_object-applies_to).
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Rules } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need } from "./crud";
import type { RequestContext, Route } from "./types";

/** https://docs.stripe.com/api/coupons/create: limits the types cannot say. */
const CREATE_RULES: Rules = {
  amount_off: { min: 1 },
  currency: { pattern: /^[a-z]{3}$/ },
  "currency_options[*][amount_off]": { min: 1 },
  duration_in_months: { min: 1 },
  max_redemptions: { min: 1 },
  name: { maxLength: 40 },
  percent_off: { max: 100 },
};
const UPDATE_RULES: Rules = {
  "currency_options[*][amount_off]": { min: 1 },
  name: { maxLength: 40 },
};

/** "cannot be set to more than 5 years in the future" (CouponCreateParams.redeem_by). */
const FIVE_YEARS = 5 * 366 * 24 * 3600;

/** What the coupon's settings allow; `valid` turns false once it can no longer be redeemed. */
function isValid(ctx: RequestContext, coupon: StripeObject): boolean {
  const redeemBy = coupon.redeem_by as number | null;
  const max = coupon.max_redemptions as number | null;
  return (
    (redeemBy === null || redeemBy > ctx.clock.now()) && (max === null || Number(coupon.times_redeemed) < max)
  );
}

/** The coupon as returned: the fields only expansion gives left out unless asked for. */
export function presentCoupon(ctx: RequestContext, coupon: StripeObject): StripeObject {
  const expand = Array.isArray(ctx.params.expand) ? (ctx.params.expand as string[]) : [];
  const { applies_to, currency_options, ...rest } = coupon;
  return {
    ...rest,
    valid: isValid(ctx, coupon),
    ...(expand.includes("applies_to") ? { applies_to } : {}),
    ...(expand.includes("currency_options") ? { currency_options } : {}),
  } as StripeObject;
}

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  if (typeof p.id === "string" && ctx.store.get(ctx.scope, p.id, "coupon")) {
    // https://docs.stripe.com/error-codes#resource-already-exists
    throw errors.invalid("Coupon already exists.", "id", "resource_already_exists");
  }
  if (p.percent_off === undefined && p.amount_off === undefined)
    throw errors.invalid("You must pass either percent_off or amount_off.", "percent_off");
  if (p.percent_off !== undefined && p.amount_off !== undefined)
    throw errors.invalid("You may only pass one of percent_off and amount_off.", "amount_off");
  if (typeof p.percent_off === "number" && p.percent_off <= 0)
    throw errors.invalid("percent_off must be greater than 0.", "percent_off");
  if (p.amount_off !== undefined && p.currency === undefined) throw errors.missingParameter("currency");
  if (p.currency_options !== undefined && p.amount_off === undefined)
    throw errors.invalid("currency_options is only supported with amount_off.", "currency_options");
  const duration = (p.duration as string | undefined) ?? "once";
  if (duration === "repeating" && p.duration_in_months === undefined)
    throw errors.missingParameter("duration_in_months");
  if (duration !== "repeating" && p.duration_in_months !== undefined)
    throw errors.invalid(
      "duration_in_months can only be set when duration is repeating.",
      "duration_in_months",
    );
  if (typeof p.redeem_by === "number" && p.redeem_by > ctx.clock.now() + FIVE_YEARS)
    throw errors.invalid("redeem_by cannot be more than 5 years in the future.", "redeem_by");
  const products = ((p.applies_to as Params | undefined)?.products as string[] | undefined) ?? [];
  products.forEach((id, i) => need(ctx, "product", id, `applies_to[products][${i}]`));
  const options = (p.currency_options as Record<string, Params> | undefined) ?? {};
  const coupon = ctx.store.insert(ctx.scope, {
    // Stripe's own coupon ids are eight characters with no prefix, e.g. `Z4OV52SU`.
    id: (p.id as string | undefined) ?? newId("", 8).slice(1).toUpperCase(),
    object: "coupon",
    amount_off: p.amount_off ?? null,
    applies_to: { products },
    created: ctx.clock.now(),
    currency: p.currency ?? null,
    currency_options: Object.fromEntries(
      Object.entries(options).map(([c, o]) => [c, { amount_off: o.amount_off }]),
    ),
    duration,
    duration_in_months: p.duration_in_months ?? null,
    livemode: ctx.scope.livemode,
    max_redemptions: p.max_redemptions ?? null,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    percent_off: p.percent_off ?? null,
    redeem_by: p.redeem_by ?? null,
    times_redeemed: 0,
  });
  return presentCoupon(ctx, coupon);
}

function update(ctx: RequestContext, id: string): StripeObject {
  const coupon = need(ctx, "coupon", id);
  const p = ctx.params;
  if (p.name !== undefined) coupon.name = p.name;
  coupon.metadata = mergeMetadata(coupon.metadata as Record<string, string>, p.metadata);
  const options = p.currency_options as Record<string, Params> | undefined;
  if (options) {
    // "only supported if the coupon is amount-based" (CouponUpdateParams.currency_options).
    if (coupon.amount_off === null)
      throw errors.invalid(
        "currency_options is only supported for amount-based coupons.",
        "currency_options",
      );
    const current = { ...(coupon.currency_options as Record<string, Params>) };
    for (const [currency, option] of Object.entries(options))
      current[currency] = { amount_off: option.amount_off };
    coupon.currency_options = current;
  }
  return presentCoupon(ctx, coupon);
}

/** https://docs.stripe.com/api/coupons/delete: gone for new redemptions; discounts stay. */
function remove(ctx: RequestContext, id: string) {
  const coupon = need(ctx, "coupon", id);
  ctx.store.remove(coupon.id, ctx.scope);
  return { id: coupon.id, object: "coupon", deleted: true };
}

export const couponRoutes: Route[] = [
  { method: "POST", path: "/v1/coupons", rules: CREATE_RULES, handle: create },
  listRoute("coupon", "/v1/coupons", { range: ["created"] }, presentCoupon),
  {
    method: "GET",
    path: "/v1/coupons/{id}",
    handle: (ctx, id) => presentCoupon(ctx, need(ctx, "coupon", id)),
  },
  { method: "POST", path: "/v1/coupons/{id}", rules: UPDATE_RULES, handle: update },
  { method: "DELETE", path: "/v1/coupons/{id}", handle: remove },
];
