/**
 * The contract case of SubscriptionSchedule (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { subscriptionSchedule } from "../../../provider/resources/subscription-schedule";
import type { Harness } from "../../support/emulator";
import type { ResourceCase } from "../contract";

export async function catalog(h: Harness) {
  const customer = await h.stripe("POST", "/v1/customers", { email: "jo@example.com" });
  const product = await h.stripe("POST", "/v1/products", { name: "Plan" });
  const price = (amount: number) =>
    h.stripe("POST", "/v1/prices", {
      product: product.id,
      currency: "usd",
      unit_amount: amount,
      recurring: { interval: "month" },
    });
  return {
    customer: customer.id,
    product: product.id,
    starter: (await price(1000)).id,
    pro: (await price(3000)).id,
  };
}

export function twoPhases(c: Awaited<ReturnType<typeof catalog>>) {
  return {
    customer: c.customer,
    phases: [
      { items: [{ price: c.starter }], duration: { interval: "month", intervalCount: 3 } },
      { items: [{ price: c.pro, quantity: 2 }] },
    ],
  };
}

export const contract: ResourceCase = {
  decl: subscriptionSchedule,
  make: async (h) => {
    const c = await catalog(h);
    const create = twoPhases(c);
    return {
      create,
      update: {
        inputs: {
          ...create,
          phases: [create.phases[0], { items: [{ price: c.pro, quantity: 5 }] }],
          metadata: { plan: "growth" },
        },
        expect(object) {
          expect(object.phases[1].items[0].quantity).toBe(5);
          expect(object.metadata).toEqual({ plan: "growth" });
        },
      },
      replace: {
        inputs: { ...create, customer: "cus_other", allowReplaceActive: true },
        replaces: ["customer"],
      },
      afterDelete(object, h) {
        expect(object?.status).toBe("released");
        const sub = h.emulator.objects.get(String(object?.released_subscription));
        expect(sub?.status).toBe("active");
      },
      drift: { patch: { metadata: { changed: "elsewhere" } } },
      // `default_settings.invoice_settings.days_until_due` cannot be sent empty.
      removeNested: {
        from: {
          ...create,
          defaultSettings: { collectionMethod: "send_invoice", invoiceSettings: { daysUntilDue: 30 } },
        },
        to: { ...create, defaultSettings: { collectionMethod: "send_invoice" } },
        plan: { fails: /defaultSettings\.invoiceSettings cannot be removed/ },
      },
      removeMapEntry: {
        from: { ...create, metadata: { plan: "growth", team: "billing" } },
        to: { ...create, metadata: { plan: "growth" } },
        expect(object) {
          expect(object.metadata).toEqual({ plan: "growth" });
        },
      },
      editNested: {
        from: { ...create, defaultSettings: { description: "Starter then Pro" } },
        to: { ...create, defaultSettings: { description: "Starter, then Pro" } },
        expect(object) {
          expect(object.default_settings.description).toBe("Starter, then Pro");
        },
      },
    };
  },
};
