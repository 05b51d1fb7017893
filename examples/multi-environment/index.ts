import * as pulumi from "@pulumi/pulumi";
import { PortalConfiguration, Price, Product, ShippingRate, TaxSettings } from "pulumi-stripe-billing";

// One billing setup for every environment. Select the account with the stack (test, staging,
// connect): products carry custom ids and prices lookup keys, so both are the same everywhere,
// and whatever refers to them (another program, a subscription schedule, your application
// code) names them the same way in every account.
const config = new pulumi.Config();

const pro = new Product("pro", {
  productId: "pro",
  name: "Pro",
  description: "For growing teams",
  marketingFeatures: [{ name: "Unlimited projects" }, { name: "Priority support" }],
  unitLabel: "seat",
});
const starter = new Product("starter", { productId: "starter", name: "Starter" });

// Changing an amount replaces the price with no gap: the new price is created, takes over the
// lookup key and the product's default, the portal switches to it, and only then is the old
// price archived (with a warning saying how many subscriptions are still on it).
const proMonthly = new Price("pro-monthly", {
  product: pro.id,
  currency: "usd",
  unitAmount: config.getNumber("proMonthlyAmount") ?? 2000,
  recurring: { interval: "month" },
  lookupKey: "pro-monthly",
  currencyOptions: { eur: { unitAmount: 1800 } },
  productDefault: true,
});
const proYearly = new Price("pro-yearly", {
  product: pro.id,
  currency: "usd",
  unitAmount: 20000,
  recurring: { interval: "year" },
  lookupKey: "pro-yearly",
});
const starterMonthly = new Price("starter-monthly", {
  product: starter.id,
  currency: "usd",
  unitAmount: 900,
  recurring: { interval: "month" },
  lookupKey: "starter-monthly",
  productDefault: true,
});

const portal = new PortalConfiguration("portal", {
  features: {
    invoiceHistory: { enabled: true },
    subscriptionCancel: { enabled: true, mode: "at_period_end" },
    subscriptionUpdate: {
      enabled: true,
      defaultAllowedUpdates: ["price"],
      products: [
        { product: pro.id, prices: [proMonthly.id, proYearly.id] },
        { product: starter.id, prices: [starterMonthly.id] },
      ],
    },
  },
  businessProfile: { privacyPolicyUrl: "https://example.com/privacy" },
});

const ground = new ShippingRate("ground", {
  displayName: "Ground shipping",
  fixedAmount: { amount: 500, currency: "usd" },
  taxBehavior: "exclusive",
});

const tax = new TaxSettings("tax", {
  defaults: { taxBehavior: "exclusive", taxCode: "txcd_10103001" },
  headOffice: { address: { line1: "1 Main Street", city: "Dublin", postalCode: "D01 F5P2", country: "IE" } },
});

export const productIds = [pro.id, starter.id];
export const priceIds = {
  proMonthly: proMonthly.id,
  proYearly: proYearly.id,
  starterMonthly: starterMonthly.id,
};
export const lookupKeys = [proMonthly.lookupKey, proYearly.lookupKey, starterMonthly.lookupKey];
export const proDefaultPrice = proMonthly.id;
export const portalConfigurationId = portal.id;
export const groundShippingRateId = ground.id;
export const taxStatus = tax.status;
