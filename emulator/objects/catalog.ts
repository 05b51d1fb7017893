/**
 * Customers, products and prices, with Stripe's catalog rules:
 *
 * - a product may be created with a custom id, unique in the account
 *   (https://docs.stripe.com/api/products/create#create_product-id);
 * - a product can be deleted only while no price uses it, otherwise it can be archived
 *   (https://docs.stripe.com/api/products/delete);
 * - a product's default price must be an active price of that product, and the default price
 *   cannot be archived (https://docs.stripe.com/api/products/update#update_product-default_price);
 * - a lookup key belongs to one price of the account at a time; `transfer_lookup_key` moves it
 *   (https://docs.stripe.com/api/prices/create#create_price-transfer_lookup_key);
 * - what a price charges never changes: only active, metadata, nickname, lookup key, currency
 *   options and a tax behavior still `unspecified` can be updated
 *   (https://docs.stripe.com/api/prices/update, https://docs.stripe.com/products-prices/manage-prices#edit-price);
 * - `currency_options` and `tiers` are returned only when expanded
 *   (https://docs.stripe.com/api/prices/object#price_object-currency_options).
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { CREATED_FILTER, LIST_PARAMS, listPage, matchesCreated } from "../list";
import { mergeMetadata, validate, type Params, type Spec, type Value } from "../params";
import type { StripeObject } from "../store";
import type { RequestContext, Route } from "./types";

const INTERVAL: Spec = { kind: "string", required: true, enum: ["day", "week", "month", "year"] };
const TAX_BEHAVIOR: Spec = { kind: "string", enum: ["inclusive", "exclusive", "unspecified"] };
const EXPAND: Spec = { kind: "expand" };
const DECIMAL: Spec = { kind: "string", pattern: /^-?\d+(\.\d{1,12})?$/ };
const RECURRING: Spec = {
  kind: "object",
  fields: {
    interval: INTERVAL,
    interval_count: { kind: "integer", min: 1 },
    usage_type: { kind: "string", enum: ["licensed", "metered"] },
    meter: { kind: "string" },
    trial_period_days: { kind: "integer", min: 0 },
  },
};
const CUSTOM_UNIT_AMOUNT: Spec = {
  kind: "object",
  fields: {
    enabled: { kind: "boolean", required: true },
    maximum: { kind: "integer", min: 0 },
    minimum: { kind: "integer", min: 0 },
    preset: { kind: "integer", min: 0 },
  },
};
const TIER: Spec = {
  kind: "object",
  fields: {
    up_to: { kind: "string", required: true, pattern: /^(inf|\d+)$/ },
    flat_amount: { kind: "integer", min: 0 },
    flat_amount_decimal: DECIMAL,
    unit_amount: { kind: "integer", min: 0 },
    unit_amount_decimal: DECIMAL,
  },
};
const TIERS: Spec = { kind: "array", items: TIER };
const CURRENCY_OPTIONS: Spec = {
  kind: "map",
  keyPattern: /^[a-z]{3}$/,
  value: {
    kind: "object",
    fields: {
      unit_amount: { kind: "integer", min: 0 },
      unit_amount_decimal: DECIMAL,
      tax_behavior: TAX_BEHAVIOR,
      custom_unit_amount: CUSTOM_UNIT_AMOUNT,
      tiers: TIERS,
    },
  },
};
const PACKAGE_DIMENSIONS: Spec = {
  kind: "object",
  fields: {
    height: { ...DECIMAL, required: true },
    length: { ...DECIMAL, required: true },
    weight: { ...DECIMAL, required: true },
    width: { ...DECIMAL, required: true },
  },
};
const PRODUCT_FIELDS: Record<string, Spec> = {
  active: { kind: "boolean" },
  description: { kind: "string", maxLength: 40000 },
  images: { kind: "array", items: { kind: "string" }, maxItems: 8 },
  marketing_features: {
    kind: "array",
    maxItems: 15,
    items: { kind: "object", fields: { name: { kind: "string", required: true, maxLength: 80 } } },
  },
  metadata: { kind: "metadata" },
  package_dimensions: PACKAGE_DIMENSIONS,
  shippable: { kind: "boolean" },
  statement_descriptor: { kind: "string", maxLength: 22, unsettable: false },
  tax_code: { kind: "string" },
  unit_label: { kind: "string", maxLength: 12 },
  url: { kind: "string" },
  expand: EXPAND,
};

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

// ---------------------------------------------------------------------------------------------
// Products

/** Product fields from create or update parameters (`null` where `""` unset them). */
function productFields(p: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(PRODUCT_FIELDS)) {
    if (key === "metadata" || key === "expand" || p[key] === undefined) continue;
    const value = p[key];
    if (key === "package_dimensions" && value !== null) {
      out[key] = Object.fromEntries(Object.entries(value as Params).map(([k, v]) => [k, Number(v)]));
    } else if ((key === "images" || key === "marketing_features") && value === null) {
      out[key] = [];
    } else {
      out[key] = value;
    }
  }
  return out;
}

