/**
 * Stripe Tax: the per-account settings singleton and registrations (`taxreg_`). A registration's
 * status comes from the emulator's clock; registrations are never deleted, only expired.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { endpointFor, type Params, type Rules, type Value } from "../params";
import { scopeKey, type StripeObject } from "../store";
import type { TableNode } from "../tables";
import { listRoute, need } from "./crud";
import type { RequestContext, Route } from "./types";

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

/**
 * https://docs.stripe.com/api/tax/settings/update: the head office address is one value — the
 * country is required whenever an address is sent, and what is not sent is cleared; a default
 * tax code is a `txcd_…` id.
 */
const SETTINGS_RULES: Rules = {
  "defaults[tax_code]": { pattern: /^txcd_\d{8}$/ },
  "head_office[address][country]": { pattern: /^[A-Z]{2}$/ },
};

function updateSettings(ctx: RequestContext): Record<string, unknown> {
  const p = ctx.params;
  const address = (p.head_office as Params | undefined)?.address as Params | undefined;
  if (address && address.country === undefined)
    throw errors.missingParameter("head_office[address][country]");
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

/**
 * A registration is active from `active_from` until `expires_at`, which must come later; an
 * expired registration cannot change, and one place has one registration that has not expired.
 * https://docs.stripe.com/api/tax/registrations/update, https://docs.stripe.com/tax/registering
 */
function checkWindow(activeFrom: number, expiresAt: number | null): void {
  if (expiresAt !== null && expiresAt <= activeFrom) {
    throw errors.invalid("expires_at must be after active_from.", "expires_at", "parameter_invalid_integer");
  }
}

/** The countries (lower case) the SDK's tables list registration options for. */
function supportedCountries(): string[] {
  const create = endpointFor("POST", "/v1/tax/registrations")!.params.fields.country_options;
  return Object.keys((create as TableNode & { type: "object" }).fields);
}

/**
 * https://docs.stripe.com/api/tax/registrations/create: `country` is a two-letter code in upper
 * case, US states too, and `country_options` holds exactly the options of that country.
 */
const REGISTRATION_RULES: Rules = {
  country: { pattern: /^[A-Z]{2}$/ },
  "country_options[us][state]": { pattern: /^[A-Z]{2}$/ },
};

function createRegistration(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const country = String(p.country).toLowerCase();
  if (!supportedCountries().includes(country))
    throw errors.invalid(
      `Stripe Tax does not support registrations in ${p.country}.`,
      "country",
      "parameter_invalid_string",
    );
  const options = p.country_options as Params;
  const keys = Object.keys(options);
  if (keys.length !== 1 || keys[0] !== country) {
    throw errors.invalid(
      `country_options must contain exactly the key ${country}.`,
      "country_options",
      "parameter_invalid_string",
    );
  }
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
  const p = ctx.params;
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

export const taxRoutes: Route[] = [
  { method: "GET", path: "/v1/tax/settings", handle: (ctx) => presentSettings(settingsOf(ctx)) },
  { method: "POST", path: "/v1/tax/settings", rules: SETTINGS_RULES, handle: updateSettings },
  { method: "POST", path: "/v1/tax/registrations", rules: REGISTRATION_RULES, handle: createRegistration },
  listRoute(
    "tax.registration",
    "/v1/tax/registrations",
    { where: (r, p) => p.status === undefined || p.status === "all" || r.status === p.status },
    presentRegistration,
  ),
  {
    method: "GET",
    path: "/v1/tax/registrations/{id}",
    handle: (ctx, id) => presentRegistration(ctx, need(ctx, "tax.registration", id)),
  },
  { method: "POST", path: "/v1/tax/registrations/{id}", handle: updateRegistration },
];
