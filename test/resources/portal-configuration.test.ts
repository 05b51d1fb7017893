import { portalConfiguration } from "../../provider/resources/portal-configuration";
import type { Harness } from "../support/emulator";
import { resourceContract } from "./contract";

/** Two products with recurring prices, as the portal's product list must reference. */
async function catalog(h: Harness) {
  const basic = await h.stripe("POST", "/v1/products", { name: "Basic" });
  const pro = await h.stripe("POST", "/v1/products", { name: "Pro" });
  const price = (product: string, amount: number) =>
    h.stripe("POST", "/v1/prices", {
      product,
      currency: "usd",
      unit_amount: amount,
      recurring: { interval: "month" },
    });
  return {
    basic: basic.id,
    pro: pro.id,
    basicMonthly: (await price(basic.id, 1000)).id,
    proMonthly: (await price(pro.id, 3000)).id,
    proYearly: (await price(pro.id, 30000)).id,
  };
}

function inputs(c: Awaited<ReturnType<typeof catalog>>) {
  return {
    features: {
      invoiceHistory: { enabled: true },
      customerUpdate: { enabled: true, allowedUpdates: ["tax_id", "email"] },
      subscriptionCancel: {
        enabled: true,
        cancellationReason: { enabled: true, options: ["too_expensive", "other"] },
      },
      subscriptionUpdate: {
        enabled: true,
        defaultAllowedUpdates: ["price", "quantity"],
        // Written out of order on purpose: Stripe may answer in another order.
        products: [
          { product: c.pro, prices: [c.proYearly, c.proMonthly] },
          { product: c.basic, prices: [c.basicMonthly], adjustableQuantity: { enabled: true, maximum: 5 } },
        ],
        prorationBehavior: "create_prorations",
      },
    },
    businessProfile: { headline: "Acme billing", privacyPolicyUrl: "https://example.com/privacy" },
    defaultReturnUrl: "https://example.com/account",
    metadata: { team: "billing" },
  };
}

const h = resourceContract(portalConfiguration, async (h) => {
  const c = await catalog(h);
  const create = inputs(c);
  return {
    create,
    update: {
      inputs: {
        ...create,
        features: { ...create.features, subscriptionPause: { enabled: true }, customerUpdate: undefined },
        defaultReturnUrl: undefined,
        name: "Main portal",
      },
      expect(object) {
        expect(object.features.subscription_pause).toMatchObject({ enabled: true });
        expect(object.features.customer_update).toEqual({ enabled: false, allowed_updates: [] });
        expect(object.default_return_url).toBeNull();
        expect(object.name).toBe("Main portal");
      },
    },
    afterDelete(object) {
      expect(object?.active).toBe(false);
    },
    drift: { patch: { default_return_url: "https://elsewhere.example.com" } },
    // business_profile cannot be sent empty; each of its fields can.
    removeNested: {
      from: create,
      to: { ...create, businessProfile: undefined },
      expect(object) {
        expect(object.business_profile).toEqual({
          headline: null,
          privacy_policy_url: null,
          terms_of_service_url: null,
        });
      },
    },
    removeMapEntry: {
      from: { ...create, metadata: { team: "billing", owner: "ops" } },
      to: create,
      expect(object) {
        expect(object.metadata).toEqual({ team: "billing" });
      },
    },
    editNested: {
      from: create,
      to: { ...create, businessProfile: { ...create.businessProfile, headline: "Acme accounts" } },
      expect(object) {
        expect(object.business_profile).toMatchObject({
          headline: "Acme accounts",
          privacy_policy_url: "https://example.com/privacy",
        });
      },
    },
  };
});

describe("PortalConfiguration specifics", () => {
  it("shows no change after apply for a config with products and prices (no perpetual diff)", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const news = (await p.check({}, inputs(c))).inputs;
    const { id, outs } = await p.create(news);
    const read = await p.read(id, outs);
    expect((read.props!.features as any).subscriptionUpdate.products).toHaveLength(2);
    expect(await p.diff(id, read.props!, (await p.check(read.props!, inputs(c))).inputs)).toMatchObject({
      changes: false,
    });
    const get = h.emulator.requests({ method: "GET" }).at(-1)!;
    expect(get.params).toEqual({ expand: ["features.subscription_update.products"] });
  });

  it("leaves the account's default configuration active on delete, with a warning", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const { id } = await p.create((await p.check({}, inputs(c))).inputs);
    h.emulator.objects.patch(id, { is_default: true });
    const read = await p.read(id, {});
    await p.delete(id, read.props!);
    expect(h.emulator.objects.get(id)?.active).toBe(true);
    expect(h.warnings.join("\n")).toMatch(/default portal configuration.*left active/);
  });

  it("creates cancellation without reasons by sending the required options as empty", async () => {
    const p = h.provider(portalConfiguration);
    const news = (await p.check({}, { features: { subscriptionCancel: { enabled: true } } })).inputs;
    const { id } = await p.create(news);
    const create = h.emulator.requests({ method: "POST", path: "/v1/billing_portal/configurations" }).at(-1)!;
    expect((create.params as any).features.subscription_cancel.cancellation_reason).toEqual({
      enabled: "false",
      options: "",
    });
    expect(
      (h.emulator.objects.get(id) as any).features.subscription_cancel.cancellation_reason,
    ).toMatchObject({
      enabled: false,
      options: [],
    });
  });

  it("refuses at preview to remove a setting Stripe cannot unset, naming it", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const withAnchor = inputs(c);
    (withAnchor.features.subscriptionUpdate as Record<string, unknown>).billingCycleAnchor = "now";
    const { id, outs } = await p.create((await p.check({}, withAnchor)).inputs);
    const sent = h.emulator.requests().length;
    const news = (await p.check(outs, inputs(c))).inputs;
    await expect(p.diff(id, outs, news)).rejects.toMatchObject({
      code: "cannot_unset",
      path: "features.subscriptionUpdate.billingCycleAnchor",
      message: expect.stringMatching(/features\.subscriptionUpdate\.billingCycleAnchor cannot be removed/),
    });
    expect(h.emulator.requests()).toHaveLength(sent);
  });

  it("names the input when Stripe rejects a price that is not the product's", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const bad = inputs(c);
    bad.features.subscriptionUpdate.products[0].prices = [c.basicMonthly];
    await expect(p.create((await p.check({}, bad)).inputs)).rejects.toMatchObject({
      path: expect.stringMatching(/^features\.subscriptionUpdate\.products\.\d\.prices\.0$/),
    });
  });
});
