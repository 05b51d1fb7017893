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
 *   (https://docs.stripe.com/api/prices/object#price_object-currency_options);
 * - a metered price names an active billing meter (see `checkMeter`).
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

function createProduct(ctx: RequestContext): StripeObject {
  const product = insertProduct(ctx, ctx.params);
  const data = ctx.params.default_price_data as Params | undefined;
  // https://docs.stripe.com/api/products/create: `default_price_data` creates the default price.
  if (data)
    product.default_price = insertPrice(ctx, { ...data, product: product.id }, "default_price_data").id;
  return product;
}

function insertProduct(ctx: RequestContext, p: Params): StripeObject {
  // Custom ids are unique per account: https://docs.stripe.com/api/products/create#create_product-id
  if (typeof p.id === "string" && ctx.store.get(ctx.scope, p.id, "product")) {
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
  // An unset list is empty, as Stripe returns it.
  const lists = Object.fromEntries(
    ["images", "marketing_features"].filter((k) => p[k] === null).map((k) => [k, []]),
  );
  return applyUpdate(ctx, product, { ...p, ...lists });
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
  ctx.store.remove(product.id, ctx.scope);
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

/**
 * An amount sent as an integer or as a decimal string, as Stripe returns the pair: the decimal
 * always, the integer "represented as a whole integer if possible" — `null` when the decimal has
 * a fraction (https://docs.stripe.com/api/prices/object#price_object-unit_amount).
 */
function amountPair(whole: Value | undefined, decimal: Value | undefined): [number | null, string | null] {
  const text = decimal != null ? String(decimal) : whole != null ? String(whole) : null;
  return [text !== null && Number.isInteger(Number(text)) ? Number(text) : null, text];
}

/**
 * A price's amounts in one currency as Stripe returns them (the default currency and each of
 * `currency_options`): https://docs.stripe.com/api/prices/object
 */
function amounts(o: Params, taxBehavior: Value): Params {
  const custom = o.custom_unit_amount as Params | undefined;
  const [unitAmount, unitAmountDecimal] = amountPair(o.unit_amount, o.unit_amount_decimal);
  return {
    custom_unit_amount: custom
      ? { maximum: custom.maximum ?? null, minimum: custom.minimum ?? null, preset: custom.preset ?? null }
      : null,
    tax_behavior: o.tax_behavior ?? taxBehavior,
    ...(o.tiers ? { tiers: tiers(o.tiers) } : {}),
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmountDecimal,
  };
}

/** https://docs.stripe.com/api/prices/object#price_object-tiers: each amount with its decimal. */
function tiers(value: Value | undefined): Params[] {
  return ((value as Params[] | undefined) ?? []).map((t) => {
    const [flatAmount, flatAmountDecimal] = amountPair(t.flat_amount, t.flat_amount_decimal);
    const [unitAmount, unitAmountDecimal] = amountPair(t.unit_amount, t.unit_amount_decimal);
    return {
      flat_amount: flatAmount,
      flat_amount_decimal: flatAmountDecimal,
      unit_amount: unitAmount,
      unit_amount_decimal: unitAmountDecimal,
      up_to: t.up_to === "inf" || t.up_to === undefined ? null : t.up_to,
    };
  });
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
  const scheme = (p.billing_scheme as string | undefined) ?? "per_unit";
  checkAmount(p, scheme, param ?? "");
  for (const [currency, option] of Object.entries((p.currency_options as Record<string, Params>) ?? {}))
    checkAmount(option, scheme, `${under(param ?? "", "currency_options")}[${currency}]`);
  if (scheme === "tiered" && (!Array.isArray(p.tiers) || !p.tiers_mode)) {
    throw errors.missingParameter(under(param ?? "", Array.isArray(p.tiers) ? "tiers_mode" : "tiers"));
  }
  if (scheme === "per_unit" && AMOUNTS.every((k) => p[k] === undefined)) {
    throw errors.missingParameter(under(param ?? "", "unit_amount"));
  }
  const recurring = p.recurring as Params | undefined;
  if (recurring) checkMeter(ctx, recurring, under(param ?? "", "recurring"));
  const taxBehavior = p.tax_behavior ?? "unspecified";
  const base = amounts(p, taxBehavior);
  const options = (p.currency_options as Record<string, Params> | undefined) ?? {};
  const { tiers: priceTiers, ...own } = base;
  const price: StripeObject = {
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
    tax_behavior: taxBehavior,
    ...(priceTiers ? { tiers: priceTiers } : {}),
    tiers_mode: p.tiers_mode ?? null,
    transform_quantity: p.transform_quantity ?? null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: own.unit_amount,
    unit_amount_decimal: own.unit_amount_decimal,
  };
  claimLookupKey(ctx, price, p.lookup_key, p.transfer_lookup_key === true);
  return ctx.store.insert(ctx.scope, price);
}

/**
 * A metered price needs an active meter: since 2025-03-31 Stripe refuses `usage_type=metered`
 * without one (https://docs.stripe.com/changelog/basil/2025-03-31/deprecate-legacy-usage-based-billing),
 * and "you can't attach a deactivated meter to a price" (https://docs.stripe.com/api/billing/meter/deactivate).
 */
function checkMeter(ctx: RequestContext, recurring: Params, prefix: string): void {
  const param = `${prefix}[meter]`;
  if (recurring.meter === undefined) {
    if (recurring.usage_type === "metered") throw errors.missingParameter(param);
    return;
  }
  const meter = need(ctx, "billing.meter", String(recurring.meter), param);
  if (meter.status !== "active")
    throw errors.invalid(`The meter ${meter.id} is deactivated and cannot be attached to a price.`, param);
}

/**
 * `currency_options` and `tiers` are returned only when expanded
 * (https://docs.stripe.com/api/prices/object#price_object-currency_options).
 */
function presentPrice(ctx: RequestContext, price: StripeObject): StripeObject {
  const expand = Array.isArray(ctx.params.expand) ? (ctx.params.expand as string[]) : [];
  const view = priceView(price, expand);
  if (expand.includes("product") || expand.includes("data.product"))
    view.product = ctx.store.get(ctx.scope, String(price.product), "product") ?? price.product;
  return view;
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
  const {
    currency_options: sent,
    lookup_key: lookupKey,
    transfer_lookup_key: transfer,
    tax_behavior: taxBehavior,
    ...rest
  } = ctx.params;
  const found = need(ctx, "price", id);
  if (rest.active === false && found.active) {
    const product = ctx.store.get(ctx.scope, String(found.product), "product");
    if (product?.default_price === found.id) {
      // https://docs.stripe.com/products-prices/manage-prices#archive-price
      throw errors.invalid(
        "This price cannot be archived because it is the default price of its product. Set another default price first.",
        "active",
      );
    }
  }
  if (taxBehavior !== undefined && taxBehavior !== found.tax_behavior) {
    // https://docs.stripe.com/api/prices/update#update_price-tax_behavior: "Once specified as
    // either inclusive or exclusive, it cannot be changed."
    if (found.tax_behavior !== "unspecified") {
      throw errors.invalid(
        `tax_behavior cannot be changed once it is set to ${String(found.tax_behavior)}.`,
        "tax_behavior",
      );
    }
    found.tax_behavior = taxBehavior;
  }
  claimLookupKey(ctx, found, lookupKey, transfer === true);
  const price = applyUpdate(ctx, found, rest);
  if (sent !== undefined) {
    const stored = price.currency_options as Record<string, Params>;
    const own = { [String(price.currency)]: stored[String(price.currency)] };
    const merged = sent === null ? own : { ...stored };
    for (const [currency, option] of Object.entries((sent as Record<string, Params> | null) ?? {})) {
      // A sent amount replaces the stored one with its decimal twin.
      const kept = { ...(stored[currency] ?? {}) };
      if (AMOUNTS.some((k) => option[k] !== undefined)) for (const k of AMOUNTS) delete kept[k];
      merged[currency] = amounts({ ...kept, ...option }, price.tax_behavior as Value);
    }
    price.currency_options = merged;
  }
  return presentPrice(ctx, price);
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
    handle: (ctx) => presentPrice(ctx, insertPrice(ctx, ctx.params)),
  },
  listRoute(
    "price",
    "/v1/prices",
    {
      equal: ["active", "currency", "type"],
      range: ["created"],
      where: (o, p) =>
        (p.product === undefined ||
          o.product === p.product ||
          (o.product as Params | null)?.id === p.product) &&
        (!Array.isArray(p.lookup_keys) || p.lookup_keys.includes(o.lookup_key as string)) &&
        (!p.recurring ||
          (o.recurring !== null &&
            Object.entries(p.recurring as Params).every(([k, v]) => (o.recurring as Params)[k] === v))),
    },
    presentPrice,
  ),
  { method: "GET", path: "/v1/prices/{id}", handle: retriever("price", presentPrice) },
  { method: "POST", path: "/v1/prices/{id}", rules: PRICE_UPDATE_RULES, handle: updatePrice },
  listRoute("subscription", "/v1/subscriptions", {
    equal: ["customer", "collection_method", "test_clock"],
    range: ["created"],
    where: subscriptionMatches,
  }),
];
