/**
 * The contract case of WebhookEndpoint (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { webhookEndpoint } from "../../../provider/resources/webhook-endpoint";
import type { ResourceCase } from "../contract";

export const create = {
  url: "https://example.com/stripe/webhooks",
  enabledEvents: ["invoice.paid", "customer.subscription.updated"],
  description: "Billing events",
  metadata: { team: "billing", env: "prod" },
};

export const contract: ResourceCase = {
  decl: webhookEndpoint,
  make: () => ({
    create,
    update: {
      inputs: {
        ...create,
        url: "https://example.com/stripe/events",
        enabledEvents: ["invoice.paid", "invoice.payment_failed"],
        disabled: true,
        metadata: { team: "ops" },
      },
      expect(object) {
        expect(object).toMatchObject({
          url: "https://example.com/stripe/events",
          enabled_events: ["invoice.paid", "invoice.payment_failed"],
          status: "disabled",
          metadata: { team: "ops" },
        });
      },
    },
    replace: { inputs: { ...create, apiVersion: "2026-10-28.endive" }, replaces: ["apiVersion"] },
    afterDelete(object) {
      expect(object).toBeUndefined();
    },
    drift: { patch: { enabled_events: ["charge.succeeded"] } },
    removeMapEntry: { from: create, to: { ...create, metadata: { team: "billing" } } },
  }),
  absent: { removeNested: "no nested object", editNested: "no nested object" },
};
