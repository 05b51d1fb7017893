/**
 * The contract case of PortalConfiguration (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { portalConfiguration } from "../../../provider/resources/portal-configuration";
import type { Harness } from "../../support/emulator";
import type { ResourceCase } from "../contract";

/** Two products with recurring prices, as the portal's product list must reference. */
export async function catalog(h: Harness) {
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

export function inputs(c: Awaited<ReturnType<typeof catalog>>) {
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

export const contract: ResourceCase = {
  decl: portalConfiguration,
  make: async (h) => {
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
  },
};
