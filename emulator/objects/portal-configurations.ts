/**
 * Billing portal configurations (`bpc_`). Every field updates; `subscription_update.products`
 * is only returned when expanded (as Stripe does), and its products and prices must exist,
 * belong together and be recurring. The default configuration cannot be deactivated.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Rules, type Value } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need } from "./crud";
import type { RequestContext, Route } from "./types";

/**
 * https://docs.stripe.com/api/customer_portal/configurations/create: a headline of up to 60
 * characters, http(s) URLs, a name of up to 256 characters, at most 10 products, and
 * quantities of at least 1 (minimum) or 0.
 */
const URL_RULE = { pattern: /^https?:\/\/[^\s/$.?#][^\s]*$/, maxLength: 5000 };
const RULES: Rules = {
  "business_profile[headline]": { maxLength: 60 },
  "business_profile[privacy_policy_url]": URL_RULE,
  "business_profile[terms_of_service_url]": URL_RULE,
  default_return_url: URL_RULE,
  name: { maxLength: 256 },
  "features[subscription_update][products]": { maxItems: 10 },
  "features[subscription_update][products][*][adjustable_quantity][maximum]": { min: 1 },
  "features[subscription_update][products][*][adjustable_quantity][minimum]": { min: 0 },
};

/** What Stripe stores for a feature that was never configured. */
function defaultFeatures(): Params {
  return {
    customer_update: { allowed_updates: [], enabled: false },
    invoice_history: { enabled: false },
    payment_method_update: { enabled: false, payment_method_configuration: null },
    subscription_cancel: {
      cancellation_reason: { enabled: false, feedback_options: null, options: [] },
      enabled: false,
      mode: "at_period_end",
      proration_behavior: "none",
    },
    subscription_pause: { duration: { interval_options: [], type: "indefinite" }, enabled: false },
    subscription_update: {
      billing_cycle_anchor: null,
      default_allowed_updates: [],
      enabled: false,
      products: [],
      proration_behavior: "none",
      schedule_at_period_end: { conditions: [] },
      trial_update_behavior: "end_trial",
    },
  };
}

/** Applies given fields over stored ones: objects merge, `null` (sent as "") empties. */
function merge(target: Params, patch: Params): Params {
  const out: Params = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    if (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current &&
      typeof current === "object" &&
      !Array.isArray(current)
    ) {
      out[key] = merge(current as Params, value as Params);
    } else if (value === null && Array.isArray(current)) {
      out[key] = [];
    } else {
      out[key] = value as Value;
    }
  }
  return out;
}

/**
 * Products offered for switching must exist, and each price must be a recurring price of its
 * product. https://docs.stripe.com/api/customer_portal/configurations/create
 */
function checkProducts(ctx: RequestContext, features: Params | undefined): void {
  const products = (features?.subscription_update as Params | undefined)?.products as
    Params[] | null | undefined;
  if (!products) return;
  products.forEach((entry, i) => {
    const param = `features[subscription_update][products][${i}]`;
    const product = need(ctx, "product", String(entry.product), `${param}[product]`);
    (entry.prices as string[]).forEach((priceId, k) => {
      const price = need(ctx, "price", priceId, `${param}[prices][${k}]`);
      if (price.product !== product.id) {
        throw errors.invalid(
          `The price ${priceId} does not belong to the product ${product.id}.`,
          `${param}[prices][${k}]`,
          "parameter_invalid_string",
        );
      }
      if (!price.recurring) {
        throw errors.invalid(
          `The price ${priceId} is not a recurring price.`,
          `${param}[prices][${k}]`,
          "parameter_invalid_string",
        );
      }
    });
  });
}

/** Stored shapes of what was sent: product entries and pause intervals get their defaults. */
function normalizeFeatures(features: Params): void {
  const duration = (features.subscription_pause as Params).duration as Params;
  duration.interval_options = ((duration.interval_options as Params[] | null) ?? []).map((o) => ({
    interval: o.interval,
    interval_count: o.interval_count ?? 1,
  }));
  const update = features.subscription_update as Params;
  const products = (update.products as Params[] | null) ?? [];
  update.products = products.map((p) => ({
    adjustable_quantity: {
      enabled: false,
      maximum: null,
      minimum: 1,
      ...((p.adjustable_quantity as Params | undefined) ?? {}),
    },
    prices: p.prices,
    product: p.product,
  }));
}

/** The response: `products` only when expanded. */
function present(config: StripeObject, expand: Value | undefined): StripeObject {
  const expanded = Array.isArray(expand) && expand.includes("features.subscription_update.products");
  if (expanded) return config;
  const features = config.features as Params;
  const update = { ...(features.subscription_update as Params) };
  delete update.products;
  return { ...config, features: { ...features, subscription_update: update } };
}

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  checkProducts(ctx, p.features as Params);
  const features = merge(defaultFeatures(), p.features as Params);
  normalizeFeatures(features);
  const now = ctx.clock.now();
  const profile = (p.business_profile as Params | undefined) ?? {};
  const config = ctx.store.insert(ctx.scope, {
    id: newId("bpc"),
    object: "billing_portal.configuration",
    active: true,
    application: null,
    business_profile: {
      headline: profile.headline ?? null,
      privacy_policy_url: profile.privacy_policy_url ?? null,
      terms_of_service_url: profile.terms_of_service_url ?? null,
    },
    created: now,
    default_return_url: p.default_return_url ?? null,
    features,
    is_default: false,
    livemode: ctx.scope.livemode,
    login_page: loginPage(Boolean((p.login_page as Params | undefined)?.enabled)),
    metadata: mergeMetadata({}, p.metadata),
    name: p.name ?? null,
    updated: now,
  });
  return present(config, p.expand);
}

