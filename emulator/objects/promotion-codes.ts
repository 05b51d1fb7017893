/**
 * Promotion codes (`promo_`): create, retrieve, update (active, metadata and restriction
 * currency options only) and list. Stripe never deletes them; they are deactivated.
 * https://docs.stripe.com/api/promotion_codes
 *
 * - The customer-facing code takes letters, digits and dashes, and is unique among active
 *   codes whatever its case (for a customer: a code restricted to one customer and an
 *   unrestricted one overlap); an inactive code blocks nothing
 *   (https://docs.stripe.com/api/promotion_codes/create#create_promotion_code-code).
 * - The promotion is an existing coupon; `expires_at` cannot pass the coupon's `redeem_by`, nor
 *   `max_redemptions` its own (https://docs.stripe.com/api/promotion_codes/create).
 * - `minimum_amount` needs `minimum_amount_currency`, and a currency option must be another
 *   currency than that one (https://docs.stripe.com/api/promotion_codes/create#create_promotion_code-restrictions).
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Rules } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need } from "./crud";
import type { RequestContext, Route } from "./types";

/** "Valid characters are lower case letters (a-z), upper case letters (A-Z), digits (0-9), and dashes (-)." */
const CODE = /^[A-Za-z0-9-]+$/;

const CREATE_RULES: Rules = {
  code: { pattern: CODE },
  expires_at: { min: 1 },
  max_redemptions: { min: 1 },
  "restrictions[minimum_amount]": { min: 0 },
  "restrictions[minimum_amount_currency]": { pattern: /^[a-z]{3}$/ },
  "restrictions[currency_options][*][minimum_amount]": { min: 0 },
};
const UPDATE_RULES: Rules = { "restrictions[currency_options][*][minimum_amount]": { min: 0 } };

/** The promotion code as returned: restriction currency options only when expanded. */
function present(ctx: RequestContext, code: StripeObject): StripeObject {
  const expand = Array.isArray(ctx.params.expand) ? (ctx.params.expand as string[]) : [];
  const { currency_options, ...restrictions } = code.restrictions as Params;
  const shown = expand.includes("restrictions.currency_options");
  return { ...code, restrictions: shown ? { ...restrictions, currency_options } : restrictions };
}

/** An active code of this account the given code would clash with, if any. */
function clash(
  ctx: RequestContext,
  code: string,
  customer: unknown,
  except?: string,
): StripeObject | undefined {
  return ctx.store
    .all(ctx.scope, "promotion_code")
    .find(
      (other) =>
        other.id !== except &&
        other.active === true &&
        String(other.code).toLowerCase() === code.toLowerCase() &&
        (other.customer === null || customer === null || other.customer === customer),
    );
}

function alreadyExists(code: string) {
  return errors.invalid(`An active promotion code with \`code: ${code}\` already exists.`, "code");
}