function createProduct(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, {
    ...PRODUCT_FIELDS,
    name: { kind: "string", required: true, maxLength: 250 },
    id: { kind: "string", maxLength: 250 },
    default_price_data: {
      kind: "object",
      fields: {
        currency: { kind: "string", required: true, pattern: /^[a-z]{3}$/ },
        unit_amount: { kind: "integer", min: 0 },
        unit_amount_decimal: DECIMAL,
        recurring: { kind: "object", fields: { interval: INTERVAL, interval_count: { kind: "integer" } } },
        tax_behavior: TAX_BEHAVIOR,
        currency_options: CURRENCY_OPTIONS,
        metadata: { kind: "metadata" },
      },
    },
  });
  // Custom ids are unique per account: https://docs.stripe.com/api/products/create#create_product-id
  if (typeof p.id === "string" && ctx.store.get(ctx.scope, p.id, "product")) {
    throw errors.invalid(`Product already exists.`, "id", "resource_already_exists");
  }
  const now = ctx.clock.now();
  const product = ctx.store.insert(ctx.scope, {
    id: (p.id as string | undefined) ?? newId("prod", 14),
    object: "product",
    active: true,
    created: now,
    default_price: null,
    description: null,
    images: [],
    livemode: ctx.scope.livemode,
    marketing_features: [],
    metadata: mergeMetadata({}, p.metadata),
    name: p.name as string,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    type: "service",
    unit_label: null,
    updated: now,
    url: null,
    ...productFields(p),
  });
  if (p.default_price_data) {
    const price = insertPrice(
      ctx,
      { ...(p.default_price_data as Params), product: product.id },
      "default_price_data",
    );
    product.default_price = price.id;
  }
  return product;
}

function updateProduct(ctx: RequestContext, id: string): StripeObject {
  const product = need(ctx, "product", id);
  const p = validate(ctx.params, {
    ...PRODUCT_FIELDS,
    name: { kind: "string", maxLength: 250, unsettable: false },
    default_price: { kind: "string", unsettable: false },
  });
  if (typeof p.default_price === "string") {
    // https://docs.stripe.com/api/products/update#update_product-default_price
    const price = need(ctx, "price", p.default_price, "default_price");
    if (price.product !== product.id) {
      throw errors.invalid(
        `The price ${price.id} does not belong to the product ${product.id} and cannot be its default price.`,
        "default_price",
      );
    }
    if (!price.active) {
      throw errors.invalid(
        `The price ${price.id} is archived and cannot be a default price.`,
        "default_price",
      );
    }
    product.default_price = price.id;
  }
  if (typeof p.name === "string") product.name = p.name;
  Object.assign(product, productFields(p));
  product.metadata = mergeMetadata(product.metadata as Record<string, string>, p.metadata);
  product.updated = ctx.clock.now();
  return product;
}

/** Deleting needs a product no price uses: https://docs.stripe.com/api/products/delete */
function deleteProduct(ctx: RequestContext, id: string) {
  validate(ctx.params, {});
  const product = need(ctx, "product", id);
  if (ctx.store.all(ctx.scope, "price").some((price) => price.product === product.id)) {
    throw errors.invalid(
      "This product cannot be deleted because it has one or more user-created prices.",
      undefined,
      "product_has_prices",
    );
  }
  ctx.store.remove(product.id);
  return { id: product.id, object: "product", deleted: true };
}

// ---------------------------------------------------------------------------------------------
// Prices

/** The price holding a lookup key in this account, if any. */
function holderOf(ctx: RequestContext, lookupKey: string): StripeObject | undefined {
  return ctx.store.all(ctx.scope, "price").find((price) => price.lookup_key === lookupKey);
}

/**
 * Assigns a lookup key: taken from its holder when `transfer` is set, else refused while
 * another price holds it (https://docs.stripe.com/api/prices/create#create_price-lookup_key).
 */
function claimLookupKey(ctx: RequestContext, price: StripeObject, key: Value | undefined, transfer: boolean) {
  if (typeof key !== "string") return;
  const holder = holderOf(ctx, key);
  if (holder && holder.id !== price.id) {
    if (!transfer) {
      throw errors.invalid(
        `A price (\`${holder.id}\`) already uses that lookup key. Pass \`transfer_lookup_key=true\` to move it to this price.`,
        "lookup_key",
      );
    }
    holder.lookup_key = null;
  }
  price.lookup_key = key;
}

