/**
 * Billing portal configurations (`bpc_`). Every field updates; `subscription_update.products`
 * is only returned when expanded (as Stripe does), and its products and prices must exist,
 * belong together and be recurring. The default configuration cannot be deactivated.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { LIST_PARAMS, listPage } from "../list";
import { mergeMetadata, validate, type Params, type Spec, type Value } from "../params";
import type { StripeObject } from "../store";
import { need } from "./catalog";
import type { RequestContext, Route } from "./types";

const PRORATION = ["always_invoice", "create_prorations", "none"];
const URL_PATTERN = /^https?:\/\/[^\s/$.?#][^\s]*$/;
const url = (): Spec => ({ kind: "string", pattern: URL_PATTERN, maxLength: 5000 });
const enabled: Spec = { kind: "boolean" };

const FEATURES: Record<string, Spec> = {
  customer_update: {
    kind: "object",
    fields: {
      enabled,
      allowed_updates: {
        kind: "array",
        items: { kind: "string", enum: ["address", "email", "name", "phone", "shipping", "tax_id"] },
      },
    },
  },
  invoice_history: { kind: "object", fields: { enabled: { kind: "boolean", required: true } } },
  payment_method_update: {
    kind: "object",
    fields: {
      enabled: { kind: "boolean", required: true },
      payment_method_configuration: { kind: "string" },
    },
  },
  subscription_cancel: {
    kind: "object",
    fields: {
      enabled,
      mode: { kind: "string", enum: ["at_period_end", "immediately"] },
      proration_behavior: { kind: "string", enum: PRORATION },
      cancellation_reason: {
        kind: "object",
        fields: {
          enabled: { kind: "boolean", required: true },
          options: {
            kind: "array",
            items: {
              kind: "string",
              enum: [
                "customer_service",
                "low_quality",
                "missing_features",
                "other",
                "switched_service",
                "too_complex",
                "too_expensive",
                "unused",
              ],
            },
          },
        },
      },
    },
  },
  subscription_pause: { kind: "object", fields: { enabled } },
  subscription_update: {
    kind: "object",
    fields: {
      enabled,
      default_allowed_updates: {
        kind: "array",
        items: { kind: "string", enum: ["price", "promotion_code", "quantity"] },
      },
      products: {
        kind: "array",
        maxItems: 10,
        items: {
          kind: "object",
          fields: {
            product: { kind: "string", required: true },
            prices: { kind: "array", items: { kind: "string" }, required: true },
            adjustable_quantity: {
              kind: "object",
              fields: {
                enabled: { kind: "boolean", required: true },
                maximum: { kind: "integer", min: 1 },
                minimum: { kind: "integer", min: 0 },
              },
            },
          },
        },
      },
      proration_behavior: { kind: "string", enum: PRORATION },
      billing_cycle_anchor: { kind: "string", enum: ["now", "unchanged"] },
      schedule_at_period_end: {
        kind: "object",
        fields: {
          conditions: {
            kind: "array",
            items: {
              kind: "object",
              fields: {
                type: {
                  kind: "string",
                  required: true,
                  enum: ["decreasing_item_amount", "shortening_interval"],
                },
              },
            },
          },
        },
      },
      trial_update_behavior: { kind: "string", enum: ["continue_trial", "end_trial"] },
    },
  },
};

const FIELDS: Record<string, Spec> = {
  features: { kind: "object", fields: FEATURES },
  business_profile: {
    kind: "object",
    fields: {
      headline: { kind: "string", maxLength: 60 },
      privacy_policy_url: url(),
      terms_of_service_url: url(),
    },
  },
  default_return_url: url(),
  login_page: { kind: "object", fields: { enabled: { kind: "boolean", required: true } } },
  metadata: { kind: "metadata" },
  name: { kind: "string", maxLength: 256 },
  expand: { kind: "expand" },
};

/** What Stripe stores for a feature that was never configured. */
function defaultFeatures(): Params {
  return {
    customer_update: { allowed_updates: [], enabled: false },
    invoice_history: { enabled: false },
    payment_method_update: { enabled: false, payment_method_configuration: null },
    subscription_cancel: {
      cancellation_reason: { enabled: false, options: [] },
      enabled: false,
      mode: "at_period_end",
      proration_behavior: "none",
    },
    subscription_pause: { enabled: false },
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

function normalizeProducts(features: Params): void {
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
  const p = validate(ctx.params, {
    ...FIELDS,
    features: { kind: "object", fields: FEATURES, required: true },
  });
  checkProducts(ctx, p.features as Params);
  const features = merge(defaultFeatures(), p.features as Params);
  normalizeProducts(features);
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
  const p = validate(ctx.params, { ...FIELDS, active: { kind: "boolean" } });
  if (p.active === false && config.is_default) {
    throw errors.invalid("You cannot deactivate the default configuration.", "active");
  }
  checkProducts(ctx, p.features as Params | undefined);
  if (p.features) {
    config.features = merge(config.features as Params, p.features as Params);
    normalizeProducts(config.features as Params);
  }
  if (p.business_profile)
    config.business_profile = merge(config.business_profile as Params, p.business_profile as Params);
  if (p.default_return_url !== undefined) config.default_return_url = p.default_return_url;
  if (p.login_page) {
    const enabled = Boolean((p.login_page as Params).enabled);
    if (enabled !== (config.login_page as Params).enabled) config.login_page = loginPage(enabled);
  }
  if (p.name !== undefined) config.name = p.name;
  if (p.active !== undefined && p.active !== null) config.active = p.active;
  config.metadata = mergeMetadata(config.metadata as Record<string, string>, p.metadata);
  config.updated = ctx.clock.now();
  return present(config, p.expand);
}

function retrieve(ctx: RequestContext, id: string): StripeObject {
  const p = validate(ctx.params, { expand: { kind: "expand" } });
  return present(need(ctx, "billing_portal.configuration", id), p.expand);
}

function list(ctx: RequestContext) {
  const p = validate(ctx.params, {
    ...LIST_PARAMS,
    active: { kind: "boolean" },
    is_default: { kind: "boolean" },
  });
  const items = ctx.store
    .all(ctx.scope, "billing_portal.configuration")
    .filter((c) => p.active === undefined || c.active === p.active)
    .filter((c) => p.is_default === undefined || c.is_default === p.is_default)
    .map((c) => present(c, p.expand));
  return listPage("/v1/billing_portal/configurations", items, p);
}

export const portalConfigurationRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/billing_portal\/configurations$/, handle: create },
  { method: "GET", pattern: /^\/v1\/billing_portal\/configurations$/, handle: list },
  { method: "GET", pattern: /^\/v1\/billing_portal\/configurations\/([^/]+)$/, handle: retrieve },
  { method: "POST", pattern: /^\/v1\/billing_portal\/configurations\/([^/]+)$/, handle: update },
];
