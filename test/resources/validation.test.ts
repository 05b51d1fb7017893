/**
 * Input rules of each resource, judged at check time: no Stripe call is made (the provider
 * has no reachable API), and each failure names the input path.
 */
import type { ResourceDeclaration } from "../../provider/engine/declaration";
import { DeclaredProvider } from "../../provider/engine/provider";
import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { taxRegistration } from "../../provider/resources/tax-registration";
import { taxSettings } from "../../provider/resources/tax-settings";

const provider = (decl: ResourceDeclaration) =>
  new DeclaredProvider(decl, {
    config: { "stripe-billing:apiKey": "sk_test_x", "stripe-billing:apiBase": "http://127.0.0.1:9" },
    env: {},
  });

async function reasons(decl: ResourceDeclaration, inputs: object): Promise<string[]> {
  const result = await provider(decl).check({}, inputs as never);
  return result.failures.map((f) => f.reason);
}

const product = (i: number) => ({ product: `prod_${i}`, prices: [`price_${i}`] });

describe("PortalConfiguration inputs", () => {
  it("accepts a minimal configuration and fills Stripe's defaults", async () => {
    const { inputs, failures } = await provider(portalConfiguration).check(
      {},
      { features: { invoiceHistory: { enabled: true } } },
    );
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      features: {
        invoiceHistory: { enabled: true },
        customerUpdate: { enabled: false, allowedUpdates: [] },
        subscriptionCancel: { mode: "at_period_end", prorationBehavior: "none" },
      },
      loginPage: { enabled: false },
      active: true,
    });
  });

  it("orders products and prices canonically", async () => {
    const { inputs } = await provider(portalConfiguration).check(
      {},
      {
        features: {
          subscriptionUpdate: {
            enabled: true,
            products: [{ product: "prod_b", prices: ["price_2", "price_1"] }, product(1)],
          },
        },
      },
    );
    const products = (inputs.features as any).subscriptionUpdate.products;
    expect(products.map((p: any) => p.product)).toEqual(["prod_1", "prod_b"]);
    expect(products[1].prices).toEqual(["price_1", "price_2"]);
  });

  it.each([
    [
      {
        features: {
          subscriptionUpdate: { enabled: true, products: Array.from({ length: 11 }, (_, i) => product(i)) },
        },
      },
      "features.subscriptionUpdate.products",
    ],
    [{ features: {}, defaultReturnUrl: "not a url" }, "defaultReturnUrl"],
    [
      { features: {}, businessProfile: { privacyPolicyUrl: "ftp://example.com" } },
      "businessProfile.privacyPolicyUrl",
    ],
    [
      { features: { subscriptionCancel: { enabled: true, mode: "sometimes" } } },
      "features.subscriptionCancel.mode",
    ],
    [
      { features: { customerUpdate: { enabled: true, allowedUpdates: ["shoe_size"] } } },
      "features.customerUpdate.allowedUpdates.0",
    ],
    [
      { features: { subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: [] }] } } },
      "features.subscriptionUpdate.products.0.prices",
    ],
  ])("rejects %j at %s", async (inputs, path) => {
    expect((await reasons(portalConfiguration, inputs)).join("\n")).toContain(`${path}:`);
  });
});

describe("TaxRegistration inputs", () => {
  it.each([
    [{ country: "ie", countryOptions: { ie: { type: "oss_union" } } }],
    [
      {
        country: "DE",
        countryOptions: { de: { type: "standard", standard: { placeOfSupplyScheme: "small_seller" } } },
      },
    ],
    [{ country: "GB", countryOptions: { gb: { type: "standard" } } }],
    [{ country: "MX", countryOptions: { mx: { type: "simplified" } } }],
    [{ country: "US", countryOptions: { us: { type: "state_sales_tax", state: "ca" } } }],
    [
      {
        country: "US",
        countryOptions: {
          us: { type: "local_amusement_tax", state: "IL", localAmusementTax: { jurisdiction: "14000" } },
        },
      },
    ],
    [
      {
        country: "CA",
        countryOptions: { ca: { type: "province_standard", provinceStandard: { province: "BC" } } },
      },
    ],
  ])("accepts %j", async (inputs) => {
    expect(await reasons(taxRegistration, inputs)).toEqual([]);
  });

  it.each([
    [
      { country: "IE", countryOptions: { fr: { type: "standard" } } },
      'countryOptions: must have exactly one key, "ie"',
    ],
    [{ country: "IE", countryOptions: {} }, "countryOptions: must have exactly one key"],
    [
      { country: "GB", countryOptions: { gb: { type: "oss_union" } } },
      "countryOptions.gb.type: must be one of standard",
    ],
    [
      { country: "MX", countryOptions: { mx: { type: "standard" } } },
      "countryOptions.mx.type: must be one of simplified",
    ],
    [
      { country: "DE", countryOptions: { de: { type: "standard", standard: {} } } },
      "countryOptions.de.standard.placeOfSupplyScheme: is required",
    ],
    [
      { country: "US", countryOptions: { us: { type: "state_sales_tax" } } },
      "countryOptions.us.state: is required",
    ],
    [
      { country: "US", countryOptions: { us: { type: "local_lease_tax", state: "IL" } } },
      "countryOptions.us.localLeaseTax: is required",
    ],
    [
      { country: "CA", countryOptions: { ca: { type: "province_standard" } } },
      "countryOptions.ca.provinceStandard: is required",
    ],
    [
      { country: "IE", countryOptions: { ie: { type: "standard", state: "CA" } } },
      "countryOptions.ie.state: is only for US",
    ],
    [{ country: "XX", countryOptions: { xx: { type: "standard" } } }, "no registrations for country"],
    [{ country: "IE", countryOptions: { ie: { type: "oss_union" } }, activeFrom: "tomorrow" }, "activeFrom"],
  ])("rejects %j", async (inputs, message) => {
    expect((await reasons(taxRegistration, inputs)).join("\n")).toContain(message);
  });
});