/** Decimal strings as Stripe returns them, e.g. "1250" or "12.5". */
function decimal(value: Value | undefined): string | null {
  return value === undefined || value === null ? null : String(Number(value));
}

function tiersOf(tiers: Value | undefined): Params[] | undefined {
  if (!Array.isArray(tiers)) return undefined;
  return (tiers as Params[]).map((t) => ({
    flat_amount: (t.flat_amount as number | undefined) ?? null,
    flat_amount_decimal: decimal(t.flat_amount_decimal ?? t.flat_amount),
    unit_amount: (t.unit_amount as number | undefined) ?? null,
    unit_amount_decimal: decimal(t.unit_amount_decimal ?? t.unit_amount),
    up_to: t.up_to === "inf" ? null : Number(t.up_to),
  }));
}

function customUnitAmountOf(value: Value | undefined): Params | null {
  const c = value as Params | undefined;
  if (!c?.enabled) return null;
  return { maximum: c.maximum ?? null, minimum: c.minimum ?? null, preset: c.preset ?? null };
}

const AMOUNTS = ["unit_amount", "unit_amount_decimal", "custom_unit_amount"];

/** A parameter's name under a prefix: `tiers` under `currency_options[eur]`. */
function under(prefix: string, key: string): string {
  return prefix ? `${prefix}[${key}]` : key;
}

/**
 * One amount per price (or per currency option), and tiers only for the tiered scheme:
 * https://docs.stripe.com/api/prices/create#create_price-unit_amount
 */
function checkAmount(p: Params, scheme: string, prefix: string): void {
  const given = AMOUNTS.filter((k) => p[k] !== undefined);
  if (given.length > 1) {
    throw errors.invalid(
      `You may only specify one of these parameters: ${given.join(", ")}.`,
      under(prefix, given[1]),
    );
  }
  if (scheme === "tiered") {
    if (given.length > 0) {
      throw errors.invalid(
        `${given[0]} is not allowed when billing_scheme is tiered.`,
        under(prefix, given[0]),
      );
    }
    return;
  }
  if (p.tiers !== undefined)
    throw errors.invalid("tiers require billing_scheme=tiered.", under(prefix, "tiers"));
}

function currencyOptionsOf(options: Value | undefined, scheme: string): Params {
  const out: Params = {};
  for (const [currency, raw] of Object.entries((options as Record<string, Params> | undefined) ?? {})) {
    checkAmount(raw, scheme, `currency_options[${currency}]`);
    out[currency] = {
      custom_unit_amount: customUnitAmountOf(raw.custom_unit_amount),
      tax_behavior: (raw.tax_behavior as string | undefined) ?? "unspecified",
      ...(raw.tiers ? { tiers: tiersOf(raw.tiers) as Value } : {}),
      unit_amount: (raw.unit_amount as number | undefined) ?? null,
      unit_amount_decimal: decimal(raw.unit_amount_decimal ?? raw.unit_amount),
    };
  }
  return out;
}

/** A price, as created directly, by a product's `default_price_data`, or inline (`price_data`). */
export function insertPrice(ctx: RequestContext, p: Params, param = ""): StripeObject {
  const product = need(ctx, "product", String(p.product), under(param, "product"));
  const scheme = (p.billing_scheme as string | undefined) ?? "per_unit";
  checkAmount(p, scheme, param);
  if (scheme === "tiered" && (!Array.isArray(p.tiers) || !p.tiers_mode)) {
    throw errors.missingParameter(under(param, Array.isArray(p.tiers) ? "tiers_mode" : "tiers"));
  }
  if (scheme === "per_unit" && AMOUNTS.every((k) => p[k] === undefined)) {
    throw errors.missingParameter(under(param, "unit_amount"));
  }
  const recurring = p.recurring as Params | undefined;
  const price: StripeObject = {
    id: newId("price"),
    object: "price",
    active: (p.active as boolean | undefined) ?? true,
    billing_scheme: scheme,
    created: ctx.clock.now(),
    currency: p.currency,
    custom_unit_amount: customUnitAmountOf(p.custom_unit_amount),
    livemode: ctx.scope.livemode,
    lookup_key: null,
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
    transform_quantity: p.transform_quantity
      ? {
          divide_by: (p.transform_quantity as Params).divide_by,
          round: (p.transform_quantity as Params).round,
        }
      : null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: p.unit_amount ?? null,
    unit_amount_decimal: scheme === "tiered" ? null : decimal(p.unit_amount_decimal ?? p.unit_amount),
    _currency_options: currencyOptionsOf(p.currency_options, scheme),
    _tiers: tiersOf(p.tiers) ?? null,
  };
  claimLookupKey(ctx, price, p.lookup_key, p.transfer_lookup_key === true);
  return ctx.store.insert(ctx.scope, price);
}

