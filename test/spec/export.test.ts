import { parse } from "yaml";
import type { Emulator } from "../../emulator";
import { clientSource } from "../../provider/cli/export";
import type { PlainObject } from "../../provider/engine/values";
import { EACH_ELEMENT } from "../../provider/engine/paths";
import { SECTIONS } from "../../provider/spec/sections";
import { exportBillingSpec, minimalInputs, slug, type ExportOptions } from "../../provider/spec/export";
import { checkSpecText } from "../../provider/spec/validate";
import { StripeClient } from "../../provider/stripe/client";
import type { FormParams } from "../../provider/stripe/encode";
import { RateLimiter } from "../../provider/stripe/rate-limiter";
import { resolveSettings } from "../../provider/stripe/settings";
import { shippingRateSchema } from "../../provider/resources/shipping-rate";
import { TEST_KEY, useEmulator } from "../support/emulator";
import { stripePost } from "../support/stripe-api";

const h = useEmulator();

const stripe = (path: string, params: FormParams = {}, account?: string) =>
  stripePost(h.emulator.url, TEST_KEY, path, params, account);

function client(emulator: Emulator, account?: string): StripeClient {
  const settings = resolveSettings(
    { apiKey: TEST_KEY, apiBase: emulator.url },
    {},
    { stripeAccount: account },
  );
  return new StripeClient(settings, { limiter: new RateLimiter({ perSecond: 1000 }) });
}

/** Exports the account; every export must validate with no problem. */
async function exportSpec(options: ExportOptions = {}, account?: string) {
  const result = await exportBillingSpec(clientSource(client(h.emulator, account)), options);
  expect(result.issues).toEqual([]);
  expect(checkSpecText("export.yaml", result.text).issues).toEqual([]);
  return { ...result, spec: parse(result.text) as Record<string, Record<string, PlainObject>> };
}

/** A monthly price of the product `pro`. */
function proMonthly(unitAmount: number, lookupKey?: string): Promise<any> {
  return stripe("/v1/prices", {
    product: "pro",
    currency: "usd",
    unit_amount: unitAmount,
    recurring: { interval: "month" },
    ...(lookupKey ? { lookup_key: lookupKey } : {}),
  });
}

/** A small setup: a product with a custom id and one without, prices, a rate, a portal, tax. */
async function seed(account?: string, order: "forward" | "reverse" = "forward") {
  let addon: any;
  const steps: (() => Promise<unknown>)[] = [
    () => stripe("/v1/products", { id: "pro", name: "Pro", metadata: { tier: "2" } }, account),
    async () => (addon = await stripe("/v1/products", { name: "Add-on Pack", unit_label: "pack" }, account)),
    () =>
      stripe(
        "/v1/shipping_rates",
        { display_name: "Express", type: "fixed_amount", fixed_amount: { amount: 1500, currency: "usd" } },
        account,
      ),
    () =>
      stripe(
        "/v1/shipping_rates",
        { display_name: "Express", type: "fixed_amount", fixed_amount: { amount: 900, currency: "usd" } },
        account,
      ),
  ];
  for (const step of order === "forward" ? steps : [...steps].reverse()) await step();
  const monthly = await stripe(
    "/v1/prices",
    {
      product: "pro",
      currency: "usd",
      unit_amount: 2000,
      recurring: { interval: "month" },
      lookup_key: "pro-monthly",
      currency_options: { eur: { unit_amount: 1800 } },
    },
    account,
  );
  await stripe("/v1/products/pro", { default_price: monthly.id }, account);
  const yearly = await stripe(
    "/v1/prices",
    { product: "pro", currency: "usd", unit_amount: 20000, recurring: { interval: "year" } },
    account,
  );
  await stripe(
    "/v1/prices",
    {
      product: addon.id,
      currency: "usd",
      billing_scheme: "tiered",
      tiers_mode: "volume",
      tiers: [
        { up_to: 10, unit_amount: 500 },
        { up_to: "inf", unit_amount: 400 },
      ],
    },
    account,
  );
  await stripe(
    "/v1/billing_portal/configurations",
    {
      features: {
        invoice_history: { enabled: true },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          products: [{ product: "pro", prices: [yearly.id, monthly.id] }],
        },
      },
    },
    account,
  );
  return { monthly, yearly, addon };
}

