/**
 * Stripe Tax: the per-account settings singleton and registrations (`taxreg_`). A registration's
 * status comes from the emulator's clock; registrations are never deleted, only expired.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { LIST_PARAMS, listPage } from "../list";
import { validate, type Params, type Spec, type Value } from "../params";
import { scopeKey, type StripeObject } from "../store";
import { need } from "./catalog";
import type { RequestContext, Route } from "./types";

// Registration types per country, from Stripe's API reference (2026-10-28).
const EU = "at be bg cy cz de dk ee es fi fr gr hr hu ie it lt lu lv mt nl pl pt ro se si sk".split(" ");
const STANDARD =
  "ae al ao au aw ba bb bd bf bh bs cd ch et gb gn is jp me mk mr no nz om rs sg sr uy za zw".split(" ");
const SIMPLIFIED = (
  "am az bj bw by ci cl cm co cr cv ec eg ge gh id in ke kg kh kr kz la lk ma md mu mx my ng np pe ph ru sa sn th " +
  "tj tr tw tz ua ug uz vn zm"
).split(" ");
const US_LOCAL = [
  "admissions_tax",
  "attendance_tax",
  "entertainment_tax",
  "gross_receipts_tax",
  "hospitality_tax",
  "local_amusement_tax",
  "local_lease_tax",
  "luxury_tax",
  "mass_transit_parking_tax",
  "parking_tax",
  "resort_tax",
  "tourism_tax",
  "utility_users_tax",
];
const US_TYPES = [
  ...US_LOCAL,
  "digital_excise_tax",
  "state_communications_tax",
  "state_retail_delivery_fee",
  "state_sales_tax",
];

function optionSpec(country: string): Spec | undefined {
  const standard = (schemes: string[], required: boolean): Spec => ({
    kind: "object",
    fields: { place_of_supply_scheme: { kind: "string", enum: schemes, required } },
  });
  if (EU.includes(country)) {
    return {
      kind: "object",
      fields: {
        type: { kind: "string", required: true, enum: ["ioss", "oss_non_union", "oss_union", "standard"] },
        standard: standard(["inbound_goods", "small_seller", "standard"], true),
      },
    };
  }
  if (STANDARD.includes(country)) {
    return {
      kind: "object",
      fields: {
        type: { kind: "string", required: true, enum: ["standard"] },
        standard: standard(["inbound_goods", "standard"], false),
      },
    };
  }
  if (SIMPLIFIED.includes(country))
    return { kind: "object", fields: { type: { kind: "string", required: true, enum: ["simplified"] } } };
  if (country === "ca") {
    return {
      kind: "object",
      fields: {
        type: { kind: "string", required: true, enum: ["province_standard", "simplified", "standard"] },
        province_standard: { kind: "object", fields: { province: { kind: "string", required: true } } },
      },
    };
  }
  if (country === "us") {
    const jurisdiction: Spec = {
      kind: "object",
      fields: { jurisdiction: { kind: "string", required: true } },
    };
    return {
      kind: "object",
      fields: {
        type: { kind: "string", required: true, enum: US_TYPES },
        state: { kind: "string", required: true, pattern: /^[A-Z]{2}$/ },
        state_sales_tax: {
          kind: "object",
          fields: {
            elections: {
              kind: "array",
              required: true,
              items: {
                kind: "object",
                fields: {
                  type: {
                    kind: "string",
                    required: true,
                    enum: ["local_use_tax", "simplified_sellers_use_tax", "single_local_use_tax"],
                  },
                  jurisdiction: { kind: "string" },
                },
              },
            },
          },
        },
        ...Object.fromEntries(US_LOCAL.map((t) => [t, jurisdiction])),
      },
    };
  }
  return undefined;
}

// --- settings -------------------------------------------------------------------------

function settingsOf(ctx: RequestContext): StripeObject {
  const id = `tax_settings:${scopeKey(ctx.scope)}`;
  const existing = ctx.store.get(ctx.scope, id);
  if (existing) return existing;
  return ctx.store.insert(ctx.scope, {
    id,
    object: "tax.settings",
    defaults: { provider: "stripe", tax_behavior: null, tax_code: null },
    head_office: null,
    livemode: ctx.scope.livemode,
    status: "pending",
    status_details: { pending: { missing_fields: ["head_office"] } },
  });
}

function presentSettings(settings: StripeObject): Record<string, unknown> {
  const { id: _id, ...rest } = settings;
  return rest;
}

const ADDRESS: Spec = {
  kind: "object",
  required: true,
  fields: {
    line1: { kind: "string" },
    line2: { kind: "string" },
    city: { kind: "string" },
    state: { kind: "string" },
    postal_code: { kind: "string" },
    country: { kind: "string", required: true, pattern: /^[A-Z]{2}$/ },
  },
};

function updateSettings(ctx: RequestContext): Record<string, unknown> {
  const p = validate(ctx.params, {
    defaults: {
      kind: "object",
      fields: {
        // Stripe never lets these return to empty once set.
        tax_behavior: {
          kind: "string",
          enum: ["exclusive", "inclusive", "inferred_by_currency"],
          unsettable: false,
        },
        tax_code: { kind: "string", pattern: /^txcd_\d{8}$/, unsettable: false },
      },
    },
    head_office: { kind: "object", unsettable: false, fields: { address: ADDRESS } },
    expand: { kind: "expand" },
  });
  const settings = settingsOf(ctx);
  const defaults = p.defaults as Params | undefined;
  if (defaults) settings.defaults = { ...(settings.defaults as Params), ...defaults };
  const office = p.head_office as Params | undefined;
  if (office) {
    const a = office.address as Params;
    settings.head_office = {
      address: {
        city: a.city ?? null,
        country: a.country,
        line1: a.line1 ?? null,
        line2: a.line2 ?? null,
        postal_code: a.postal_code ?? null,
        state: a.state ?? null,
      },
    };
  }
  const active = settings.head_office !== null;
  settings.status = active ? "active" : "pending";
  settings.status_details = active ? { active: {} } : { pending: { missing_fields: ["head_office"] } };
  return presentSettings(settings);
}

// --- registrations --------------------------------------------------------------------

function status(reg: StripeObject, now: number): string {
  if (typeof reg.expires_at === "number" && reg.expires_at <= now) return "expired";
  if (Number(reg.active_from) > now) return "scheduled";
  return "active";
}

/** Status is derived on every read from the clock, like Stripe's. */
function presentRegistration(ctx: RequestContext, reg: StripeObject): StripeObject {
  reg.status = status(reg, ctx.clock.now());
  return reg;
}