/**
 * The response: `currency_options` (with the price's own currency among them) and `tiers`
 * only when expanded, as Stripe returns them.
 */
function presentPrice(
  ctx: RequestContext,
  price: StripeObject,
  expand: Value | undefined,
  prefix = "",
): StripeObject {
  const wanted = (field: string) => Array.isArray(expand) && expand.includes(`${prefix}${field}`);
  const { _currency_options: options, _tiers: tiers, ...out } = price;
  if (wanted("currency_options")) {
    out.currency_options = {
      [String(price.currency)]: {
        custom_unit_amount: price.custom_unit_amount,
        tax_behavior: price.tax_behavior,
        ...(tiers ? { tiers } : {}),
        unit_amount: price.unit_amount,
        unit_amount_decimal: price.unit_amount_decimal,
      },
      ...(options as Params),
    };
  }
  if (wanted("tiers") && tiers) out.tiers = tiers;
  if (wanted("product"))
    out.product = ctx.store.get(ctx.scope, String(price.product), "product") ?? price.product;
  return out as StripeObject;
}

function createPrice(ctx: RequestContext): StripeObject {
  const p = validate(ctx.params, {
    currency: { kind: "string", required: true, pattern: /^[a-z]{3}$/ },
    product: { kind: "string", required: true },
    unit_amount: { kind: "integer", min: 0 },
    unit_amount_decimal: DECIMAL,
    billing_scheme: { kind: "string", enum: ["per_unit", "tiered"] },
    tiers: TIERS,
    tiers_mode: { kind: "string", enum: ["graduated", "volume"] },
    transform_quantity: {
      kind: "object",
      fields: {
        divide_by: { kind: "integer", required: true, min: 1 },
        round: { kind: "string", required: true, enum: ["down", "up"] },
      },
    },
    custom_unit_amount: CUSTOM_UNIT_AMOUNT,
    currency_options: CURRENCY_OPTIONS,
    recurring: RECURRING,
    tax_behavior: TAX_BEHAVIOR,
    active: { kind: "boolean" },
    nickname: { kind: "string" },
    lookup_key: { kind: "string", maxLength: 200 },
    transfer_lookup_key: { kind: "boolean" },
    metadata: { kind: "metadata" },
    expand: EXPAND,
  });
  return presentPrice(ctx, insertPrice(ctx, p), p.expand);
}

function updatePrice(ctx: RequestContext, id: string): StripeObject {
  const price = need(ctx, "price", id);
  // Nothing that defines what the price charges is updatable: https://docs.stripe.com/api/prices/update
  const p = validate(ctx.params, {
    active: { kind: "boolean" },
    currency_options: CURRENCY_OPTIONS,
    lookup_key: { kind: "string", maxLength: 200, unsettable: false },
    transfer_lookup_key: { kind: "boolean" },
    metadata: { kind: "metadata" },
    nickname: { kind: "string", unsettable: false },
    tax_behavior: { ...TAX_BEHAVIOR, unsettable: false } as Spec,
    expand: EXPAND,
  });
  if (p.active === false && price.active) {
    const product = ctx.store.get(ctx.scope, String(price.product), "product");
    if (product?.default_price === price.id) {
      // https://docs.stripe.com/products-prices/manage-prices#archive-price
      throw errors.invalid(
        "This price cannot be archived because it is the default price of its product. Set another default price first.",
        "active",
      );
    }
  }
  if (p.tax_behavior !== undefined && p.tax_behavior !== price.tax_behavior) {
    // "Once specified as either inclusive or exclusive, it cannot be changed."
    if (price.tax_behavior !== "unspecified") {
      throw errors.invalid(
        `tax_behavior cannot be changed once it is set to ${String(price.tax_behavior)}.`,
        "tax_behavior",
      );
    }
    price.tax_behavior = p.tax_behavior;
  }
  if (p.currency_options !== undefined) {
    price._currency_options =
      p.currency_options === null ? {} : currencyOptionsOf(p.currency_options, String(price.billing_scheme));
    delete (price._currency_options as Params)[String(price.currency)];
  }
  if (typeof p.active === "boolean") price.active = p.active;
  if (typeof p.nickname === "string") price.nickname = p.nickname;
  claimLookupKey(ctx, price, p.lookup_key, p.transfer_lookup_key === true);
  price.metadata = mergeMetadata(price.metadata as Record<string, string>, p.metadata);
  return presentPrice(ctx, price, p.expand);
}

