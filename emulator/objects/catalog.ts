/**
 * Customers, products and prices: create, retrieve, update and list — enough for portal
 * configurations and subscription schedules to reference them as Stripe checks references.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Value } from "../params";
import type { StripeObject } from "../store";
import { applyUpdate, listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/** https://docs.stripe.com/api/prices/create: amounts are non-negative, currencies ISO codes. */
const PRICE_RULES = { currency: { pattern: /^[a-z]{3}$/ }, unit_amount: { min: 0 } };

/** An address as Stripe returns it: every line present, `null` where not given. */
function address(value: Value | undefined): Params | null {
  const a = value as Params | null | undefined;
  if (!a) return null;
  const keys = ["city", "country", "line1", "line2", "postal_code", "state"];
  return Object.fromEntries(keys.map((k) => [k, a[k] ?? null]));
}

function shipping(value: Value | undefined): Params | null {
  const s = value as Params | null | undefined;
  if (!s) return null;
  return {
    address: address(s.address),
    carrier: null,
    name: s.name ?? null,
    phone: s.phone ?? null,
    tracking_number: null,
  };
}

function updateCustomer(ctx: RequestContext, id: string): StripeObject {
  const customer = applyUpdate(ctx, need(ctx, "customer", id));
  if (ctx.params.address !== undefined) customer.address = address(ctx.params.address);
  if (ctx.params.shipping !== undefined) customer.shipping = shipping(ctx.params.shipping);
  return customer;
}

function createCustomer(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  return ctx.store.insert(ctx.scope, {
    id: newId("cus", 14),
    object: "customer",
    address: address(p.address),
    balance: p.balance ?? 0,
    created: ctx.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: p.invoice_prefix ?? newId("x", 7).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    next_invoice_sequence: p.next_invoice_sequence ?? 1,
    phone: p.phone ?? null,
    preferred_locales: p.preferred_locales ?? [],
    shipping: shipping(p.shipping),
    tax_exempt: p.tax_exempt ?? "none",
    test_clock: p.test_clock ?? null,
  });
}

function createProduct(ctx: RequestContext): StripeObject {
  const product = insertProduct(ctx, ctx.params);
  const data = ctx.params.default_price_data as Params | undefined;
  // https://docs.stripe.com/api/products/create: `default_price_data` creates the default price.
  if (data)
    product.default_price = insertPrice(ctx, { ...data, product: product.id }, "default_price_data").id;
  return product;
}

function insertProduct(ctx: RequestContext, p: Params): StripeObject {
  if (typeof p.id === "string" && ctx.store.get(ctx.scope, p.id)) {
    throw errors.invalid(`Product already exists.`, "id", "resource_already_exists");
  }
  const now = ctx.clock.now();
  return ctx.store.insert(ctx.scope, {
    id: (p.id as string | undefined) ?? newId("prod", 14),
    object: "product",
    active: (p.active as boolean | undefined) ?? true,
    created: now,
    default_price: null,
    description: p.description ?? null,
    images: p.images ?? [],
    livemode: ctx.scope.livemode,
    marketing_features: p.marketing_features ?? [],
    metadata: mergeMetadata({}, p.metadata),
    name: p.name as string,
    package_dimensions: p.package_dimensions ?? null,
    shippable: p.shippable ?? null,
    statement_descriptor: p.statement_descriptor ?? null,
    tax_code: p.tax_code ?? null,
    tax_details: null,
    type: "service",
    unit_label: p.unit_label ?? null,
    updated: now,
    url: p.url ?? null,
  });
}

/**
 * A price's amounts in one currency as Stripe returns them (the default currency and each of
 * `currency_options`): https://docs.stripe.com/api/prices/object
 */
function amounts(o: Params, taxBehavior: Value): Params {
  const custom = o.custom_unit_amount as Params | undefined;
  const amount =
    o.unit_amount ?? (o.unit_amount_decimal === undefined ? null : Number(o.unit_amount_decimal));
  return {
    custom_unit_amount: custom
      ? { maximum: custom.maximum ?? null, minimum: custom.minimum ?? null, preset: custom.preset ?? null }
      : null,
    tax_behavior: o.tax_behavior ?? taxBehavior,
    ...(o.tiers ? { tiers: tiers(o.tiers) } : {}),
    unit_amount: amount,
    unit_amount_decimal: amount === null ? null : String(o.unit_amount_decimal ?? amount),
  };
}

function tiers(value: Value | undefined): Params[] {
  return ((value as Params[] | undefined) ?? []).map((t) => ({
    flat_amount: t.flat_amount ?? null,
    flat_amount_decimal: t.flat_amount === undefined ? null : String(t.flat_amount),
    unit_amount: t.unit_amount ?? null,
    unit_amount_decimal: t.unit_amount === undefined ? null : String(t.unit_amount),
    up_to: t.up_to === "inf" || t.up_to === undefined ? null : t.up_to,
  }));
}

/**
 * A price, as created directly or inline (`price_data`) by a subscription schedule. Exactly
 * one of `product` and `product_data` (https://docs.stripe.com/api/prices/create).
 */