describe("exportBillingSpec", () => {
  it("maps each object through its declaration, with keys, references by key and adopt ids", async () => {
    const { monthly, yearly, addon } = await seed();
    const { spec, text } = await exportSpec();
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=node_modules/pulumi-stripe-billing/provider/spec/billing-spec.schema.json",
    );
    expect(spec.products).toEqual({
      pro: { productId: "pro", name: "Pro", metadata: { tier: "2" }, adoptId: "pro" },
      "add-on-pack": { name: "Add-on Pack", unitLabel: "pack", adoptId: addon.id },
    });
    expect(spec.prices["pro-monthly"]).toEqual({
      product: "pro",
      currency: "usd",
      unitAmount: 2000,
      recurring: { interval: "month" },
      currencyOptions: { eur: { unitAmount: 1800 } },
      lookupKey: "pro-monthly",
      productDefault: true,
      adoptId: monthly.id,
    });
    expect(spec.prices["pro-usd-year"]).toEqual({
      product: "pro",
      currency: "usd",
      unitAmount: 20000,
      recurring: { interval: "year" },
      adoptId: yearly.id,
    });
    expect(spec.prices["add-on-pack-usd-once"]).toMatchObject({
      product: "add-on-pack",
      billingScheme: "tiered",
      tiersMode: "volume",
      tiers: [
        { upTo: 10, unitAmount: 500 },
        { upTo: "inf", unitAmount: 400 },
      ],
    });
    // Same display name: ordered by what cannot change (the amount), not by creation.
    expect(spec.shippingRates.express.fixedAmount).toEqual({ amount: 900, currency: "usd" });
    expect(spec.shippingRates["express-2"].fixedAmount).toEqual({ amount: 1500, currency: "usd" });
    expect(spec.portalConfigurations.portal.features).toEqual({
      invoiceHistory: { enabled: true },
      subscriptionUpdate: {
        enabled: true,
        defaultAllowedUpdates: ["price"],
        products: [{ product: "pro", prices: ["pro-monthly", "pro-usd-year"] }],
      },
    });
    // Tax settings are exported only once something is set.
    expect(spec.taxSettings).toBeUndefined();
    // References between exported objects are keys, never ids.
    expect(text).not.toMatch(/product: prod_|- price_/);
  });

  it("keys a coupon by its id and a promotion code by its code, and names what they refer to by key", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    const addon = await stripe("/v1/products", { name: "Add-on Pack" });
    await stripe("/v1/coupons", {
      id: "summer",
      percent_off: 20,
      duration: "repeating",
      duration_in_months: 3,
      applies_to: { products: ["pro", addon.id] },
    });
    const generated = await stripe("/v1/coupons", {
      amount_off: 500,
      currency: "usd",
      currency_options: { eur: { amount_off: 450 } },
      name: "Five off",
    });
    const code = await stripe("/v1/promotion_codes", {
      promotion: { type: "coupon", coupon: "summer" },
      code: "SUMMER20",
      restrictions: { minimum_amount: 1000, minimum_amount_currency: "usd" },
    });
    await stripe("/v1/promotion_codes", {
      promotion: { type: "coupon", coupon: generated.id },
      code: "FIVE",
    });
    // An inactive code is not exported.
    const old = await stripe("/v1/promotion_codes", {
      promotion: { type: "coupon", coupon: "summer" },
      code: "OLD",
    });
    await stripe(`/v1/promotion_codes/${old.id}`, { active: false });
    const { spec, text } = await exportSpec();
    expect(spec.coupons).toEqual({
      summer: {
        couponId: "summer",
        percentOff: 20,
        duration: "repeating",
        durationInMonths: 3,
        appliesTo: { products: ["pro", "add-on-pack"] },
        adoptId: "summer",
      },
      [generated.id.toLowerCase()]: {
        couponId: generated.id,
        amountOff: 500,
        currency: "usd",
        currencyOptions: { eur: { amountOff: 450 } },
        name: "Five off",
        adoptId: generated.id,
      },
    });
    expect(spec.promotionCodes).toEqual({
      summer20: {
        code: "SUMMER20",
        promotion: { coupon: "summer" },
        restrictions: { minimumAmount: 1000, minimumAmountCurrency: "usd" },
        adoptId: code.id,
      },
      five: expect.objectContaining({ code: "FIVE", promotion: { coupon: generated.id.toLowerCase() } }),
    });
    expect(text).not.toMatch(/- prod_|code: OLD/);
  });

  it("gives a key from a custom id or lookup key precedence over one from a name", async () => {
    await stripe("/v1/products", { name: "Pro" });
    await stripe("/v1/products", { id: "pro", name: "Professional" });
    await stripe("/v1/prices", { product: "pro", currency: "usd", unit_amount: 1, nickname: "basic" });
    await stripe("/v1/prices", { product: "pro", currency: "usd", unit_amount: 2, lookup_key: "basic" });
    const { spec } = await exportSpec({ adoptIds: false });
    expect(spec.products.pro).toEqual({ productId: "pro", name: "Professional" });
    expect(spec.products["pro-2"]).toEqual({ name: "Pro" });
    expect(spec.prices.basic).toMatchObject({ unitAmount: 2, lookupKey: "basic" });
    expect(spec.prices["basic-2"]).toMatchObject({ unitAmount: 1, nickname: "basic" });
  });

  it("leaves Stripe's defaults out, so the spec is minimal and reads back the same", async () => {
    await stripe("/v1/shipping_rates", {
      display_name: "Ground",
      type: "fixed_amount",
      fixed_amount: { amount: 500, currency: "usd" },
      tax_behavior: "unspecified",
    });
    await stripe("/v1/billing_portal/configurations", { features: { invoice_history: { enabled: true } } });
    const { spec } = await exportSpec({ adoptIds: false });
    expect(spec.shippingRates.ground).toEqual({
      displayName: "Ground",
      fixedAmount: { amount: 500, currency: "usd" },
    });
    expect(spec.portalConfigurations.portal).toEqual({ features: { invoiceHistory: { enabled: true } } });
    // The schema fills in exactly what was left out.
    const full = shippingRateSchema().parse({
      displayName: "Ground",
      fixedAmount: { amount: 500, currency: "usd" },
      taxBehavior: "unspecified",
      active: true,
    });
    expect(minimalInputs(full as PlainObject, shippingRateSchema())).toEqual(spec.shippingRates.ground);
  });

  it("exports tax settings once set, and active and scheduled registrations", async () => {
    await stripe("/v1/tax/settings", {
      defaults: { tax_behavior: "exclusive" },
      head_office: { address: { line1: "1 Main St", city: "Dublin", country: "IE" } },
    });
    const ie = await stripe("/v1/tax/registrations", {
      country: "IE",
      country_options: { ie: { type: "oss_union" } },
      active_from: "now",
    });
    const later = h.emulator.clock.now() + 86400 * 30;
    const us = await stripe("/v1/tax/registrations", {
      country: "US",
      country_options: { us: { type: "state_sales_tax", state: "CA" } },
      active_from: later,
    });
    const gone = await stripe("/v1/tax/registrations", {
      country: "DE",
      country_options: { de: { type: "standard", standard: { place_of_supply_scheme: "standard" } } },
      active_from: "now",
    });
    h.emulator.clock.advance(2);
    await stripe(`/v1/tax/registrations/${gone.id}`, { expires_at: "now" });
    const { spec } = await exportSpec();
    expect(spec.taxSettings).toEqual({
      tax: {
        defaults: { taxBehavior: "exclusive" },
        headOffice: { address: { line1: "1 Main St", city: "Dublin", country: "IE" } },
      },
    });
    expect(spec.taxRegistrations).toEqual({
      "ie-oss-union": { country: "IE", countryOptions: { ie: { type: "oss_union" } }, adoptId: ie.id },
      "us-ca-state-sales-tax": {
        country: "US",
        countryOptions: { us: { type: "state_sales_tax", state: "CA" } },
        activeFrom: later,
        adoptId: us.id,
      },
    });
  });

  it("notes a registration that started at a time of its own, which another account cannot take", async () => {
    const start = h.emulator.clock.now() + 3600;
    await stripe("/v1/tax/registrations", {
      country: "IE",
      country_options: { ie: { type: "oss_union" } },
      active_from: start,
    });
    h.emulator.clock.advance(7200);
    const { spec, text, notes } = await exportSpec();
    expect(spec.taxRegistrations["ie-oss-union"].activeFrom).toBe(start);
    expect(notes).toEqual([
      {
        path: ["taxRegistrations", "ie-oss-union", "activeFrom"],
        message: expect.stringContaining('Stripe takes only "now" or a future time'),
      },
    ]);
    expect(text).toContain(`activeFrom: ${start} # `);
  });

  it("retries through the client: a 500 on a list is answered by the next attempt", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    h.emulator.inject({ method: "GET", path: "/v1/products", type: "status", status: 500 });
    const before = h.emulator.count("GET", "/v1/products");
    const { spec } = await exportSpec();
    expect(Object.keys(spec.products)).toEqual(["pro"]);
    expect(h.emulator.count("GET", "/v1/products") - before).toBe(2);
  });

  it("names a price outside the export by its lookup key, else by id, with a note", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    const legacy = await proMonthly(900, "legacy");
    const old = await proMonthly(800);
    await stripe("/v1/billing_portal/configurations", {
      name: "Main portal",
      features: {
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          products: [{ product: "pro", prices: [legacy.id, old.id] }],
        },
      },
    });
    for (const p of [legacy, old]) await stripe(`/v1/prices/${p.id}`, { active: false });
    const { spec, text, notes } = await exportSpec();
    expect(spec.prices).toBeUndefined();
    expect(spec.portalConfigurations["main-portal"].features).toMatchObject({
      subscriptionUpdate: { products: [{ product: "pro", prices: [old.id, { lookupKey: "legacy" }] }] },
    });
    expect(notes.map((n) => n.message)).toEqual([
      `${old.id} is not exported (archived, or what it belongs to is): named by its id`,
      expect.stringContaining(`${legacy.id} is not exported`),
    ]);
    expect(text).toContain(`- lookupKey: legacy # ${legacy.id} is not exported`);
  });

  it("is deterministic: twice the same bytes, and the same text whatever order objects were created in", async () => {
    await seed("acct_forward", "forward");
    h.emulator.clock.advance(60);
    await seed("acct_reverse", "reverse");
    const a = await exportSpec({ adoptIds: false }, "acct_forward");
    expect((await exportSpec({ adoptIds: false }, "acct_forward")).text).toBe(a.text);
    expect((await exportSpec({ adoptIds: false }, "acct_reverse")).text).toBe(a.text);
    // With adopt ids, only the ids differ.
    const strip = (t: string) => t.replace(/\n\s*adoptId: .*/g, "");
    expect(strip((await exportSpec({}, "acct_reverse")).text)).toBe(a.text);
  });

  it("reads a connected account with its Stripe-Account header, and only with GET", async () => {
    await stripe("/v1/products", { id: "connected", name: "Connected" }, "acct_connected");
    await stripe("/v1/products", { id: "platform", name: "Platform" });
    const before = h.emulator.requests().length;
    const { spec } = await exportSpec({}, "acct_connected");
    expect(Object.keys(spec.products)).toEqual(["connected"]);
    const sent = h.emulator.requests().slice(before);
    expect(sent.every((r) => r.method === "GET" && r.stripeAccount === "acct_connected")).toBe(true);
  });

  it("pages lists by 100: 250 prices cost exactly 3 price list calls, the rest a constant", async () => {
    await stripe("/v1/products", { id: "bulk", name: "Bulk" });
    for (let i = 0; i < 250; i++) {
      await stripe("/v1/prices", {
        product: "bulk",
        currency: "usd",
        unit_amount: 100 + i,
        lookup_key: `bulk-${i}`,
        currency_options: { eur: { unit_amount: 90 + i } },
      });
    }
    for (let i = 0; i < 120; i++) {
      await stripe("/v1/shipping_rates", {
        display_name: `Rate ${i}`,
        type: "fixed_amount",
        fixed_amount: { amount: i, currency: "usd" },
      });
    }
    const before = h.emulator.requests().length;
    const { spec } = await exportSpec();
    expect(Object.keys(spec.prices)).toHaveLength(250);
    expect(spec.prices["bulk-7"]).toMatchObject({ currencyOptions: { eur: { unitAmount: 97 } } });
    const sent = h.emulator.requests().slice(before);
    const calls = (path: string) => sent.filter((r) => r.path === path).length;
    expect(calls("/v1/prices")).toBe(3);
    expect(calls("/v1/shipping_rates")).toBe(2);
    expect(sent.every((r) => r.params.limit === undefined || String(r.params.limit) === "100")).toBe(true);
    // products 1, prices 3, product features 1 (per product), rates 2, tax settings 1,
    // registrations 2 (active, scheduled), portals 1, and one call per other section: coupons,
    // promotion codes, tax rates, webhook endpoints, meters and features.
    expect(sent).toHaveLength(17);
  });

  it("exports meters, features and product features keyed by identity, naming each other by key", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    const meter = await stripe("/v1/billing/meters", {
      event_name: "api_call",
      display_name: "API calls",
      default_aggregation: { formula: "sum" },
    });
    await stripe("/v1/prices", {
      product: "pro",
      currency: "usd",
      unit_amount: 5,
      lookup_key: "api-usage",
      recurring: { interval: "month", usage_type: "metered", meter: meter.id },
    });
    const sso = await stripe("/v1/entitlements/features", { lookup_key: "sso", name: "Single sign-on" });
    const archived = await stripe("/v1/entitlements/features", { lookup_key: "old", name: "Old" });
    await stripe("/v1/products/pro/features", { entitlement_feature: sso.id });
    await stripe(`/v1/entitlements/features/${archived.id}`, { active: false });
    const { spec } = await exportSpec();
    // Keyed by the event name (as a key: `_` becomes `-`).
    expect(spec.meters).toEqual({
      "api-call": {
        eventName: "api_call",
        displayName: "API calls",
        defaultAggregation: { formula: "sum" },
        adoptId: meter.id,
      },
    });
    expect(spec.prices["api-usage"]).toMatchObject({
      recurring: { usageType: "metered", meter: "api-call" },
    });
    expect(spec.features).toEqual({ sso: { lookupKey: "sso", name: "Single sign-on", adoptId: sso.id } });
    expect(spec.productFeatures).toEqual({
      "pro-sso": { product: "pro", entitlementFeature: "sso", adoptId: expect.stringMatching(/^prodft_/) },
    });
  });

  it("without adoption ids, writes a product's features as a list on its entry", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    const sso = await stripe("/v1/entitlements/features", { lookup_key: "sso", name: "SSO" });
    const api = await stripe("/v1/entitlements/features", { lookup_key: "api", name: "API" });
    await stripe("/v1/products/pro/features", { entitlement_feature: sso.id });
    await stripe("/v1/products/pro/features", { entitlement_feature: api.id });
    const { spec } = await exportSpec({ adoptIds: false });
    expect(spec.products.pro).toEqual({ productId: "pro", name: "Pro", features: ["api", "sso"] });
    expect(spec.productFeatures).toBeUndefined();
  });

  it("exports subscription schedules only when asked, those not started or active", async () => {
    await stripe("/v1/products", { id: "pro", name: "Pro" });
    const monthly = await proMonthly(2000, "pro-monthly");
    const customer = await stripe("/v1/customers", { email: "jo@example.com" });
    const start = h.emulator.clock.now() + 86400 * 10;
    const planned = await stripe("/v1/subscription_schedules", {
      customer: customer.id,
      start_date: start,
      end_behavior: "release",
      phases: [{ items: [{ price: monthly.id, quantity: 2 }], duration: { interval: "month" } }],
    });
    const released = await stripe("/v1/subscription_schedules", {
      customer: customer.id,
      start_date: "now",
      phases: [{ items: [{ price: monthly.id }] }],
    });
    await stripe(`/v1/subscription_schedules/${released.id}/release`);
    expect((await exportSpec()).spec.subscriptionSchedules).toBeUndefined();
    expect(h.emulator.count("GET", "/v1/subscription_schedules")).toBe(0);
    const { spec } = await exportSpec({ includeSchedules: true });
    const key = slug(customer.id, "schedule");
    expect(Object.keys(spec.subscriptionSchedules)).toEqual([key]);
    expect(spec.subscriptionSchedules[key]).toMatchObject({
      customer: customer.id,
      startDate: start,
      phases: [{ items: [{ price: "pro-monthly", quantity: 2 }] }],
      adoptId: planned.id,
    });
  });

  it("adopting every exported entry writes nothing, and the provider then sees no change", async () => {
    const { monthly, yearly } = await seed();
    const customer = await stripe("/v1/customers", { email: "jo@example.com" });
    const vat = await stripe("/v1/tax_rates", { display_name: "VAT", percentage: 19, inclusive: false });
    await stripe("/v1/webhook_endpoints", {
      url: "https://example.com/stripe/webhooks",
      enabled_events: ["invoice.paid", "customer.subscription.updated"],
    });
    await stripe("/v1/subscription_schedules", {
      customer: customer.id,
      start_date: h.emulator.clock.now() + 86400,
      phases: [
        {
          items: [{ price: monthly.id }],
          duration: { interval: "month", interval_count: 3 },
          default_tax_rates: [vat.id],
        },
        { items: [{ price: yearly.id, quantity: 2 }] },
      ],
    });
    await stripe("/v1/subscription_schedules", {
      customer: customer.id,
      start_date: "now",
      phases: [{ items: [{ price: monthly.id }] }],
    });
    await stripe("/v1/tax/settings", {
      defaults: { tax_behavior: "inclusive", tax_code: "txcd_10000000" },
      head_office: { address: { country: "US", state: "CA", postal_code: "94107" } },
    });
    await stripe("/v1/tax/registrations", {
      country: "IE",
      country_options: { ie: { type: "oss_union" } },
      active_from: "now",
    });
    const { spec } = await exportSpec({ includeSchedules: true });
    expect(Object.keys(spec.subscriptionSchedules ?? {})).toHaveLength(2);
    // A schedule names the exported tax rate by its key.
    expect(Object.keys(spec.taxRates)).toEqual(["vat-19-exclusive"]);
    const phases = Object.values(spec.subscriptionSchedules).flatMap((s) => s.phases as PlainObject[]);
    expect(phases.map((p) => p.defaultTaxRates).filter(Boolean)).toEqual([["vat-19-exclusive"]]);
    expect(Object.keys(spec.webhookEndpoints)).toEqual(["example.com-stripe-webhooks"]);
    const before = h.emulator.requests().filter((r) => r.method === "POST").length;
    const ids: Record<string, Record<string, string>> = {};
    for (const [section, { declaration, refs }] of Object.entries(SECTIONS)) {
      for (const [key, entry] of Object.entries(spec[section] ?? {})) {
        const inputs = structuredClone(entry);
        for (const site of refs) rewrite(inputs, site.path, (k) => ids[site.to]?.[k] ?? k);
        const p = h.provider(declaration);
        const { inputs: checked, failures } = await p.check({}, inputs);
        expect(failures).toEqual([]);
        const { id, outs } = await p.create(checked);
        (ids[section] ??= {})[key] = id;
        expect(await p.diff(id, outs, checked)).toMatchObject({ changes: false });
        const read = await p.read(id, outs);
        expect(await p.diff(id, read.props!, checked)).toMatchObject({ changes: false });
      }
    }
    expect(h.emulator.requests().filter((r) => r.method === "POST")).toHaveLength(before);
  });
});