function loginPage(enabled: boolean): Params {
  return {
    enabled,
    url: enabled ? `https://billing.stripe.com/p/login/test_${newId("x", 14).slice(2)}` : null,
  };
}

function update(ctx: RequestContext, id: string): StripeObject {
  const config = need(ctx, "billing_portal.configuration", id);
  const p = ctx.params;
  // The account's default configuration (the one sessions use when they name none) cannot be
  // deactivated: https://docs.stripe.com/api/customer_portal/configurations/update
  if (p.active === false && config.is_default) {
    throw errors.invalid("You cannot deactivate the default configuration.", "active");
  }
  checkProducts(ctx, p.features as Params | undefined);
  if (p.features) {
    config.features = merge(config.features as Params, p.features as Params);
    normalizeFeatures(config.features as Params);
  }
  if (p.business_profile)
    config.business_profile = merge(config.business_profile as Params, p.business_profile as Params);
  if (p.default_return_url !== undefined) config.default_return_url = p.default_return_url;
  if (p.login_page) {
    const enabled = Boolean((p.login_page as Params).enabled);
    if (enabled !== (config.login_page as Params).enabled) config.login_page = loginPage(enabled);
  }
  if (p.name !== undefined) config.name = p.name;
  if (p.active !== undefined) config.active = p.active;
  config.metadata = mergeMetadata(config.metadata as Record<string, string>, p.metadata);
  config.updated = ctx.clock.now();
  return present(config, p.expand);
}

/** The response: `products` only when expanded. */
const presentFor = (ctx: RequestContext, config: StripeObject) => present(config, ctx.params.expand);

export const portalConfigurationRoutes: Route[] = [
  { method: "POST", path: "/v1/billing_portal/configurations", rules: RULES, handle: create },
  listRoute(
    "billing_portal.configuration",
    "/v1/billing_portal/configurations",
    { equal: ["active", "is_default"] },
    presentFor,
  ),
  {
    method: "GET",
    path: "/v1/billing_portal/configurations/{id}",
    handle: (ctx, id) => presentFor(ctx, need(ctx, "billing_portal.configuration", id)),
  },
  { method: "POST", path: "/v1/billing_portal/configurations/{id}", rules: RULES, handle: update },
];