function resolveMoment(value: Value | undefined, now: number): number | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  return value === "now" ? now : (value as number);
}

function checkWindow(activeFrom: number, expiresAt: number | null): void {
  if (expiresAt !== null && expiresAt <= activeFrom) {
    throw errors.invalid("expires_at must be after active_from.", "expires_at", "parameter_invalid_integer");
  }
}

function createRegistration(ctx: RequestContext): StripeObject {
  // country_options is checked below against the country's own rules.
  const { country_options: rawOptions, ...rest } = ctx.params;
  const p = validate(rest, {
    active_from: { kind: "timestamp", required: true, allowNow: true },
    country: { kind: "string", required: true, pattern: /^[A-Z]{2}$/ },
    expires_at: { kind: "timestamp" },
    expand: { kind: "expand" },
  });
  if (rawOptions === undefined) throw errors.missingParameter("country_options");
  const country = String(p.country).toLowerCase();
  const spec = optionSpec(country);
  if (!spec)
    throw errors.invalid(
      `Stripe Tax does not support registrations in ${p.country}.`,
      "country",
      "parameter_invalid_string",
    );
  const raw = (typeof rawOptions === "object" && !Array.isArray(rawOptions) ? rawOptions : {}) as Record<
    string,
    unknown
  >;
  const keys = Object.keys(raw);
  if (keys.length !== 1 || keys[0] !== country) {
    throw errors.invalid(
      `country_options must contain exactly the key ${country}.`,
      "country_options",
      "parameter_invalid_string",
    );
  }
  const options = validate({ [country]: raw[country] } as never, { [country]: spec }, "country_options");
  const now = ctx.clock.now();
  const activeFrom = resolveMoment(p.active_from, now) as number;
  const expiresAt = resolveMoment(p.expires_at, now) ?? null;
  checkWindow(activeFrom, expiresAt);
  const option = options[country] as Params;
  const clash = ctx.store
    .all(ctx.scope, "tax.registration")
    .find(
      (r) =>
        r.country === p.country &&
        status(r, now) !== "expired" &&
        sameRegistration((r.country_options as Params)[country] as Params, option),
    );
  if (clash) {
    throw errors.invalid(
      `A registration for this place already exists (${clash.id}); expire it before creating another.`,
      "country_options",
      "registration_exists",
    );
  }
  return presentRegistration(
    ctx,
    ctx.store.insert(ctx.scope, {
      id: newId("taxreg", 14),
      object: "tax.registration",
      active_from: activeFrom,
      country: p.country,
      country_options: { [country]: option },
      created: now,
      expires_at: expiresAt,
      livemode: ctx.scope.livemode,
      status: "active",
    }),
  );
}

