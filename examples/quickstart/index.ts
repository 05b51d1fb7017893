import * as pulumi from "@pulumi/pulumi";
import { ShippingRate } from "pulumi-stripe-billing";

// Two shipping options offered at Checkout. Editing `metadata`, `active`, `taxBehavior` or
// `fixedAmount.currencyOptions` updates a rate in place; editing anything else replaces it
// (Stripe's shipping rates are immutable there), and destroy archives it.
const config = new pulumi.Config();
const currency = config.get("currency") ?? "usd";

const ground = new ShippingRate("ground", {
  displayName: "Ground shipping",
  fixedAmount: { amount: 500, currency, currencyOptions: { eur: { amount: 450 } } },
  deliveryEstimate: {
    minimum: { unit: "business_day", value: 3 },
    maximum: { unit: "business_day", value: 5 },
  },
  taxBehavior: "exclusive",
  metadata: { tier: config.get("groundTier") ?? "standard" },
});

const express = new ShippingRate("express", {
  displayName: config.get("expressName") ?? "Express shipping",
  fixedAmount: { amount: 1500, currency },
  deliveryEstimate: { maximum: { unit: "business_day", value: 1 } },
  taxBehavior: "exclusive",
});

export const groundShippingRateId = ground.id;
export const expressShippingRateId = express.id;
export const expressActive = express.active;
