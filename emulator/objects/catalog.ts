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
  const p = ctx.params;
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

/** A price, as created directly or inline (`price_data`) by a subscription schedule. */
export function insertPrice(ctx: RequestContext, p: Params, param = ""): StripeObject {
  const product = need(ctx, "product", String(p.product), `${param}product`);
  const recurring = p.recurring as Params | undefined;
  const amount =
    p.unit_amount ?? (p.unit_amount_decimal === undefined ? null : Number(p.unit_amount_decimal));
  return ctx.store.insert(ctx.scope, {
    id: newId("price"),
    object: "price",
    active: (p.active as boolean | undefined) ?? true,
    billing_scheme: p.billing_scheme ?? "per_unit",
    created: ctx.clock.now(),
    currency: p.currency,
    custom_unit_amount: null,
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
    tax_behavior: p.tax_behavior ?? "unspecified",
    tiers_mode: p.tiers_mode ?? null,
    transform_quantity: p.transform_quantity ?? null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: amount,
    unit_amount_decimal: amount === null ? null : String(p.unit_amount_decimal ?? amount),
  });
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
    handle: (ctx) => insertPrice(ctx, ctx.params),
  },
  listRoute("price", "/v1/prices", {
    equal: ["product", "active", "currency", "type"],
    range: ["created"],
    where: (o, p) => !Array.isArray(p.lookup_keys) || p.lookup_keys.includes(o.lookup_key as string),
  }),
  { method: "GET", path: "/v1/prices/{id}", handle: retriever("price") },
  { method: "POST", path: "/v1/prices/{id}", handle: updater("price") },
];
