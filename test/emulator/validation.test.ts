/**
 * The emulator checks every request against the tables generated from the Stripe SDK's types:
 * what Stripe refuses gets Stripe's error, what it accepts is accepted and takes effect.
 */
import { validateRequest } from "../../emulator";
import { routes } from "../../emulator/objects";
import { shapeViolations } from "../../emulator/shapes";
import type { TableNode } from "../../emulator/tables";
import { catalog, raw, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

async function post(path: string, body: string) {
  return raw(t.url, "POST", path, body);
}

async function rate(): Promise<string> {
  const res = await post(
    "/v1/shipping_rates",
    "display_name=Ground&fixed_amount[amount]=500&fixed_amount[currency]=usd&fixed_amount[currency_options][chf][amount]=450",
  );
  expect(res.status).toBe(200);
  return res.json.id;
}

async function customerAndPrice(): Promise<{ customer: string; price: string }> {
  const { customer, price } = await catalog(t.sdk);
  return { customer: customer.id, price: price.id };
}

describe("requests Stripe refuses get Stripe's errors", () => {
  const cases: [string, string, string, string, { code: string; param: string }][] = [
    [
      "unknown parameter",
      "POST",
      "/v1/shipping_rates",
      "display_name=x&colour=red",
      { code: "parameter_unknown", param: "colour" },
    ],
    [
      "missing required",
      "POST",
      "/v1/shipping_rates",
      "fixed_amount[amount]=1&fixed_amount[currency]=usd",
      { code: "parameter_missing", param: "display_name" },
    ],
    [
      "not an integer",
      "POST",
      "/v1/shipping_rates",
      "display_name=x&fixed_amount[amount]=1.5&fixed_amount[currency]=usd",
      { code: "parameter_invalid_integer", param: "fixed_amount[amount]" },
    ],
    [
      "bad enum value, nested",
      "POST",
      "/v1/shipping_rates",
      "display_name=x&fixed_amount[amount]=1&fixed_amount[currency]=usd&delivery_estimate[minimum][unit]=fortnight&delivery_estimate[minimum][value]=1",
      { code: "parameter_invalid_string", param: "delivery_estimate[minimum][unit]" },
    ],
    [
      "empty delivery estimate bound (not Emptyable)",
      "POST",
      "/v1/shipping_rates",
      "display_name=x&fixed_amount[amount]=1&fixed_amount[currency]=usd&delivery_estimate[minimum]=",
      { code: "parameter_invalid_empty", param: "delivery_estimate[minimum]" },
    ],
    [
      "empty login page (not Emptyable)",
      "POST",
      "/v1/billing_portal/configurations",
      "features[invoice_history][enabled]=true&login_page=",
      { code: "parameter_invalid_empty", param: "login_page" },
    ],
    [
      "required list of cancellation reasons left out",
      "POST",
      "/v1/billing_portal/configurations",
      "features[subscription_cancel][enabled]=true&features[subscription_cancel][cancellation_reason][enabled]=false",
      { code: "parameter_missing", param: "features[subscription_cancel][cancellation_reason][options]" },
    ],
    [
      "not a boolean",
      "GET",
      "/v1/shipping_rates?active=yes",
      "",
      { code: "parameter_invalid_boolean", param: "active" },
    ],
    [
      "a range filter that is neither a timestamp nor a range",
      "GET",
      "/v1/subscription_schedules?released_at=soon",
      "",
      { code: "parameter_invalid_integer", param: "released_at" },
    ],
    [
      "head office address without its country (sent whole)",
      "POST",
      "/v1/tax/settings",
      "head_office[address][line2]=Suite 4",
      { code: "parameter_missing", param: "head_office[address][country]" },
    ],
  ];
  it.each(cases)("%s", async (_name, method, path, body, expected) => {
    const res = await raw(t.url, method, path, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ type: "invalid_request_error", ...expected });
  });

  it("refuses to empty a shipping rate's currency option but lets metadata keys be unset", async () => {
    const id = await rate();
    const removed = await post(`/v1/shipping_rates/${id}`, "fixed_amount[currency_options][chf]=");
    expect(removed.json.error).toMatchObject({
      code: "parameter_invalid_empty",
      param: "fixed_amount[currency_options][chf]",
    });
    expect((await post(`/v1/shipping_rates/${id}`, "metadata[a]=1")).status).toBe(200);
    const unset = await post(`/v1/shipping_rates/${id}`, "metadata[a]=");
    expect(unset.json.metadata).toEqual({});
  });
});