function checkCurrencyOptions(options: Record<string, Params> | undefined, own: unknown, param: string) {
  for (const currency of Object.keys(options ?? {})) {
    if (currency === own)
      throw errors.invalid(
        `${currency} is the minimum_amount_currency; a currency option must be another currency.`,
        `${param}[${currency}]`,
      );
  }
}

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const promotion = p.promotion as Params;
  if (typeof promotion.coupon !== "string") throw errors.missingParameter("promotion[coupon]");
  const coupon = need(ctx, "coupon", promotion.coupon, "promotion[coupon]");
  const customer = (p.customer as string | undefined) ?? null;
  if (customer !== null) need(ctx, "customer", customer, "customer");
  const code = (p.code as string | undefined) ?? newId("", 8).slice(1).toUpperCase();
  const active = (p.active as boolean | undefined) ?? true;
  if (active && clash(ctx, code, customer)) throw alreadyExists(code);
  const redeemBy = coupon.redeem_by as number | null;
  if (typeof p.expires_at === "number" && redeemBy !== null && p.expires_at > redeemBy)
    throw errors.invalid("expires_at cannot be after the coupon's redeem_by.", "expires_at");
  const couponMax = coupon.max_redemptions as number | null;
  if (typeof p.max_redemptions === "number" && couponMax !== null && p.max_redemptions > couponMax)
    throw errors.invalid(
      "max_redemptions cannot be greater than the coupon's max_redemptions.",
      "max_redemptions",
    );
  const r = (p.restrictions as Params | undefined) ?? {};
  if (r.minimum_amount !== undefined && r.minimum_amount_currency === undefined)
    throw errors.missingParameter("restrictions[minimum_amount_currency]");
  const options = r.currency_options as Record<string, Params> | undefined;
  checkCurrencyOptions(options, r.minimum_amount_currency, "restrictions[currency_options]");
  const created = ctx.store.insert(ctx.scope, {
    id: newId("promo"),
    object: "promotion_code",
    active,
    code,
    created: ctx.clock.now(),
    customer,
    customer_account: null,
    expires_at: p.expires_at ?? null,
    livemode: ctx.scope.livemode,
    max_redemptions: p.max_redemptions ?? null,
    metadata: mergeMetadata({}, p.metadata),
    promotion: { coupon: coupon.id, type: "coupon" },
    restrictions: {
      currency_options: Object.fromEntries(
        Object.entries(options ?? {}).map(([c, o]) => [c, { minimum_amount: o.minimum_amount ?? 0 }]),
      ),
      first_time_transaction: r.first_time_transaction ?? false,
      minimum_amount: r.minimum_amount ?? null,
      minimum_amount_currency: r.minimum_amount_currency ?? null,
    },
    times_redeemed: 0,
  });
  return present(ctx, created);
}

function update(ctx: RequestContext, id: string): StripeObject {
  const found = need(ctx, "promotion_code", id);
  const p = ctx.params;
  if (p.active === true && !found.active) {
    // "A promotion code can only be reactivated when the coupon is still valid and the
    // promotion code is otherwise redeemable" (PromotionCodeUpdateParams.active).
    const coupon = ctx.store.get(ctx.scope, String((found.promotion as Params).coupon), "coupon");
    if (!coupon) throw errors.invalid("The coupon of this promotion code no longer exists.", "active");
    if (clash(ctx, String(found.code), found.customer, found.id)) throw alreadyExists(String(found.code));
  }
  if (p.active !== undefined) found.active = p.active;
  found.metadata = mergeMetadata(found.metadata as Record<string, string>, p.metadata);
  const options = (p.restrictions as Params | undefined)?.currency_options as
    Record<string, Params> | undefined;
  if (options) {
    const restrictions = found.restrictions as Params;
    checkCurrencyOptions(options, restrictions.minimum_amount_currency, "restrictions[currency_options]");
    const current = { ...(restrictions.currency_options as Record<string, Params>) };
    for (const [currency, option] of Object.entries(options))
      current[currency] = { minimum_amount: option.minimum_amount ?? current[currency]?.minimum_amount ?? 0 };
    found.restrictions = { ...restrictions, currency_options: current };
  }
  return present(ctx, found);
}

export const promotionCodeRoutes: Route[] = [
  { method: "POST", path: "/v1/promotion_codes", rules: CREATE_RULES, handle: create },
  listRoute(
    "promotion_code",
    "/v1/promotion_codes",
    {
      equal: ["active", "customer"],
      range: ["created"],
      // https://docs.stripe.com/api/promotion_codes/list: `code` matches whatever its case.
      where: (o, p) =>
        (typeof p.code !== "string" || String(o.code).toLowerCase() === p.code.toLowerCase()) &&
        (p.coupon === undefined || (o.promotion as Params).coupon === p.coupon),
    },
    present,
  ),
  {
    method: "GET",
    path: "/v1/promotion_codes/{id}",
    handle: (ctx, id) => present(ctx, need(ctx, "promotion_code", id)),
  },
  { method: "POST", path: "/v1/promotion_codes/{id}", rules: UPDATE_RULES, handle: update },
];
