import * as pulumi from "@pulumi/pulumi";
import { PortalConfiguration, ShippingRate, TaxRegistration, TaxSettings } from "pulumi-stripe-billing";

// A small billing setup: two shipping options, the customer portal, and Stripe Tax for
// Ireland. Run it against the local emulator with `npm run demo`, or against your Stripe
// test account after `pulumi config set --secret stripe-billing:apiKey sk_test_...`.
const config = new pulumi.Config();
const currency = config.get("currency") ?? "usd";

// Editing `metadata`, `active`, `taxBehavior` or `fixedAmount.currencyOptions` updates a rate
// in place; editing anything else replaces it, and destroy archives it.
const ground = new ShippingRate("ground", {
  displayName: "Ground shipping",
  fixedAmount: {
    amount: config.getNumber("groundAmount") ?? 500,
    currency,
    currencyOptions: { eur: { amount: 450 } },
  },
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

// Everything here updates in place; destroy deactivates the configuration.
const portal = new PortalConfiguration("portal", {
  features: {
    invoiceHistory: { enabled: true },
    paymentMethodUpdate: { enabled: true },
    customerUpdate: { enabled: true, allowedUpdates: ["email", "address", "tax_id"] },
    subscriptionCancel: {
      enabled: true,
      mode: "at_period_end",
      cancellationReason: { enabled: true, options: ["too_expensive", "missing_features", "other"] },
    },
  },
  businessProfile: {
    headline: config.get("portalHeadline") ?? "Manage your subscription",
    privacyPolicyUrl: "https://example.com/privacy",
    termsOfServiceUrl: "https://example.com/terms",
  },
  defaultReturnUrl: "https://example.com/account",
});

// The account's tax settings are adopted on create and restored on destroy.
const tax = new TaxSettings("tax", {
  defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
  headOffice: { address: { line1: "1 Main Street", city: "Dublin", postalCode: "D01 F5P2", country: "IE" } },
});

// Destroy expires the registration; changing country or countryOptions replaces it.
const ireland = new TaxRegistration(
  "ireland",
  { country: "IE", countryOptions: { ie: { type: "oss_union" } } },
  { dependsOn: [tax] },
);

export const groundShippingRateId = ground.id;
export const expressShippingRateId = express.id;
export const expressActive = express.active;
export const portalConfigurationId = portal.id;
export const taxStatus = tax.status;
export const irelandRegistrationId = ireland.id;
export const irelandStatus = ireland.status;