function sameRegistration(a: Params | undefined, b: Params): boolean {
  return a?.type === b.type && (a?.state ?? null) === (b.state ?? null);
}

function updateRegistration(ctx: RequestContext, id: string): StripeObject {
  const reg = need(ctx, "tax.registration", id);
  const p = validate(ctx.params, {
    active_from: { kind: "timestamp", allowNow: true, unsettable: false },
    expires_at: { kind: "timestamp", allowNow: true },
    expand: { kind: "expand" },
  });
  const now = ctx.clock.now();
  if (status(reg, now) === "expired") {
    throw errors.invalid(
      "This registration has expired and can no longer be updated.",
      undefined,
      "registration_expired",
    );
  }
  const activeFrom = resolveMoment(p.active_from, now) ?? Number(reg.active_from);
  const expiresAt =
    p.expires_at === undefined
      ? (reg.expires_at as number | null)
      : (resolveMoment(p.expires_at, now) ?? null);
  // Expiring a registration that has not started yet ends it at its start.
  checkWindow(
    activeFrom,
    expiresAt !== null && expiresAt < activeFrom && p.expires_at === "now" ? activeFrom + 1 : expiresAt,
  );
  reg.active_from = activeFrom;
  reg.expires_at = expiresAt !== null && expiresAt < activeFrom ? activeFrom : expiresAt;
  return presentRegistration(ctx, reg);
}

function listRegistrations(ctx: RequestContext) {
  const p = validate(ctx.params, {
    ...LIST_PARAMS,
    status: { kind: "string", enum: ["active", "all", "expired", "scheduled"] },
  });
  const now = ctx.clock.now();
  const items = ctx.store
    .all(ctx.scope, "tax.registration")
    .map((r) => presentRegistration(ctx, r))
    .filter((r) => p.status === undefined || p.status === "all" || status(r, now) === p.status);
  return listPage("/v1/tax/registrations", items, p);
}

export const taxRoutes: Route[] = [
  { method: "GET", pattern: /^\/v1\/tax\/settings$/, handle: (ctx) => presentSettings(settingsOf(ctx)) },
  { method: "POST", pattern: /^\/v1\/tax\/settings$/, handle: updateSettings },
  { method: "POST", pattern: /^\/v1\/tax\/registrations$/, handle: createRegistration },
  { method: "GET", pattern: /^\/v1\/tax\/registrations$/, handle: listRegistrations },
  {
    method: "GET",
    pattern: /^\/v1\/tax\/registrations\/([^/]+)$/,
    handle: (ctx, id) => presentRegistration(ctx, need(ctx, "tax.registration", id)),
  },
  { method: "POST", pattern: /^\/v1\/tax\/registrations\/([^/]+)$/, handle: updateRegistration },
];
