/**
 * Every fault class the emulator can inject, survived with exactly one object created:
 * retries reuse the idempotency key, so a lost response never doubles a write.
 */
import type { Fault } from "../../emulator";
import type { ResourceDeclaration } from "../../provider/engine/declaration";
import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { price } from "../../provider/resources/price";
import { product } from "../../provider/resources/product";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";
import { taxRegistration } from "../../provider/resources/tax-registration";
import { useEmulator, type Harness } from "../support/emulator";

const h = useEmulator();

async function createOnce(decl: ResourceDeclaration, inputs: object) {
  const provider = h.provider(decl);
  const checked = await provider.check({}, inputs as never);
  expect(checked.failures).toEqual([]);
  return provider.create(checked.inputs);
}

const shippingInputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };

describe("faults during a shipping-rate create", () => {
  it.each<[string, Fault, number]>([
    ["500", { type: "status", status: 500, method: "POST", times: 2 }, 3],
    ["503", { type: "status", status: 503, method: "POST" }, 2],
    ["429 lock_timeout", { type: "lock_timeout", method: "POST", times: 2 }, 3],
    ["429 rate_limit", { type: "rate_limit", method: "POST" }, 2],
    ["connection reset before the write", { type: "reset", when: "before", method: "POST" }, 2],
    [
      "connection reset after the write is committed",
      { type: "reset", when: "after", method: "POST", times: 2 },
      3,
    ],
    ["added latency", { type: "latency", ms: 200, method: "POST" }, 1],
  ])("%s: one object, %s requests, one idempotency key", async (_name, fault, attempts) => {
    h.emulator.inject(fault);
    const { id } = await createOnce(shippingRate, shippingInputs);
    const posts = h.emulator.requests({ method: "POST", path: "/v1/shipping_rates" });
    expect(posts).toHaveLength(attempts);
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
    const list = await h.stripe("GET", "/v1/shipping_rates", { limit: 100 });
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([id]);
  });

  it("gives up on a request Stripe will not accept, without retrying", async () => {
    const provider = h.provider(shippingRate);
    await expect(provider.create({ displayName: "x", type: "fixed_amount" })).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
  });

  it("stops after the retry budget and reports the last error", async () => {
    h.emulator.inject({ type: "status", status: 503, method: "POST", times: 100 });
    await expect(createOnce(shippingRate, shippingInputs)).rejects.toMatchObject({ statusCode: 503 });
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(7);
  });
});

async function catalog(h: Harness) {
  const customer = await h.stripe("POST", "/v1/customers", {});
  const product = await h.stripe("POST", "/v1/products", { name: "Plan" });
  const price = await h.stripe("POST", "/v1/prices", {
    product: product.id,
    currency: "usd",
    unit_amount: 100,
    recurring: { interval: "month" },
  });
  return { customer: customer.id, price: price.id };
}

describe.each<[string, ResourceDeclaration, (h: Harness) => Promise<object>, string]>([
  [
    "PortalConfiguration",
    portalConfiguration,
    async () => ({ features: { invoiceHistory: { enabled: true } } }),
    "/v1/billing_portal/configurations",
  ],
  [
    "TaxRegistration",
    taxRegistration,
    async () => ({ country: "IE", countryOptions: { ie: { type: "oss_union" } } }),
    "/v1/tax/registrations",
  ],
  [
    "SubscriptionSchedule",
    subscriptionSchedule,
    async (h) => {
      const c = await catalog(h);
      return { customer: c.customer, phases: [{ items: [{ price: c.price }] }] };
    },
    "/v1/subscription_schedules",
  ],
  ["Product", product, async () => ({ productId: "pro", name: "Pro" }), "/v1/products"],
  [
    "Price",
    price,
    async (h) => {
      const product = await h.stripe("POST", "/v1/products", { name: "Plan" });
      return { product: product.id, currency: "usd", unitAmount: 100, lookupKey: "plan-monthly" };
    },
    "/v1/prices",
  ],
])("faults during a %s create", (_name, decl, inputs, path) => {
  it.each<[string, Fault]>([
    ["503", { type: "status", status: 503, method: "POST", path }],
    ["reset after the write", { type: "reset", when: "after", method: "POST", path }],
    ["lock_timeout", { type: "lock_timeout", method: "POST", path }],
  ])("%s: exactly one object", async (_fault, fault) => {
    const given = await inputs(h);
    h.emulator.inject(fault);
    const { id } = await createOnce(decl, given);
    const posts = h.emulator.requests({ method: "POST", path });
    expect(posts).toHaveLength(2);
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
    const list = await h.stripe("GET", path, { limit: 100 });
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([id]);
  });
});