describe("requests Stripe accepts are accepted and take effect", () => {
  it("subscription schedule list filters: scheduled, released_at, canceled_at, completed_at", async () => {
    const { customer, price } = await customerAndPrice();
    const later = t.emulator.clock.now() + 86400;
    const future = await t.sdk.subscriptionSchedules.create({
      customer,
      start_date: later,
      phases: [{ items: [{ price }], duration: { interval: "month" } }],
    });
    const running = await t.sdk.subscriptionSchedules.create({
      customer,
      start_date: "now",
      phases: [{ items: [{ price }], duration: { interval: "month" } }],
    });
    const released = await t.sdk.subscriptionSchedules.release(running.id);
    const scheduled = await t.sdk.subscriptionSchedules.list({ scheduled: true });
    expect(scheduled.data.map((s) => s.id)).toEqual([future.id]);
    const byRelease = await t.sdk.subscriptionSchedules.list({ released_at: { gte: released.released_at! } });
    expect(byRelease.data.map((s) => s.id)).toEqual([running.id]);
    expect((await t.sdk.subscriptionSchedules.list({ canceled_at: { gt: 0 } })).data).toEqual([]);
    expect((await t.sdk.subscriptionSchedules.list({ completed_at: 1 })).data).toEqual([]);
  });

  it("phase automatic_tax, billing_cycle_anchor, invoice_settings, add_invoice_items and default settings", async () => {
    const { customer, price } = await customerAndPrice();
    const product = await t.sdk.products.create({ name: "Setup" });
    const schedule = await t.sdk.subscriptionSchedules.create({
      customer,
      default_settings: {
        automatic_tax: { enabled: true },
        billing_thresholds: { amount_gte: 10000 },
      },
      phases: [
        {
          items: [{ price }],
          duration: { interval: "month", interval_count: 2 },
          automatic_tax: { enabled: true },
          billing_cycle_anchor: "phase_start",
          collection_method: "send_invoice",
          invoice_settings: { days_until_due: 30 },
          add_invoice_items: [{ price_data: { currency: "usd", product: product.id, unit_amount: 500 } }],
        },
      ],
    });
    expect(schedule.default_settings.automatic_tax?.enabled).toBe(true);
    expect(schedule.default_settings.billing_thresholds).toEqual({
      amount_gte: 10000,
      reset_billing_cycle_anchor: null,
    });
    const phase = schedule.phases[0];
    expect(phase.automatic_tax?.enabled).toBe(true);
    expect(phase.billing_cycle_anchor).toBe("phase_start");
    expect(phase.invoice_settings?.days_until_due).toBe(30);
    expect(phase.add_invoice_items).toHaveLength(1);
    expect(phase.add_invoice_items[0].quantity).toBe(1);
  });
});

describe("validateRequest: the same check for any logged request", () => {
  it("passes a valid request and names the first violation of an invalid one", () => {
    expect(
      validateRequest("POST", "/v1/shipping_rates/shr_123", {
        fixed_amount: { currency_options: { eur: { amount: "450" } } },
        metadata: { a: "" },
      }),
    ).toBeUndefined();
    expect(
      validateRequest("POST", "/v1/shipping_rates/shr_123", {
        fixed_amount: { currency_options: { chf: "" } },
      }),
    ).toMatchObject({
      status: 400,
      code: "parameter_invalid_empty",
      param: "fixed_amount[currency_options][chf]",
    });
    expect(
      validateRequest("POST", "/v1/billing_portal/configurations/bpc_1", { business_profile: "" }),
    ).toMatchObject({
      code: "parameter_invalid_empty",
      param: "business_profile",
    });
    expect(validateRequest("GET", "/v1/nowhere", {})).toMatchObject({ status: 404 });
  });
});