function listPrices(ctx: RequestContext) {
  const p = validate(ctx.params, {
    ...LIST_PARAMS,
    created: CREATED_FILTER,
    active: { kind: "boolean" },
    currency: { kind: "string" },
    product: { kind: "string" },
    type: { kind: "string", enum: ["one_time", "recurring"] },
    lookup_keys: { kind: "array", items: { kind: "string" }, maxItems: 10 },
    recurring: {
      kind: "object",
      fields: {
        interval: { kind: "string", enum: ["day", "week", "month", "year"] },
        meter: { kind: "string" },
        usage_type: { kind: "string", enum: ["licensed", "metered"] },
      },
    },
  });
  const keys = p.lookup_keys as string[] | undefined;
  const recurring = p.recurring as Params | undefined;
  const items = ctx.store
    .all(ctx.scope, "price")
    .filter((o) => matchesCreated(o, p.created))
    .filter((o) =>
      ["active", "currency", "product", "type"].every((k) => p[k] === undefined || o[k] === p[k]),
    )
    .filter((o) => !keys || keys.includes(String(o.lookup_key)))
    .filter(
      (o) =>
        !recurring ||
        (o.recurring !== null &&
          Object.entries(recurring).every(([k, v]) => (o.recurring as Params)[k] === v)),
    );
  const page = listPage("/v1/prices", items, p);
  return { ...page, data: page.data.map((price) => presentPrice(ctx, price, p.expand, "data.")) };
}

// ---------------------------------------------------------------------------------------------
// Shared helpers and subscriptions

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

function retriever(
  object: string,
  present: (ctx: RequestContext, o: StripeObject, expand: Value | undefined) => StripeObject = (_c, o) => o,
) {
  return (ctx: RequestContext, id: string) => {
    const p = validate(ctx.params, { expand: EXPAND });
    return present(ctx, need(ctx, object, id), p.expand);
  };
}

/**
 * Subscriptions by customer, price and status; without `status`, canceled ones are left out
 * (https://docs.stripe.com/api/subscriptions/list#list_subscriptions-status).
 */
function listSubscriptions(ctx: RequestContext) {
  const p = validate(ctx.params, {
    ...LIST_PARAMS,
    created: CREATED_FILTER,
    customer: { kind: "string" },
    price: { kind: "string" },
    status: {
      kind: "string",
      enum: [
        "active",
        "all",
        "canceled",
        "ended",
        "incomplete",
        "incomplete_expired",
        "past_due",
        "paused",
        "trialing",
        "unpaid",
      ],
    },
  });
  const status = (p.status as string | undefined) ?? "";
  const items = ctx.store
    .all(ctx.scope, "subscription")
    .filter((s) => matchesCreated(s, p.created))
    .filter((s) => p.customer === undefined || s.customer === p.customer)
    .filter(
      (s) =>
        p.price === undefined ||
        ((s.items as { data: Params[] }).data ?? []).some((item) => {
          const price = item.price as Value;
          return price === p.price || (price as Params | null)?.id === p.price;
        }),
    )
    .filter((s) =>
      status === "all"
        ? true
        : status === ""
          ? s.status !== "canceled"
          : status === "ended"
            ? ["canceled", "incomplete_expired"].includes(String(s.status))
            : s.status === status,
    );
  return listPage("/v1/subscriptions", items, p);
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
    handle: lister("product", "/v1/products", {
      active: { kind: "boolean" },
      shippable: { kind: "boolean" },
      url: { kind: "string" },
    }),
  },
  { method: "GET", pattern: /^\/v1\/products\/([^/]+)$/, handle: retriever("product") },
  { method: "POST", pattern: /^\/v1\/products\/([^/]+)$/, handle: updateProduct },
  { method: "DELETE", pattern: /^\/v1\/products\/([^/]+)$/, handle: deleteProduct },
  { method: "POST", pattern: /^\/v1\/prices$/, handle: createPrice },
  { method: "GET", pattern: /^\/v1\/prices$/, handle: listPrices },
  { method: "GET", pattern: /^\/v1\/prices\/([^/]+)$/, handle: retriever("price", presentPrice) },
  { method: "POST", pattern: /^\/v1\/prices\/([^/]+)$/, handle: updatePrice },
  { method: "GET", pattern: /^\/v1\/subscriptions$/, handle: listSubscriptions },
];