describe("TaxSettings plans", () => {
  it("refuses to remove a setting Stripe cannot empty, naming it", async () => {
    const p = provider(taxSettings);
    const olds = {
      defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
      managedInputs: ["defaults.taxBehavior", "defaults.taxCode"],
    };
    const news = (await p.check(olds, { defaults: { taxBehavior: "exclusive" } })).inputs;
    await expect(p.diff("tax_settings:platform", olds, news)).rejects.toMatchObject({
      code: "unsafe_plan",
      message: expect.stringContaining("defaults.taxCode cannot be removed"),
    });
  });

  it("ignores settings the program never declared", async () => {
    const p = provider(taxSettings);
    const olds = {
      defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
      headOffice: { address: { country: "US", state: "CA" } },
      deletePolicy: "restore",
      managedInputs: ["defaults.taxBehavior"],
    };
    const news = (await p.check(olds, { defaults: { taxBehavior: "exclusive" } })).inputs;
    expect(await p.diff("tax_settings:platform", olds, news)).toMatchObject({ changes: false });
  });
});

import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";

describe("SubscriptionSchedule inputs and plans", () => {
  const phases = [
    { items: [{ price: "price_starter" }], duration: { interval: "month", intervalCount: 3 } },
    { items: [{ price: "price_pro", quantity: 2 }] },
  ];

  it("accepts two phases and fills defaults", async () => {
    const { inputs, failures } = await provider(subscriptionSchedule).check(
      {},
      { customer: "cus_1", phases },
    );
    expect(failures).toEqual([]);
    expect(inputs).toMatchObject({
      startDate: "now",
      endBehavior: "release",
      deletePolicy: "release",
      allowReplaceActive: false,
    });
    expect((inputs.phases as any)[0].items[0]).toEqual({ price: "price_starter", quantity: 1 });
  });

  it.each([
    [{ customer: "cus_1", phases: [] }, "phases: a schedule needs at least one phase"],
    [
      { customer: "cus_1", phases: [{ items: [{ price: "price_a" }] }, phases[1]] },
      "phases.0: needs duration or endDate",
    ],
    [
      { customer: "cus_1", phases: [{ ...phases[0], endDate: 1900000000 }, phases[1]] },
      "give duration or endDate, not both",
    ],
    [
      { customer: "cus_1", phases: [{ items: [{}], endDate: 1900000000 }] },
      "give exactly one of price and priceData",
    ],
    [
      {
        customer: "cus_1",
        phases: [
          { items: [{ price: "price_a" }], endDate: 1900000000 },
          { items: [{ price: "price_b" }], endDate: 1800000000 },
        ],
      },
      "phases.1.endDate: must be after the previous phase's end",
    ],
    [{ customer: "bob", phases }, "customer: must be a customer id"],
  ])("rejects %j", async (inputs, message) => {
    expect((await reasons(subscriptionSchedule, inputs)).join("\n")).toContain(message);
  });

  const active = {
    customer: "cus_1",
    startDate: "now",
    endBehavior: "release",
    phases: [
      {
        items: [{ price: "price_starter", quantity: 1 }],
        duration: { interval: "month", intervalCount: 3 },
        prorationBehavior: "create_prorations",
      },
      { items: [{ price: "price_pro", quantity: 2 }], prorationBehavior: "create_prorations" },
    ],
    deletePolicy: "release",
    allowReplaceActive: false,
    status: "active",
    subscription: "sub_1",
    currentPhase: { startDate: 100, endDate: 200 },
    phaseDates: [
      { startDate: 100, endDate: 200 },
      { startDate: 200, endDate: 300 },
    ],
  };

  it("refuses at preview to replace an active schedule, saying what happens to the customer", async () => {
    const p = provider(subscriptionSchedule);
    const news = (await p.check(active, { customer: "cus_2", phases })).inputs;
    await expect(p.diff("sub_sched_1", active, news)).rejects.toMatchObject({
      message: expect.stringMatching(
        /replaces this active schedule for customer cus_1 \(subscription sub_1\).*release.*allowReplaceActive/,
      ),
    });
    const allowed = (await p.check(active, { customer: "cus_2", phases, allowReplaceActive: true })).inputs;
    expect((await p.diff("sub_sched_1", active, allowed)).replaces).toEqual(["customer"]);
  });

  it("refuses changes to a schedule that has ended", async () => {
    const p = provider(subscriptionSchedule);
    const olds = { ...active, status: "canceled" };
    const news = (await p.check(olds, { customer: "cus_1", phases, metadata: { a: "b" } })).inputs;
    await expect(p.diff("sub_sched_1", olds, news)).rejects.toMatchObject({
      message: expect.stringContaining("is canceled"),
    });
  });

  it("refuses changes to a phase that has ended", async () => {
    const p = provider(subscriptionSchedule);
    const olds = { ...active, currentPhase: { startDate: 200, endDate: 300 } };
    const edited = [{ ...phases[0], items: [{ price: "price_other" }] }, phases[1]];
    const news = (await p.check(olds, { customer: "cus_1", phases: edited })).inputs;
    await expect(p.diff("sub_sched_1", olds, news)).rejects.toMatchObject({
      message: expect.stringContaining("phase 0 has ended"),
    });
  });

  it("lets future phases change in place", async () => {
    const p = provider(subscriptionSchedule);
    const edited = [phases[0], { items: [{ price: "price_pro", quantity: 5 }] }];
    const news = (await p.check(active, { customer: "cus_1", phases: edited })).inputs;
    expect(await p.diff("sub_sched_1", active, news)).toMatchObject({ changes: true, replaces: [] });
  });
});