describe("shapeViolations: responses against the SDK's object types", () => {
  it("names missing keys, keys the type lacks, nulls where not nullable and wrong kinds", async () => {
    const rate = await t.sdk.shippingRates.create({
      display_name: "Ground",
      fixed_amount: { amount: 500, currency: "usd" },
    });
    expect(shapeViolations(rate)).toEqual([]);
    expect(
      shapeViolations({ object: "list", data: [rate], has_more: false, url: "/v1/shipping_rates" }),
    ).toEqual([]);
    const { tax_code: _dropped, ...missing } = rate;
    expect(shapeViolations(missing)).toEqual([".tax_code: missing"]);
    expect(shapeViolations({ ...rate, colour: "red" })).toEqual([".colour: not a key of the SDK type"]);
    expect(shapeViolations({ ...rate, active: null })).toEqual([".active: null, but not nullable"]);
    expect(shapeViolations({ ...rate, created: "yesterday" })).toEqual([
      '.created: expected an integer, got "yesterday"',
    ]);
    expect(shapeViolations({ object: "mystery" })).toEqual([".: no object table for mystery"]);
  });
});

describe("hand-written rules", () => {
  /** The table node a rule's bracket path names (`*`: any map key or array index). */
  function nodeAt(node: TableNode | undefined, path: string[]): TableNode | undefined {
    if (!node || path.length === 0) return node;
    const [head, ...rest] = path;
    if (node.type === "union") return node.anyOf.map((n) => nodeAt(n, path)).find(Boolean);
    if (node.type === "object") return head === "*" ? undefined : nodeAt(node.fields[head], rest);
    if (node.type === "map") return head === "*" ? nodeAt(node.values, rest) : undefined;
    if (node.type === "array") return head === "*" ? nodeAt(node.items, rest) : nodeAt(node, []);
    return undefined;
  }

  it("each name a parameter its endpoint's table has, so none silently never applies", () => {
    const unknown = routes.flatMap((route) =>
      Object.keys(route.rules ?? {})
        .filter((path) => !nodeAt(route.endpoint.params, path.replace(/\]/g, "").split("[")))
        .map((path) => `${route.method} ${route.path} ${path}`),
    );
    expect(unknown).toEqual([]);
    expect(routes.filter((r) => r.rules).length).toBeGreaterThan(5);
  });
});

describe("customers keep what they are sent in Stripe's shape", () => {
  it("stores addresses whole, unsets what is Emptyable and ignores parameters that only act", async () => {
    const customer = await t.sdk.customers.create({
      name: "Jo",
      address: { country: "IE", city: "Dublin" },
      shipping: { name: "Jo", address: { line1: "1 Main St" } },
    });
    expect(customer.address).toEqual({
      city: "Dublin",
      country: "IE",
      line1: null,
      line2: null,
      postal_code: null,
      state: null,
    });
    const updated = await t.sdk.customers.update(customer.id, {
      address: { country: "FR" },
      validate: true,
      shipping: "",
    });
    expect(updated.address?.country).toBe("FR");
    expect(updated.address?.city).toBeNull();
    expect(updated.shipping).toBeNull();
    expect(updated).not.toHaveProperty("validate");
  });
});

describe("prices keep what they are sent", () => {
  it("currency options (returned when expanded), inline product data and a product's default price", async () => {
    const product = await t.sdk.products.create({
      name: "Pro",
      default_price_data: { currency: "usd", unit_amount: 1000, recurring: { interval: "month" } },
    });
    expect(product.default_price).toMatch(/^price_/);
    const price = await t.sdk.prices.create({
      product_data: { name: "Add-on" },
      currency: "usd",
      unit_amount: 500,
      currency_options: { eur: { unit_amount: 450, tax_behavior: "exclusive" } },
    });
    expect(price.product).toMatch(/^prod_/);
    expect(price).not.toHaveProperty("currency_options");
    const expanded = await t.sdk.prices.retrieve(price.id, { expand: ["currency_options"] });
    expect(expanded.currency_options).toEqual({
      usd: {
        custom_unit_amount: null,
        tax_behavior: "unspecified",
        unit_amount: 500,
        unit_amount_decimal: "500",
      },
      eur: {
        custom_unit_amount: null,
        tax_behavior: "exclusive",
        unit_amount: 450,
        unit_amount_decimal: "450",
      },
    });
    const updated = await t.sdk.prices.update(price.id, {
      currency_options: { eur: { unit_amount: 400 } },
      expand: ["currency_options"],
    });
    expect(updated.currency_options?.eur).toMatchObject({ unit_amount: 400, tax_behavior: "exclusive" });
    const both = await raw(
      t.url,
      "POST",
      "/v1/prices",
      `product=${price.product}&product_data[name]=x&currency=usd`,
    );
    expect(both.json.error).toMatchObject({ param: "product" });
  });
});