describe("exportBillingSpec and secrets", () => {
  it("never writes a webhook endpoint's signing secret, even from an object that holds one", async () => {
    const endpoint = {
      id: "we_1",
      object: "webhook_endpoint",
      api_version: null,
      application: null,
      created: 1,
      description: null,
      enabled_events: ["invoice.paid"],
      livemode: false,
      metadata: {},
      secret: "whsec_exportcanary",
      status: "enabled",
      url: "https://example.com/hooks",
    };
    const source = {
      list: async (path: string) => (path === "/v1/webhook_endpoints" ? [endpoint] : []),
      get: async () => ({}),
    };
    const result = await exportBillingSpec(source);
    expect(parse(result.text).webhookEndpoints).toEqual({
      "example.com-hooks": {
        url: "https://example.com/hooks",
        enabledEvents: ["invoice.paid"],
        adoptId: "we_1",
      },
    });
    expect(result.text).not.toContain("whsec_");
  });
});

describe("exported text", () => {
  it("quotes what a YAML 1.1 reader would take for a boolean: Norway's country code stays a string", async () => {
    await stripe("/v1/tax_rates", {
      display_name: "VAT",
      percentage: 25,
      inclusive: false,
      country: "NO",
      jurisdiction: "NO",
    });
    const { text, spec } = await exportSpec();
    expect(text).toContain('country: "NO"');
    expect(text).toContain('jurisdiction: "NO"');
    expect(Object.values(spec.taxRates as Record<string, PlainObject>)[0].country).toBe("NO");
  });
});

describe("slug", () => {
  it.each([
    ["Ground shipping", "ground-shipping"],
    ["Crème brûlée!", "creme-brulee"],
    ["__pro_monthly__", "pro-monthly"],
    ["v1.2 plan", "v1.2-plan"],
    ["***", "fallback"],
  ])("%j → %j", (text, key) => expect(slug(text, "fallback")).toBe(key));
});

/** Rewrites the strings at a reference site (`*` for each element). */
function rewrite(value: any, pattern: readonly string[], to: (key: string) => string): void {
  const [head, ...rest] = pattern;
  if (value === undefined || value === null) return;
  if (head === EACH_ELEMENT) {
    if (!Array.isArray(value)) return;
    value.forEach((item, i) => {
      if (rest.length === 0) value[i] = typeof item === "string" ? to(item) : item;
      else rewrite(item, rest, to);
    });
    return;
  }
  if (rest.length === 0) {
    if (typeof value[head] === "string") value[head] = to(value[head]);
    return;
  }
  rewrite(value[head], rest, to);
}
