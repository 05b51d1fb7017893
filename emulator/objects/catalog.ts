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
import { mergeMetadata, type Params, type Rules, type Value } from "../params";
import type { StripeObject } from "../store";
import { applyUpdate, listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/**
 * https://docs.stripe.com/api/prices/create: amounts are non-negative, currencies ISO codes,
 * lookup keys at most 200 characters.
 */
const PRICE_RULES: Rules = {
  currency: { pattern: /^[a-z]{3}$/ },
  unit_amount: { min: 0 },
  lookup_key: { maxLength: 200 },
  "currency_options[*][unit_amount]": { min: 0 },
  "tiers[*][unit_amount]": { min: 0 },
  "tiers[*][flat_amount]": { min: 0 },
};
/** https://docs.stripe.com/api/prices/update: the same limits on what can change. */
const PRICE_UPDATE_RULES: Rules = {
  lookup_key: { maxLength: 200 },
  "currency_options[*][unit_amount]": { min: 0 },
};
/** https://docs.stripe.com/api/products/create: the limits of a product's fields. */
const PRODUCT_RULES: Rules = {
  name: { maxLength: 250 },
  images: { maxItems: 8 },
  marketing_features: { maxItems: 15 },
  "marketing_features[*][name]": { maxLength: 80 },
  statement_descriptor: { maxLength: 22 },
  unit_label: { maxLength: 12 },
};

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

// ---------------------------------------------------------------------------------------------
// Products

/** Product fields from create or update parameters; an unset list is empty, not null. */
function productFields(p: Params): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [
    "active",
    "description",
    "images",
    "marketing_features",
    "name",
    "package_dimensions",
    "shippable",
    "statement_descriptor",
    "tax_code",
    "unit_label",
    "url",
  ]) {
    if (p[key] === undefined) continue;
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
  const p = ctx.params;
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
    tax_details: null,
    type: "service",
    unit_label: null,
    updated: now,
    url: null,
    ...productFields(p),
  });
  if (p.default_price_data) {
    const data = { ...(p.default_price_data as Params), product: product.id };
    product.default_price = insertPrice(ctx, data, "default_price_data").id;
  }
  return product;
}

function updateProduct(ctx: RequestContext, id: string): StripeObject {
  const product = need(ctx, "product", id);
  const { default_price: defaultPrice, ...p } = ctx.params;
  if (typeof defaultPrice === "string") {
    // https://docs.stripe.com/api/products/update#update_product-default_price
    const price = need(ctx, "price", defaultPrice, "default_price");
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
  Object.assign(product, productFields(p));
  return applyUpdate(ctx, product, { metadata: p.metadata } as Params);
}

/** Deleting needs a product no price uses: https://docs.stripe.com/api/products/delete */
function deleteProduct(ctx: RequestContext, id: string) {
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

function hidden(object: StripeObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, writable: true, enumerable: false, configurable: true });
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
  };
  // Kept out of the JSON: Stripe returns them only when expanded (see presentPrice), and
  // subscription items embed the price as is.
  hidden(price, "_currency_options", currencyOptionsOf(p.currency_options, scheme));
  hidden(price, "_tiers", tiersOf(p.tiers) ?? null);
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

function updatePrice(ctx: RequestContext, id: string): StripeObject {
  const price = need(ctx, "price", id);
  // Nothing that defines what the price charges is updatable (the update table has none of
  // it): https://docs.stripe.com/api/prices/update
  const p = ctx.params;
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

/**
 * Subscriptions by price: an item on that price. Without `status`, canceled ones are left out;
 * `ended` means canceled or incomplete_expired (https://docs.stripe.com/api/subscriptions/list).
 */
function subscriptionMatches(s: StripeObject, p: Params): boolean {
  const items = ((s.items as { data?: Params[] } | undefined)?.data ?? []) as Params[];
  const priceOf = (item: Params) =>
    typeof item.price === "string" ? item.price : (item.price as Params | null)?.id;
  if (p.price !== undefined && !items.some((item) => priceOf(item) === p.price)) return false;
  const status = p.status as string | undefined;
  if (status === undefined) return s.status !== "canceled";
  if (status === "all") return true;
  if (status === "ended") return ["canceled", "incomplete_expired"].includes(String(s.status));
  return s.status === status;
}

const presentListed = (ctx: RequestContext, price: StripeObject) =>
  presentPrice(ctx, price, ctx.params.expand, "data.");

export const catalogRoutes: Route[] = [
  { method: "POST", path: "/v1/customers", handle: createCustomer },
  listRoute("customer", "/v1/customers", { equal: ["email", "test_clock"], range: ["created"] }),
  { method: "GET", path: "/v1/customers/{id}", handle: retriever("customer") },
  { method: "POST", path: "/v1/customers/{id}", handle: updateCustomer },
  { method: "POST", path: "/v1/products", rules: PRODUCT_RULES, handle: createProduct },
  listRoute("product", "/v1/products", {
    equal: ["active", "shippable", "url"],
    range: ["created"],
    where: (o, p) => !Array.isArray(p.ids) || p.ids.includes(o.id),
  }),
  { method: "GET", path: "/v1/products/{id}", handle: retriever("product") },
  { method: "POST", path: "/v1/products/{id}", rules: PRODUCT_RULES, handle: updateProduct },
  { method: "DELETE", path: "/v1/products/{id}", handle: deleteProduct },
  {
    method: "POST",
    path: "/v1/prices",
    rules: PRICE_RULES,
    handle: (ctx) => presentPrice(ctx, insertPrice(ctx, ctx.params), ctx.params.expand),
  },
  listRoute(
    "price",
    "/v1/prices",
    {
      equal: ["product", "active", "currency", "type"],
      range: ["created"],
      where: (o, p) =>
        (!Array.isArray(p.lookup_keys) || p.lookup_keys.includes(o.lookup_key as string)) &&
        (!p.recurring ||
          (o.recurring !== null &&
            Object.entries(p.recurring as Params).every(([k, v]) => (o.recurring as Params)[k] === v))),
    },
    presentListed,
  ),
  {
    method: "GET",
    path: "/v1/prices/{id}",
    handle: retriever("price", (ctx, price) => presentPrice(ctx, price, ctx.params.expand)),
  },
  { method: "POST", path: "/v1/prices/{id}", rules: PRICE_UPDATE_RULES, handle: updatePrice },
  listRoute("subscription", "/v1/subscriptions", {
    equal: ["customer", "collection_method", "test_clock"],
    range: ["created"],
    where: subscriptionMatches,
  }),
];