export function insertPrice(ctx: RequestContext, p: Params, param?: string): StripeObject {
  const where = param ? `${param}[product]` : "product";
  if ((p.product === undefined) === (p.product_data === undefined))
    throw errors.invalid("You must specify exactly one of `product` and `product_data`.", where);
  const product = p.product_data
    ? insertProduct(ctx, p.product_data as Params)
    : need(ctx, "product", String(p.product), where);
  const recurring = p.recurring as Params | undefined;
  const taxBehavior = p.tax_behavior ?? "unspecified";
  const base = amounts(p, taxBehavior);
  const options = (p.currency_options as Record<string, Params> | undefined) ?? {};
  const { tiers: priceTiers, ...own } = base;
  return ctx.store.insert(ctx.scope, {
    id: newId("price"),
    object: "price",
    active: (p.active as boolean | undefined) ?? true,
    billing_scheme: p.billing_scheme ?? "per_unit",
    created: ctx.clock.now(),
    currency: p.currency,
    currency_options: {
      [String(p.currency)]: own,
      ...Object.fromEntries(Object.entries(options).map(([c, o]) => [c, amounts(o, taxBehavior)])),
    },
    custom_unit_amount: own.custom_unit_amount,
    livemode: ctx.scope.livemode,
    lookup_key: p.lookup_key ?? null,
    metadata: mergeMetadata({}, p.metadata),
    nickname: p.nickname ?? null,
    product: product.id,
    recurring: recurring
      ? {
          interval: recurring.interval,
          interval_count: recurring.interval_count ?? 1,
          meter: recurring.meter ?? null,
          trial_period_days: recurring.trial_period_days ?? null,
          usage_type: recurring.usage_type ?? "licensed",
        }
      : null,
    tax_behavior: taxBehavior,
    ...(priceTiers ? { tiers: priceTiers } : {}),
    tiers_mode: p.tiers_mode ?? null,
    transform_quantity: p.transform_quantity ?? null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: own.unit_amount,
    unit_amount_decimal: own.unit_amount_decimal,
  });
}

/**
 * `currency_options` and `tiers` are returned only when expanded
 * (https://docs.stripe.com/api/prices/object#price_object-currency_options).
 */
function presentPrice(ctx: RequestContext, price: StripeObject): StripeObject {
  return priceView(price, Array.isArray(ctx.params.expand) ? (ctx.params.expand as string[]) : []);
}

/** A price as returned with the given expansions (none when embedded in another object). */
export function priceView(price: StripeObject, expand: string[] = []): StripeObject {
  const expanded = (field: string) => expand.includes(field) || expand.includes(`data.${field}`);
  const { currency_options, tiers: priceTiers, ...rest } = price;
  return {
    ...rest,
    ...(expanded("currency_options") ? { currency_options } : {}),
    ...(expanded("tiers") && priceTiers ? { tiers: priceTiers } : {}),
  } as StripeObject;
}

/** An update: currency options merge per currency (`currency_options=` keeps only the default). */
function updatePrice(ctx: RequestContext, id: string): StripeObject {
  const { currency_options: sent, ...rest } = ctx.params;
  const price = applyUpdate(ctx, need(ctx, "price", id), rest);
  if (sent !== undefined) {
    const stored = price.currency_options as Record<string, Params>;
    const own = { [String(price.currency)]: stored[String(price.currency)] };
    const merged = sent === null ? own : { ...stored };
    for (const [currency, option] of Object.entries((sent as Record<string, Params> | null) ?? {})) {
      merged[currency] = amounts({ ...(stored[currency] ?? {}), ...option }, price.tax_behavior as Value);
    }
    price.currency_options = merged;
  }
  return presentPrice(ctx, price);
}

function updater(object: string) {
  return (ctx: RequestContext, id: string) => applyUpdate(ctx, need(ctx, object, id));
}

export const catalogRoutes: Route[] = [
  { method: "POST", path: "/v1/customers", handle: createCustomer },
  listRoute("customer", "/v1/customers", { equal: ["email", "test_clock"], range: ["created"] }),
  { method: "GET", path: "/v1/customers/{id}", handle: retriever("customer") },
  { method: "POST", path: "/v1/customers/{id}", handle: updateCustomer },
  { method: "POST", path: "/v1/products", handle: createProduct },
  listRoute("product", "/v1/products", {
    equal: ["active", "shippable", "url"],
    range: ["created"],
    where: (o, p) => !Array.isArray(p.ids) || p.ids.includes(o.id),
  }),
  { method: "GET", path: "/v1/products/{id}", handle: retriever("product") },
  { method: "POST", path: "/v1/products/{id}", handle: updater("product") },
  {
    method: "POST",
    path: "/v1/prices",
    rules: PRICE_RULES,
    handle: (ctx) => presentPrice(ctx, insertPrice(ctx, ctx.params)),
  },
  listRoute(
    "price",
    "/v1/prices",
    {
      equal: ["product", "active", "currency", "type"],
      range: ["created"],
      where: (o, p) => !Array.isArray(p.lookup_keys) || p.lookup_keys.includes(o.lookup_key as string),
    },
    presentPrice,
  ),
  { method: "GET", path: "/v1/prices/{id}", handle: retriever("price", presentPrice) },
  { method: "POST", path: "/v1/prices/{id}", handle: updatePrice },
];