/**
 * What Stripe would refuse fails the preview: every rule of every resource, each naming the
 * input path and saying what is allowed, with no request reaching Stripe.
 */
import { declarations } from "../../provider/resources";
import { useEmulator } from "../support/emulator";

type InvalidCase = [description: string, inputs: Record<string, unknown>, path: string, message: RegExp];

const long = (n: number) => "k".repeat(n);
const manyKeys = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));

const shipping = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };
const portal = { features: {} };
const registration = { country: "IE", countryOptions: { ie: { type: "oss_union" } } };
const schedule = (phase: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  customer: "cus_1",
  phases: [{ items: [{ price: "price_1" }], ...phase }],
  ...extra,
});
const priced = (recurring: Record<string, unknown>, currency = "usd") =>
  schedule({ items: [{ priceData: { currency, product: "prod_1", recurring, unitAmount: 100 } }] });

const metadataCases = (base: Record<string, unknown>, at = "metadata"): InvalidCase[] => [
  [
    "a metadata key with brackets",
    { ...base, metadata: { "plan[tier]": "x" } },
    `${at}.plan[tier]`,
    /"plan\[tier\]" contains "\[" or "\]"/,
  ],
  [
    "a metadata key over 40 characters",
    { ...base, metadata: { [long(41)]: "x" } },
    `${at}.${long(41)}`,
    /at most 40/,
  ],
  ["an empty metadata key", { ...base, metadata: { "": "x" } }, `${at}.`, /cannot be empty/],
  ["a metadata value over 500 characters", { ...base, metadata: { k: long(501) } }, `${at}.k`, /at most 500/],
  ["more than 50 metadata keys", { ...base, metadata: manyKeys }, at, /at most 50/],
];

const productInputs = { productId: "pro", name: "Pro" };
const hookInputs = { url: "https://example.com/hooks", enabledEvents: ["invoice.paid"] };
const taxRateInputs = { displayName: "VAT", percentage: 19, inclusive: false };
const priceInputs = { product: "pro", currency: "usd", unitAmount: 2000, recurring: { interval: "month" } };
const couponInputs = { couponId: "summer", percentOff: 20 };
const promotionInputs = { code: "SUMMER20", promotion: { coupon: "summer" } };

const meterInputs = {
  eventName: "api_call",
  displayName: "API calls",
  defaultAggregation: { formula: "sum" },
};

const featureInputs = { lookupKey: "sso", name: "Single sign-on" };

const attachment = { product: "pro", entitlementFeature: "feat_1" };

