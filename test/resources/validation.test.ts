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
