/**
 * The official Stripe SDK against the emulator: what a real client sends and expects, for
 * every object the package manages. Response objects carry the keys of Stripe's own samples.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Stripe from "stripe";
import { catalog as catalogOf, fixtureKeys, useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();
const catalog = () => catalogOf(t.sdk);

/** Every key path of an object (`a.b`, `list[].c`), to compare shapes to the bone. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => [`${prefix}.${k}`, ...keyPaths(v, `${prefix}.${k}`)]);
}

function fixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"));
}

describe("shipping rates through the official SDK", () => {
  it("creates, retrieves, updates and lists with auto-pagination", async () => {
    const created = await t.sdk.shippingRates.create({
      display_name: "Ground",
      type: "fixed_amount",
      fixed_amount: { amount: 500, currency: "usd", currency_options: { eur: { amount: 450 } } },
      metadata: { a: "1", b: "2" },
    });
    expect(created.id).toMatch(/^shr_[A-Za-z0-9]{24}$/);
    expect(Object.keys(created).sort()).toEqual(fixtureKeys("shipping_rate"));
    expect(created.fixed_amount?.currency_options?.eur).toEqual({ amount: 450, tax_behavior: "unspecified" });

    expect((await t.sdk.shippingRates.retrieve(created.id)).display_name).toBe("Ground");
    const updated = await t.sdk.shippingRates.update(created.id, { metadata: { a: "" }, active: false });
    expect(updated.metadata).toEqual({ b: "2" });
    expect(updated.active).toBe(false);

    for (let i = 0; i < 12; i++) {
      await t.sdk.shippingRates.create({
        display_name: `R${i}`,
        type: "fixed_amount",
        fixed_amount: { amount: i, currency: "usd" },
      });
    }
    const all: string[] = [];
    for await (const rate of t.sdk.shippingRates.list({ limit: 5 })) all.push(rate.id);
    expect(all).toHaveLength(13);
    expect(all[12]).toBe(created.id);
    expect((await t.sdk.shippingRates.list({ active: false })).data.map((r) => r.id)).toEqual([created.id]);
  });

  it("surfaces Stripe-shaped errors as the SDK's typed errors", async () => {
    const missing = await t.sdk.shippingRates.retrieve("shr_nope").catch((e) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({
      code: "resource_missing",
      statusCode: 404,
      message: "No such shipping_rate: 'shr_nope'",
    });

    const unknown = await t.sdk.shippingRates
      .create({
        display_name: "x",
        type: "fixed_amount",
        fixed_amount: { amount: 1, currency: "usd", foo: 1 } as never,
      })
      .catch((e) => e);
    expect(unknown).toMatchObject({ code: "parameter_unknown", param: "fixed_amount[foo]" });

    const created = await t.sdk.shippingRates.create({
      display_name: "x",
      type: "fixed_amount",
      fixed_amount: { amount: 1, currency: "usd" },
    });
    const createOnly = await t.sdk.shippingRates
      .update(created.id, { display_name: "y" } as never)
      .catch((e) => e);
    expect(createOnly).toMatchObject({ code: "parameter_unknown", param: "display_name" });

    const badEnum = await t.sdk.shippingRates
      .update(created.id, { tax_behavior: "sometimes" as never })
      .catch((e) => e);
    expect(badEnum).toMatchObject({ code: "parameter_invalid_string", param: "tax_behavior" });

    const empty = await t.sdk.shippingRates
      .create({ display_name: "", type: "fixed_amount", fixed_amount: { amount: 1, currency: "usd" } })
      .catch((e) => e);
    expect(empty).toMatchObject({ code: "parameter_invalid_empty", param: "display_name" });
  });
});

describe("objects shaped like Stripe's samples all the way down", () => {
  it("shipping rates, tax settings and tax registrations have the sample's nested keys", async () => {
    const rate = await t.sdk.shippingRates.create({
      display_name: "Ground",
      type: "fixed_amount",
      fixed_amount: { amount: 500, currency: "usd" },
      delivery_estimate: { minimum: { unit: "day", value: 1 }, maximum: { unit: "day", value: 3 } },
    });
    const settings = await t.sdk.tax.settings.update({
      head_office: { address: { country: "US", state: "CA" } },
    });
    const registration = await t.sdk.tax.registrations.create({
      country: "US",
      country_options: { us: { type: "state_sales_tax", state: "CA" } },
      active_from: "now",
    });
    expect(keyPaths(rate).sort()).toEqual(keyPaths(fixture("shipping_rate")).sort());
    expect(keyPaths(settings).sort()).toEqual(keyPaths(fixture("tax.settings")).sort());
    expect(keyPaths(registration).sort()).toEqual(keyPaths(fixture("tax.registration")).sort());
  });
});

describe("catalog objects through the official SDK", () => {
  it("creates products, prices and customers with Stripe's keys", async () => {
    const { product, price, customer } = await catalog();
    // The sample predates `tax_details`, which the pinned version returns (see the shape check
    // every test of this file runs against the SDK's tables).
    expect(Object.keys(product).sort()).toEqual([...fixtureKeys("product"), "tax_details"].sort());
    expect(Object.keys(price).sort()).toEqual(fixtureKeys("price"));
    expect(Object.keys(customer).sort()).toEqual(fixtureKeys("customer"));
    expect((await t.sdk.prices.list({ product: product.id })).data.map((p) => p.id)).toEqual([price.id]);
  });
});

describe("product and price rules through the official SDK", () => {
  it("creates a product with a custom id once per account, and refuses a duplicate", async () => {
    const pro = await t.sdk.products.create({ id: "pro", name: "Pro" });
    expect(pro.id).toBe("pro");
    expect(
      (await t.sdk.products.create({ id: "pro", name: "Pro" }, { stripeAccount: "acct_other" })).id,
    ).toBe("pro");
    await expect(t.sdk.products.create({ id: "pro", name: "Again" })).rejects.toMatchObject({
      statusCode: 400,
      code: "resource_already_exists",
      param: "id",
    });
  });

  it("deletes a product only while no price uses it", async () => {
    const empty = await t.sdk.products.create({ name: "Empty" });
    expect(await t.sdk.products.del(empty.id)).toEqual({ id: empty.id, object: "product", deleted: true });
    const { product } = await catalog();
    await expect(t.sdk.products.del(product.id)).rejects.toMatchObject({ statusCode: 400 });
    expect((await t.sdk.products.update(product.id, { active: false })).active).toBe(false);
  });

  it("keeps a default price to active prices of the product, and refuses to archive it", async () => {
    const { product, price } = await catalog();
    const other = await t.sdk.products.create({ name: "Other" });
    const foreign = await t.sdk.prices.create({ product: other.id, currency: "usd", unit_amount: 1 });
    await expect(t.sdk.products.update(product.id, { default_price: foreign.id })).rejects.toMatchObject({
      param: "default_price",
    });
    expect((await t.sdk.products.update(product.id, { default_price: price.id })).default_price).toBe(
      price.id,
    );
    await expect(t.sdk.prices.update(price.id, { active: false })).rejects.toMatchObject({ param: "active" });
    const created = await t.sdk.products.create({
      name: "With default",
      default_price_data: { currency: "usd", unit_amount: 500 },
    });
    expect(created.default_price).toMatch(/^price_/);
  });

  // https://docs.stripe.com/api/products/update#update_product-default_price: "The ID of the
  // Price object that is the default price for this product" — an active price of the product.
  it("refuses an archived price as a product's default price, on update and on create", async () => {
    const { product, price } = await catalog();
    await t.sdk.products.update(product.id, { default_price: price.id });
    const archived = await t.sdk.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 2500,
      active: false,
    });
    expect(archived.active).toBe(false);
    await expect(t.sdk.products.update(product.id, { default_price: archived.id })).rejects.toMatchObject({
      statusCode: 400,
      type: "StripeInvalidRequestError",
      param: "default_price",
      message: `The price ${archived.id} is archived and cannot be a default price.`,
    });
    expect((await t.sdk.products.retrieve(product.id)).default_price).toBe(price.id);
    // Create has no default_price at all: its default price is made by default_price_data,
    // always active, so an archived one cannot be named there either.
    await expect(
      t.sdk.products.create({ name: "Named", default_price: archived.id } as Stripe.ProductCreateParams),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: "parameter_unknown",
      param: "default_price",
    });
  });

  it("gives a lookup key to one price at a time, moved only with transfer_lookup_key", async () => {
    const { product, price } = await catalog();
    await t.sdk.prices.update(price.id, { lookup_key: "pro-monthly" });
    const raised = { product: product.id, currency: "usd", unit_amount: 4000, lookup_key: "pro-monthly" };
    await expect(t.sdk.prices.create(raised)).rejects.toMatchObject({ param: "lookup_key" });
    const moved = await t.sdk.prices.create({ ...raised, transfer_lookup_key: true });
    expect(moved.lookup_key).toBe("pro-monthly");
    expect((await t.sdk.prices.retrieve(price.id)).lookup_key).toBeNull();
    const found = await t.sdk.prices.list({ lookup_keys: ["pro-monthly", "nope"] });
    expect(found.data.map((p) => p.id)).toEqual([moved.id]);
  });

  it("never changes what a price charges; tax behavior only from unspecified", async () => {
    const { price } = await catalog();
    await expect(t.sdk.prices.update(price.id, { unit_amount: 1 } as never)).rejects.toMatchObject({
      code: "parameter_unknown",
      param: "unit_amount",
    });
    await expect(t.sdk.prices.update(price.id, { currency: "eur" } as never)).rejects.toMatchObject({
      code: "parameter_unknown",
    });
    expect((await t.sdk.prices.update(price.id, { tax_behavior: "exclusive" })).tax_behavior).toBe(
      "exclusive",
    );
    await expect(t.sdk.prices.update(price.id, { tax_behavior: "inclusive" })).rejects.toMatchObject({
      param: "tax_behavior",
    });
  });

  it("returns currency options and tiers only when expanded, the price's own currency included", async () => {
    const { product } = await catalog();
    const price = await t.sdk.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 1000,
      currency_options: { eur: { unit_amount: 900 } },
    });
    expect(price.currency_options).toBeUndefined();
    const expanded = await t.sdk.prices.retrieve(price.id, { expand: ["currency_options"] });
    expect(Object.keys(expanded.currency_options!).sort()).toEqual(["eur", "usd"]);
    expect(expanded.currency_options!.eur.unit_amount).toBe(900);
    const tiered = await t.sdk.prices.create({
      product: product.id,
      currency: "usd",
      billing_scheme: "tiered",
      tiers_mode: "volume",
      tiers: [
        { up_to: 5, unit_amount: 100 },
        { up_to: "inf", unit_amount: 80 },
      ],
      expand: ["tiers"],
    });
    expect(tiered.tiers?.map((x) => x.up_to)).toEqual([5, null]);
  });

  it("lists prices by product and active, and subscriptions by price", async () => {
    const { product, price, customer } = await catalog();
    const archived = await t.sdk.prices.create({
      product: product.id,
      currency: "usd",
      unit_amount: 1,
      active: false,
    });
    expect((await t.sdk.prices.list({ product: product.id, active: false })).data.map((p) => p.id)).toEqual([
      archived.id,
    ]);
    await t.sdk.subscriptionSchedules.create({
      customer: customer.id,
      start_date: "now",
      phases: [{ items: [{ price: price.id }] }],
    });
    const subs = await t.sdk.subscriptions.list({ price: price.id, status: "active" });
    expect(subs.data).toHaveLength(1);
    expect((await t.sdk.subscriptions.list({ price: archived.id })).data).toHaveLength(0);
  });
});

describe("billing portal configurations through the official SDK", () => {
  it("creates with Stripe's defaults and returns products only when expanded", async () => {
    const { product, price } = await catalog();
    const config = await t.sdk.billingPortal.configurations.create({
      features: {
        invoice_history: { enabled: true },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          products: [{ product: product.id, prices: [price.id] }],
        },
      },
      business_profile: { privacy_policy_url: "https://example.com/privacy" },
    });
    expect(config.id).toMatch(/^bpc_/);
    expect(Object.keys(config).sort()).toEqual(fixtureKeys("billing_portal.configuration"));
    expect(config.features.subscription_update.products).toBeUndefined();
    expect(config.features.customer_update).toEqual({ allowed_updates: [], enabled: false });

    const expanded = await t.sdk.billingPortal.configurations.retrieve(config.id, {
      expand: ["features.subscription_update.products"],
    });
    expect(expanded.features.subscription_update.products).toEqual([
      {
        adjustable_quantity: { enabled: false, maximum: null, minimum: 1 },
        prices: [price.id],
        product: product.id,
      },
    ]);
    const off = await t.sdk.billingPortal.configurations.update(config.id, {
      active: false,
      login_page: { enabled: true },
    });
    expect(off.active).toBe(false);
    expect(off.login_page.url).toMatch(/^https:\/\//);
  });

  it("checks product and price references, and refuses to deactivate the default", async () => {
    const { product } = await catalog();
    const other = await t.sdk.prices.create({
      product: (await t.sdk.products.create({ name: "Other" })).id,
      currency: "usd",
      unit_amount: 1,
      recurring: { interval: "month" },
    });
    const mismatch = await t.sdk.billingPortal.configurations
      .create({
        features: {
          subscription_update: { enabled: true, products: [{ product: product.id, prices: [other.id] }] },
        },
      })
      .catch((e) => e);
    expect(mismatch).toMatchObject({
      statusCode: 400,
      param: "features[subscription_update][products][0][prices][0]",
    });
    const missing = await t.sdk.billingPortal.configurations
      .create({
        features: {
          subscription_update: { enabled: true, products: [{ product: "prod_nope", prices: [other.id] }] },
        },
      })
      .catch((e) => e);
    expect(missing).toMatchObject({ code: "resource_missing", statusCode: 404 });

    const config = await t.sdk.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
    });
    t.emulator.objects.patch(config.id, { is_default: true });
    await expect(
      t.sdk.billingPortal.configurations.update(config.id, { active: false }),
    ).rejects.toMatchObject({ param: "active" });
  });
});

describe("tax settings and registrations through the official SDK", () => {
  it("keeps settings per account, pending until a head office is set, and never emptied again", async () => {
    const settings = await t.sdk.tax.settings.retrieve();
    expect(Object.keys(settings).sort()).toEqual(fixtureKeys("tax.settings"));
    expect(settings).toMatchObject({
      status: "pending",
      status_details: { pending: { missing_fields: ["head_office"] } },
    });
    const updated = await t.sdk.tax.settings.update({
      head_office: { address: { country: "IE", city: "Dublin" } },
      defaults: { tax_behavior: "exclusive" },
    });
    expect(updated.status).toBe("active");
    await expect(
      t.sdk.tax.settings.update({ defaults: { tax_behavior: "" as never } }),
    ).rejects.toMatchObject({ code: "parameter_invalid_empty" });
    const connected = await t.sdk.tax.settings.retrieve({}, { stripeAccount: "acct_123" });
    expect(connected.status).toBe("pending");
  });

  it("validates country options, derives status from the clock and expires registrations", async () => {
    const start = t.emulator.clock.now() + 3600;
    const reg = await t.sdk.tax.registrations.create({
      country: "US",
      country_options: { us: { type: "state_sales_tax", state: "CA" } },
      active_from: start,
    });
    expect(Object.keys(reg).sort()).toEqual(fixtureKeys("tax.registration"));
    expect(reg.status).toBe("scheduled");
    t.emulator.clock.advance(3700);
    expect((await t.sdk.tax.registrations.retrieve(reg.id)).status).toBe("active");
    expect((await t.sdk.tax.registrations.update(reg.id, { expires_at: "now" })).status).toBe("expired");

    await expect(
      t.sdk.tax.registrations.create({
        country: "IE",
        country_options: { fr: { type: "standard" } } as never,
        active_from: "now",
      }),
    ).rejects.toMatchObject({ param: "country_options" });
    await expect(
      t.sdk.tax.registrations.create({
        country: "GB",
        country_options: { gb: { type: "oss_union" as never } },
        active_from: "now",
      }),
    ).rejects.toMatchObject({ param: "country_options[gb][type]" });
    const now = await t.sdk.tax.registrations.create({
      country: "IE",
      country_options: { ie: { type: "oss_union" } },
      active_from: "now",
    });
    await expect(t.sdk.tax.registrations.update(now.id, { expires_at: "now" })).rejects.toMatchObject({
      param: "expires_at",
    });
  });
});

describe("subscription schedules through the official SDK", () => {
  it("runs the state machine: not_started, active, then released at the end", async () => {
    const { price, customer } = await catalog();
    const start = t.emulator.clock.now() + 86400;
    const schedule = await t.sdk.subscriptionSchedules.create({
      customer: customer.id,
      start_date: start,
      phases: [
        { items: [{ price: price.id }], duration: { interval: "month", interval_count: 1 } },
        { items: [{ price: price.id, quantity: 2 }] },
      ],
    });
    // The sample predates the pinned API version, which adds two fields.
    expect(Object.keys(schedule).sort()).toEqual(
      [...fixtureKeys("subscription_schedule"), "customer_account", "pause_schedules"].sort(),
    );
    expect(schedule.status).toBe("not_started");
    t.emulator.clock.advance(86400 + 10);
    const active = await t.sdk.subscriptionSchedules.retrieve(schedule.id);
    expect(active.status).toBe("active");
    expect(active.subscription).toMatch(/^sub_/);
    const subscription = await t.sdk.subscriptions.retrieve(String(active.subscription));
    expect(subscription).toMatchObject({ status: "active", schedule: schedule.id, customer: customer.id });
    expect(subscription.items.data[0]).toMatchObject({
      price: { id: price.id },
      plan: { id: price.id },
      quantity: 1,
    });
    expect(active.current_phase).toEqual({
      start_date: active.phases[0].start_date,
      end_date: active.phases[0].end_date,
    });
    t.emulator.clock.advance(70 * 86400);
    const ended = await t.sdk.subscriptionSchedules.retrieve(schedule.id);
    expect(ended).toMatchObject({
      status: "released",
      subscription: null,
      released_subscription: active.subscription,
    });
    await expect(
      t.sdk.subscriptionSchedules.update(schedule.id, { metadata: { a: "b" } }),
    ).rejects.toMatchObject({
      code: "subscription_schedule_invalid_status",
    });
  });

  it("cancels or releases on request, keeping the subscription only on release", async () => {
    const { price, customer } = await catalog();
    const phases = [{ items: [{ price: price.id }] }];
    const a = await t.sdk.subscriptionSchedules.create({ customer: customer.id, start_date: "now", phases });
    const released = await t.sdk.subscriptionSchedules.release(a.id);
    expect(released.status).toBe("released");
    expect(t.emulator.objects.get(String(released.released_subscription))?.status).toBe("active");
    const b = await t.sdk.subscriptionSchedules.create({ customer: customer.id, start_date: "now", phases });
    const canceled = await t.sdk.subscriptionSchedules.cancel(b.id);
    expect(canceled.status).toBe("canceled");
    expect(t.emulator.objects.get(String(canceled.subscription))?.status).toBe("canceled");
    await expect(t.sdk.subscriptionSchedules.cancel(b.id)).rejects.toMatchObject({
      code: "subscription_schedule_invalid_status",
    });
  });

  it("protects the running phase's start and checks references", async () => {
    const { price, customer } = await catalog();
    const schedule = await t.sdk.subscriptionSchedules.create({
      customer: customer.id,
      start_date: "now",
      phases: [
        { items: [{ price: price.id }], duration: { interval: "month" } },
        { items: [{ price: price.id }] },
      ],
    });
    await expect(
      t.sdk.subscriptionSchedules.update(schedule.id, {
        phases: [{ items: [{ price: price.id }], start_date: schedule.phases[0].start_date + 5 }],
      }),
    ).rejects.toMatchObject({ param: "phases[0][start_date]" });
    await expect(
      t.sdk.subscriptionSchedules.create({
        customer: "cus_nope",
        phases: [{ items: [{ price: price.id }] }],
      }),
    ).rejects.toMatchObject({ code: "resource_missing", param: "customer" });
    await expect(
      t.sdk.subscriptionSchedules.create({
        customer: customer.id,
        phases: [{ items: [{ price: price.id }], duration: { interval: "month" }, end_date: 2000000000 }],
      }),
    ).rejects.toMatchObject({ param: "phases[0][duration]" });
  });
});