const invalid: Record<string, InvalidCase[]> = {
  // https://docs.stripe.com/api/coupons/create
  Coupon: [
    ["a percentage above 100", { ...couponInputs, percentOff: 101 }, "percentOff", /<=100/],
    ["a percentage of 0", { ...couponInputs, percentOff: 0 }, "percentOff", />0/],
    ["an amount without currency", { couponId: "five", amountOff: 500 }, "currency", /needs its currency/],
    [
      "both a percentage and an amount",
      { ...couponInputs, amountOff: 500, currency: "usd" },
      "amountOff",
      /not both/,
    ],
    [
      "repeating without months",
      { ...couponInputs, duration: "repeating" },
      "durationInMonths",
      /needs durationInMonths/,
    ],
    ["months without repeating", { ...couponInputs, durationInMonths: 3 }, "durationInMonths", /repeating/],
    [
      "currency options on a percentage",
      { ...couponInputs, currencyOptions: { eur: { amountOff: 5 } } },
      "currencyOptions",
      /need amountOff/,
    ],
    ["a name over 40 characters", { ...couponInputs, name: long(41) }, "name", /<=40/],
    ...metadataCases(couponInputs),
  ],
  WebhookEndpoint: [
    [
      "an event of no Stripe version",
      { ...hookInputs, enabledEvents: ["invoice.paied"] },
      "enabledEvents.0",
      /not an event type/,
    ],
    ["a mailto URL", { ...hookInputs, url: "mailto:billing@example.com" }, "url", /http\(s\) URL/],
    ...metadataCases(hookInputs),
  ],
  TaxRate: [
    ["a percentage over 100", { ...taxRateInputs, percentage: 100.5 }, "percentage", /<=100/],
    ["a state with its country prefix", { ...taxRateInputs, state: "US-NY" }, "state", /ISO 3166-2/],
    ...metadataCases(taxRateInputs),
  ],
  ProductFeature: [
    [
      "a feature named by lookup key",
      { ...attachment, entitlementFeature: "sso" },
      "entitlementFeature",
      /feat_/,
    ],
    ["a product id with a space", { ...attachment, product: "pro plan" }, "product", /product id/],
  ],
  Feature: [
    ["a lookup key over 80 characters", { ...featureInputs, lookupKey: long(81) }, "lookupKey", /<=80/],
    ["a name over 80 characters", { ...featureInputs, name: long(81) }, "name", /<=80/],
    ...metadataCases(featureInputs),
  ],
  Meter: [
    ["an empty event name", { ...meterInputs, eventName: "" }, "eventName", />=1/],
    ["an event name over 100 characters", { ...meterInputs, eventName: long(101) }, "eventName", /<=100/],
    ["an empty display name", { ...meterInputs, displayName: "" }, "displayName", />=1 characters/],
    [
      "a customer mapping without its payload key",
      { ...meterInputs, customerMapping: { type: "by_id" } },
      "customerMapping.eventPayloadKey",
      /expected string/,
    ],
  ],
  Product: [
    ["a custom id with a space", { ...productInputs, productId: "pro plan" }, "productId", /letters, digits/],
    ["an empty name", { ...productInputs, name: "" }, "name", />=1 characters/],
    ["nine images", { ...productInputs, images: Array(9).fill("https://x.test/a.png") }, "images", /<=8/],
    [
      "a statement descriptor without letters",
      { ...productInputs, statementDescriptor: "1234" },
      "statementDescriptor",
      /letter/,
    ],
    ["a unit label over 12 characters", { ...productInputs, unitLabel: "x".repeat(13) }, "unitLabel", /<=12/],
    ...metadataCases(productInputs),
  ],
  // https://docs.stripe.com/api/promotion_codes/create
  PromotionCode: [
    ["a code with a space", { ...promotionInputs, code: "SUMMER 20" }, "code", /letters/],
    ["a code with an underscore", { ...promotionInputs, code: "SUMMER_20" }, "code", /letters/],
    ["an empty code", { ...promotionInputs, code: "" }, "code", />=1 characters/],
    [
      "a minimum amount without currency",
      { ...promotionInputs, restrictions: { minimumAmount: 100 } },
      "restrictions.minimumAmountCurrency",
      /needs its currency/,
    ],
    [
      "the minimum's currency as an option",
      {
        ...promotionInputs,
        restrictions: {
          minimumAmount: 1,
          minimumAmountCurrency: "usd",
          currencyOptions: { usd: { minimumAmount: 1 } },
        },
      },
      "restrictions.currencyOptions",
      /not another currency/,
    ],
    ["a malformed customer", { ...promotionInputs, customer: "bob" }, "customer", /cus_/],
    ...metadataCases(promotionInputs),
  ],
  Price: [
    ["no amount", { ...priceInputs, unitAmount: undefined }, "unitAmount", /exactly one of/],
    ["two amounts", { ...priceInputs, unitAmountDecimal: "1.5" }, "unitAmount", /exactly one of/],
    [
      "a tiered price without tiers",
      { ...priceInputs, unitAmount: undefined, billingScheme: "tiered", tiersMode: "volume" },
      "tiers",
      /needs tiers/,
    ],
    [
      "tiers on a per-unit price",
      { ...priceInputs, tiers: [{ upTo: "inf", unitAmount: 1 }] },
      "tiers",
      /billingScheme: tiered/,
    ],
    [
      "its own currency as an option",
      { ...priceInputs, currencyOptions: { usd: { unitAmount: 1 } } },
      "currencyOptions",
      /own currency/,
    ],
    [
      "a metered price without a meter",
      { ...priceInputs, recurring: { interval: "month", usageType: "metered" } },
      "recurring.meter",
      /needs a billing meter/,
    ],
    [
      "a lookup key over 200 characters",
      { ...priceInputs, lookupKey: "k".repeat(201) },
      "lookupKey",
      /<=200/,
    ],
    [
      "a decimal amount with 13 places",
      { ...priceInputs, unitAmount: undefined, unitAmountDecimal: "1.0000000000001" },
      "unitAmountDecimal",
      /12 decimal places/,
    ],
    [
      "a product that is neither an id nor a custom id",
      { ...priceInputs, product: "pro plan" },
      "product",
      /custom id/,
    ],
    [
      "Stripe's enabled: false on a custom unit amount",
      { ...priceInputs, unitAmount: undefined, customUnitAmount: { enabled: false, minimum: 500 } },
      "customUnitAmount.enabled",
      /can only be true \(Stripe: a custom unit amount is enabled by being given/,
    ],
    [
      "Stripe's enabled: false on a currency option's custom unit amount",
      { ...priceInputs, currencyOptions: { eur: { customUnitAmount: { enabled: false } } } },
      "currencyOptions.eur.customUnitAmount.enabled",
      /can only be true \(Stripe: a custom unit amount is enabled by being given/,
    ],
    ...metadataCases(priceInputs),
  ],
  ShippingRate: [
    [
      "an unknown currency",
      { ...shipping, fixedAmount: { amount: 5, currency: "zzz" } },
      "fixedAmount.currency",
      /currency Stripe supports/,
    ],
    [
      "a malformed currency",
      { ...shipping, fixedAmount: { amount: 5, currency: "dollars" } },
      "fixedAmount.currency",
      /three-letter ISO code/,
    ],
    [
      "an unknown currency option",
      { ...shipping, fixedAmount: { ...shipping.fixedAmount, currencyOptions: { zzz: { amount: 1 } } } },
      "fixedAmount.currencyOptions.zzz",
      /currency Stripe supports/,
    ],
    [
      "an upper-case currency option key",
      { ...shipping, fixedAmount: { ...shipping.fixedAmount, currencyOptions: { EUR: { amount: 1 } } } },
      "fixedAmount.currencyOptions.EUR",
      /lower case/,
    ],
    [
      "a negative currency option amount",
      { ...shipping, fixedAmount: { ...shipping.fixedAmount, currencyOptions: { eur: { amount: -1 } } } },
      "fixedAmount.currencyOptions.eur.amount",
      />=0/,
    ],
    [
      "a fractional amount",
      { ...shipping, fixedAmount: { amount: 4.5, currency: "usd" } },
      "fixedAmount.amount",
      /int/,
    ],
    [
      "a negative amount",
      { ...shipping, fixedAmount: { amount: -1, currency: "usd" } },
      "fixedAmount.amount",
      />=0/,
    ],
    ["an empty display name", { ...shipping, displayName: "" }, "displayName", />=1 characters/],
    [
      "a display name over 100 characters",
      { ...shipping, displayName: long(101) },
      "displayName",
      /<=100 characters/,
    ],
    [
      "a delivery minimum above its maximum",
      {
        ...shipping,
        deliveryEstimate: { minimum: { unit: "day", value: 5 }, maximum: { unit: "day", value: 2 } },
      },
      "deliveryEstimate.maximum.value",
      /not be less than minimum/,
    ],
    [
      "an unknown delivery unit",
      { ...shipping, deliveryEstimate: { minimum: { unit: "year", value: 1 } } },
      "deliveryEstimate.minimum.unit",
      /business_day.*week/,
    ],
    [
      "a zero delivery value",
      { ...shipping, deliveryEstimate: { maximum: { unit: "day", value: 0 } } },
      "deliveryEstimate.maximum.value",
      />0/,
    ],
    [
      "an unknown tax behavior",
      { ...shipping, taxBehavior: "sometimes" },
      "taxBehavior",
      /inclusive.*exclusive.*unspecified/,
    ],
    ["a malformed tax code", { ...shipping, taxCode: "txcd_1" }, "taxCode", /txcd_ followed by 8 digits/],
    ["a type other than fixed_amount", { ...shipping, type: "per_item" }, "type", /fixed_amount/],
    ["a malformed connected account", { ...shipping, stripeAccount: "bob" }, "stripeAccount", /acct_/],
    ["an input Stripe does not have", { ...shipping, colour: "red" }, "(inputs)", /colour/],
    ...metadataCases(shipping),
  ],
  PortalConfiguration: [
    [
      "cancellation proration always_invoice",
      {
        features: {
          subscriptionCancel: { enabled: true, mode: "immediately", prorationBehavior: "always_invoice" },
        },
      },
      "features.subscriptionCancel.prorationBehavior",
      /"create_prorations"\|"none"/,
    ],
    [
      "cancellation prorations at period end",
      { features: { subscriptionCancel: { enabled: true, prorationBehavior: "create_prorations" } } },
      "features.subscriptionCancel.prorationBehavior",
      /needs mode: "immediately"/,
    ],
    [
      "an unknown cancel mode",
      { features: { subscriptionCancel: { enabled: true, mode: "sometimes" } } },
      "features.subscriptionCancel.mode",
      /at_period_end.*immediately/,
    ],
    [
      "an unknown cancellation reason",
      {
        features: {
          subscriptionCancel: { enabled: true, cancellationReason: { enabled: true, options: ["bored"] } },
        },
      },
      "features.subscriptionCancel.cancellationReason.options.0",
      /too_expensive/,
    ],
    [
      "an unknown customer update",
      { features: { customerUpdate: { enabled: true, allowedUpdates: ["shoe_size"] } } },
      "features.customerUpdate.allowedUpdates.0",
      /address.*tax_id/,
    ],
    [
      "more than 10 products",
      {
        features: {
          subscriptionUpdate: {
            enabled: true,
            products: Array.from({ length: 11 }, (_, i) => ({
              product: `prod_${i}`,
              prices: [`price_${i}`],
            })),
          },
        },
      },
      "features.subscriptionUpdate.products",
      /at most 10 products/,
    ],
    [
      "a product without prices",
      { features: { subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: [] }] } } },
      "features.subscriptionUpdate.products.0.prices",
      />=1 items/,
    ],
    [
      "a malformed product id",
      {
        features: {
          subscriptionUpdate: { enabled: true, products: [{ product: "pro plan", prices: ["price_1"] }] },
        },
      },
      "features.subscriptionUpdate.products.0.product",
      /custom id/,
    ],
    [
      "a malformed price id",
      {
        features: {
          subscriptionUpdate: { enabled: true, products: [{ product: "prod_1", prices: ["p1"] }] },
        },
      },
      "features.subscriptionUpdate.products.0.prices.0",
      /price_/,
    ],
    [
      "an adjustable maximum below its minimum",
      {
        features: {
          subscriptionUpdate: {
            enabled: true,
            products: [
              {
                product: "prod_1",
                prices: ["price_1"],
                adjustableQuantity: { enabled: true, minimum: 5, maximum: 2 },
              },
            ],
          },
        },
      },
      "features.subscriptionUpdate.products.0.adjustableQuantity.maximum",
      /at least minimum/,
    ],
    [
      "an unknown default allowed update",
      { features: { subscriptionUpdate: { enabled: true, defaultAllowedUpdates: ["colour"] } } },
      "features.subscriptionUpdate.defaultAllowedUpdates.0",
      /price.*quantity/,
    ],
    [
      "an unknown billing cycle anchor",
      { features: { subscriptionUpdate: { enabled: true, billingCycleAnchor: "later" } } },
      "features.subscriptionUpdate.billingCycleAnchor",
      /now.*unchanged/,
    ],
    [
      "an unknown trial update behavior",
      { features: { subscriptionUpdate: { enabled: true, trialUpdateBehavior: "restart" } } },
      "features.subscriptionUpdate.trialUpdateBehavior",
      /continue_trial.*end_trial/,
    ],
    [
      "a malformed payment method configuration",
      { features: { paymentMethodUpdate: { enabled: true, paymentMethodConfiguration: "card" } } },
      "features.paymentMethodUpdate.paymentMethodConfiguration",
      /pmc_/,
    ],
    [
      "a return URL that is not a URL",
      { ...portal, defaultReturnUrl: "not a url" },
      "defaultReturnUrl",
      /http\(s\) URL/,
    ],
    [
      "a privacy policy on ftp",
      { ...portal, businessProfile: { privacyPolicyUrl: "ftp://example.com" } },
      "businessProfile.privacyPolicyUrl",
      /http\(s\) URL/,
    ],
    [
      "a headline over 60 characters",
      { ...portal, businessProfile: { headline: long(61) } },
      "businessProfile.headline",
      /<=60 characters/,
    ],
    ["an empty name", { ...portal, name: "" }, "name", />=1 characters/],
    ["no features", {}, "features", /expected object/],
    ...metadataCases(portal),
  ],
  TaxSettings: [
    [
      "an unknown head office country",
      { headOffice: { address: { country: "XX" } } },
      "headOffice.address.country",
      /country code Stripe knows/,
    ],
    [
      "a head office without country",
      { headOffice: { address: { line1: "1 Main St" } } },
      "headOffice.address.country",
      /expected string/,
    ],
    [
      "an unknown default tax behavior",
      { defaults: { taxBehavior: "unspecified" } },
      "defaults.taxBehavior",
      /exclusive.*inclusive.*inferred_by_currency/,
    ],
    ["a malformed default tax code", { defaults: { taxCode: "general" } }, "defaults.taxCode", /txcd_/],
    ["an unknown delete policy", { deletePolicy: "delete" }, "deletePolicy", /restore.*keep/],
  ],
  TaxRegistration: [
    [
      "an unknown country",
      { country: "XX", countryOptions: { xx: { type: "standard" } } },
      "country",
      /country code Stripe knows/,
    ],
    [
      "a country Stripe Tax does not cover",
      { country: "AQ", countryOptions: { aq: { type: "standard" } } },
      "countryOptions.aq",
      /no registrations for country "aq"/,
    ],
    [
      "options for another country",
      { country: "IE", countryOptions: { fr: { type: "standard" } } },
      "countryOptions",
      /exactly one key, "ie"/,
    ],
    [
      "a type the country does not have",
      { country: "GB", countryOptions: { gb: { type: "oss_union" } } },
      "countryOptions.gb.type",
      /must be one of standard/,
    ],
    [
      "an activeFrom that is not a moment",
      { ...registration, activeFrom: "tomorrow" },
      "activeFrom",
      /"now" or a unix timestamp in seconds/,
    ],
    [
      "a fractional activeFrom",
      { ...registration, activeFrom: 1.5 },
      "activeFrom",
      /"now" or a unix timestamp in seconds/,
    ],
    [
      "an expiresAt that is not a moment",
      { ...registration, expiresAt: "2030-01-01" },
      "expiresAt",
      /"now" or a unix timestamp in seconds/,
    ],
    [
      "an expiresAt before activeFrom",
      { ...registration, activeFrom: 2000000000, expiresAt: 1900000000 },
      "expiresAt",
      /must be after activeFrom \(2000000000\)/,
    ],
    [
      "expiring now before a future start",
      { ...registration, activeFrom: 4000000000, expiresAt: "now" },
      "expiresAt",
      /activeFrom \(4000000000\) is in the future/,
    ],
    [
      "a US registration without state",
      { country: "US", countryOptions: { us: { type: "state_sales_tax" } } },
      "countryOptions.us.state",
      /is required/,
    ],
    [
      "an unknown US election",
      {
        country: "US",
        countryOptions: {
          us: { type: "state_sales_tax", state: "CA", stateSalesTax: { elections: [{ type: "some" }] } },
        },
      },
      "countryOptions.us.stateSalesTax.elections.0.type",
      /local_use_tax/,
    ],
    ["an unknown delete policy", { ...registration, deletePolicy: "delete" }, "deletePolicy", /expire.*keep/],
  ],
  SubscriptionSchedule: [
    [
      "a startDate that is not a moment",
      schedule({}, { startDate: "soon" }),
      "startDate",
      /"now" or a unix timestamp in seconds/,
    ],
    [
      "a phase with trial and trialEnd",
      schedule({ trial: true, trialEnd: 1900000000, endDate: 1950000000 }),
      "phases.0.trialEnd",
      /cannot be combined with trial/,
    ],
    [
      "a trial ending after its phase's endDate",
      schedule({ trialEnd: 1960000000, endDate: 1950000000 }),
      "phases.0.trialEnd",
      /after the phase ends \(1950000000\)/,
    ],
    [
      "a trial ending after its phase's duration",
      schedule(
        { trialEnd: 1900000000 + 40 * 86400, duration: { interval: "month" } },
        { startDate: 1900000000 },
      ),
      "phases.0.trialEnd",
      /after the phase ends/,
    ],
    [
      "a recurring interval of 37 months",
      priced({ interval: "month", intervalCount: 37 }),
      "phases.0.items.0.priceData.recurring.intervalCount",
      /longer than 3 years/,
    ],
    [
      "a recurring interval of 4 years",
      priced({ interval: "year", intervalCount: 4 }),
      "phases.0.items.0.priceData.recurring.intervalCount",
      /at most 3 years, 36 months, 156 weeks/,
    ],
    [
      "a recurring interval of 157 weeks",
      priced({ interval: "week", intervalCount: 157 }),
      "phases.0.items.0.priceData.recurring.intervalCount",
      /longer than 3 years/,
    ],
    [
      "an unknown recurring interval",
      priced({ interval: "decade" }),
      "phases.0.items.0.priceData.recurring.interval",
      /day.*year/,
    ],
    [
      "an unknown price currency",
      priced({ interval: "month" }, "zzz"),
      "phases.0.items.0.priceData.currency",
      /currency Stripe supports/,
    ],
    [
      "an unknown phase currency",
      schedule({ currency: "abc" }),
      "phases.0.currency",
      /currency Stripe supports/,
    ],
    [
      "an item with price and priceData",
      schedule({
        items: [
          {
            price: "price_1",
            priceData: {
              currency: "usd",
              product: "prod_1",
              recurring: { interval: "month" },
              unitAmount: 1,
            },
          },
        ],
      }),
      "phases.0.items.0",
      /exactly one of price and priceData/,
    ],
    [
      "a discount with coupon and promotion code",
      schedule({ items: [{ price: "price_1", discounts: [{ coupon: "c", promotionCode: "promo_1" }] }] }),
      "phases.0.items.0.discounts.0",
      /exactly one of coupon, promotionCode and discount/,
    ],
    ["a phase without items", schedule({ items: [] }), "phases.0.items", /at least one item/],
    [
      "a phase with 21 items",
      schedule({ items: Array.from({ length: 21 }, (_, i) => ({ price: `price_${i}` })) }),
      "phases.0.items",
      /<=20 items/,
    ],
    [
      "a negative quantity",
      schedule({ items: [{ price: "price_1", quantity: -1 }] }),
      "phases.0.items.0.quantity",
      />=0/,
    ],
    ["a malformed tax rate", schedule({ defaultTaxRates: ["vat"] }), "phases.0.defaultTaxRates.0", /txr_/],
    [
      "days until due with automatic charging",
      schedule({}, { defaultSettings: { invoiceSettings: { daysUntilDue: 30 } } }),
      "defaultSettings.invoiceSettings.daysUntilDue",
      /collectionMethod: "send_invoice"/,
    ],
    [
      "a phase's days until due while it charges automatically",
      schedule({ invoiceSettings: { daysUntilDue: 30 } }),
      "phases.0.invoiceSettings.daysUntilDue",
      /collectionMethod: "send_invoice"/,
    ],
    [
      "a phase's days until due with its own automatic charging under sent invoices",
      schedule(
        { collectionMethod: "charge_automatically", invoiceSettings: { daysUntilDue: 30 } },
        { defaultSettings: { collectionMethod: "send_invoice" } },
      ),
      "phases.0.invoiceSettings.daysUntilDue",
      /collectionMethod: "send_invoice"/,
    ],
    ["an unknown end behavior", schedule({}, { endBehavior: "stop" }), "endBehavior", /release.*renew/],
    [
      "an unknown billing mode",
      schedule({}, { billingMode: { type: "modern" } }),
      "billingMode.type",
      /classic.*flexible/,
    ],
    ["a malformed customer", schedule({}, { customer: "bob" }), "customer", /cus_/],
    [
      "a phase metadata key with brackets",
      schedule({ metadata: { "a[b]": "x" } }),
      "phases.0.metadata.a[b]",
      /"a\[b\]" contains/,
    ],
    [
      "an item metadata key over 40 characters",
      schedule({ items: [{ price: "price_1", metadata: { [long(41)]: "x" } }] }),
      `phases.0.items.0.metadata.${long(41)}`,
      /at most 40/,
    ],
    ...metadataCases(schedule()),
  ],
};

describe("Inputs Stripe would refuse fail the preview", () => {
  const h = useEmulator();
  const rows = Object.entries(invalid).flatMap(([type, cases]) =>
    cases.map(([description, inputs, path, message]) => ({ type, description, inputs, path, message })),
  );

  it.each(rows)("$type: $description → $path", async ({ type, inputs, path, message }) => {
    const decl = Object.values(declarations).find((d) => d.type === type)!;
    const { failures } = await h.provider(decl).check({}, inputs as never);
    const failure = failures.find((f) => f.reason.includes(`] ${path}: `));
    expect(failure).toBeDefined();
    expect(failure!.reason).toMatch(message);
    expect(failure!.property).toBe(path === "(inputs)" ? "" : path.split(".")[0]);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("covers every resource", () => {
    expect(Object.keys(invalid).sort()).toEqual(
      Object.values(declarations)
        .map((d) => d.type)
        .sort(),
    );
  });
});
