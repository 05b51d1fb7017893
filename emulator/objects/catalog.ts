/**
 * Customers, products and prices: create, retrieve, update and list — enough for portal
 * configurations and subscription schedules to reference them as Stripe checks references.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { CREATED_FILTER, LIST_PARAMS, listPage, matchesCreated } from "../list";
import { mergeMetadata, validate, type Params, type Spec } from "../params";
import type { StripeObject } from "../store";
import type { RequestContext, Route } from "./types";

const INTERVAL: Spec = { kind: "string", required: true, enum: ["day", "week", "month", "year"] };
const RECURRING: Spec = {
  kind: "object",
  fields: {
    interval: INTERVAL,
    interval_count: { kind: "integer", min: 1 },
    usage_type: { kind: "string", enum: ["licensed", "metered"] },
  },
};
const TAX_BEHAVIOR: Spec = { kind: "string", enum: ["inclusive", "exclusive", "unspecified"] };
const EXPAND: Spec = { kind: "expand" };

/** Looks an object up in the caller's scope, or answers Stripe's 404 for it. */
export function need(ctx: RequestContext, object: string, id: string, param = "id"): StripeObject {
  const found = ctx.store.get(ctx.scope, id, object);
  if (!found) throw errors.missing(object, id, param);
  return found;
}

function createCustomer(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, {
    email: { kind: "string", maxLength: 512 },
    name: { kind: "string", maxLength: 256 },
    description: { kind: "string" },
    phone: { kind: "string" },
    metadata: { kind: "metadata" },
    expand: EXPAND,
  });
  return ctx.store.insert(ctx.scope, {
    id: newId("cus", 14),
    object: "customer",
    address: null,
    balance: 0,
    created: ctx.clock.now(),
    currency: null,
    default_source: null,
    delinquent: false,
    description: p.description ?? null,
    discount: null,
    email: p.email ?? null,
    invoice_prefix: newId("x", 7).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    next_invoice_sequence: 1,
    phone: p.phone ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  });
}

function createProduct(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, {
    name: { kind: "string", required: true, maxLength: 250 },
    id: { kind: "string" },
    active: { kind: "boolean" },
    description: { kind: "string" },
    tax_code: { kind: "string" },
    metadata: { kind: "metadata" },
    expand: EXPAND,
  });
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
    images: [],
    livemode: ctx.scope.livemode,
    marketing_features: [],
    metadata: mergeMetadata({}, p.metadata),
    name: p.name as string,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: p.tax_code ?? null,
    type: "service",
    unit_label: null,
    updated: now,
    url: null,
  });
}

/** A price, as created directly or inline (`price_data`) by a subscription schedule. */
export function insertPrice(ctx: RequestContext, p: Params, param = ""): StripeObject {
  const product = need(ctx, "product", String(p.product), `${param}product`);
  const recurring = p.recurring as Params | undefined;
  return ctx.store.insert(ctx.scope, {
    id: newId("price"),
    object: "price",
    active: (p.active as boolean | undefined) ?? true,
    billing_scheme: "per_unit",
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
          meter: null,
          trial_period_days: null,
          usage_type: recurring.usage_type ?? "licensed",
        }
      : null,
    tax_behavior: p.tax_behavior ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: p.unit_amount ?? null,
    unit_amount_decimal: p.unit_amount === undefined ? null : String(p.unit_amount),
  });
}

function createPrice(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, {
    currency: { kind: "string", required: true, pattern: /^[a-z]{3}$/ },
    product: { kind: "string", required: true },
    unit_amount: { kind: "integer", min: 0 },
    recurring: RECURRING,
    tax_behavior: TAX_BEHAVIOR,
    active: { kind: "boolean" },
    nickname: { kind: "string" },
    lookup_key: { kind: "string" },
    metadata: { kind: "metadata" },
    expand: EXPAND,
  });
  return insertPrice(ctx, p);
}

function updater(object: string, fields: Record<string, Spec>) {
  return (ctx: RequestContext, id: string): StripeObject => {
    const found = need(ctx, object, id);
    const p = validate(ctx.params, { ...fields, metadata: { kind: "metadata" }, expand: EXPAND });
    for (const [key, value] of Object.entries(p)) {
      if (key === "metadata" || key === "expand") continue;
      found[key] = value;
    }
    found.metadata = mergeMetadata(found.metadata as Record<string, string>, p.metadata);
    if ("updated" in found) found.updated = ctx.clock.now();
    return found;
  };
}

function lister(object: string, path: string, filters: Record<string, Spec>) {
  return (ctx: RequestContext) => {
    const p = validate(ctx.params, { ...LIST_PARAMS, created: CREATED_FILTER, ...filters });
    const items = ctx.store
      .all(ctx.scope, object)
      .filter((o) => matchesCreated(o, p.created))
      .filter((o) => Object.keys(filters).every((k) => p[k] === undefined || o[k] === p[k]));
    return listPage(path, items, p);
  };
}

function retriever(object: string) {
  return (ctx: RequestContext, id: string) => {
    validate(ctx.params, { expand: EXPAND });
    return need(ctx, object, id);
  };
}

export const catalogRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/customers$/, handle: createCustomer },
  {
    method: "GET",
    pattern: /^\/v1\/customers$/,
    handle: lister("customer", "/v1/customers", { email: { kind: "string" } }),
  },
  { method: "GET", pattern: /^\/v1\/customers\/([^/]+)$/, handle: retriever("customer") },
  {
    method: "POST",
    pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: updater("customer", {
      email: { kind: "string" },
      name: { kind: "string" },
      description: { kind: "string" },
    }),
  },
  { method: "POST", pattern: /^\/v1\/products$/, handle: createProduct },
  {
    method: "GET",
    pattern: /^\/v1\/products$/,
    handle: lister("product", "/v1/products", { active: { kind: "boolean" } }),
  },
  { method: "GET", pattern: /^\/v1\/products\/([^/]+)$/, handle: retriever("product") },
  {
    method: "POST",
    pattern: /^\/v1\/products\/([^/]+)$/,
    handle: updater("product", {
      name: { kind: "string" },
      active: { kind: "boolean" },
      description: { kind: "string" },
    }),
  },
  { method: "POST", pattern: /^\/v1\/prices$/, handle: createPrice },
  {
    method: "GET",
    pattern: /^\/v1\/prices$/,
    handle: lister("price", "/v1/prices", {
      product: { kind: "string" },
      active: { kind: "boolean" },
      currency: { kind: "string" },
    }),
  },
  { method: "GET", pattern: /^\/v1\/prices\/([^/]+)$/, handle: retriever("price") },
  {
    method: "POST",
    pattern: /^\/v1\/prices\/([^/]+)$/,
    handle: updater("price", {
      active: { kind: "boolean" },
      nickname: { kind: "string" },
      lookup_key: { kind: "string" },
    }),
  },
];
