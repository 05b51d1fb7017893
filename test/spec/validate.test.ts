import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkBillingSpec, formatIssue, loadBillingSpec, overlayFile, SpecError } from "../../provider/spec";
import { SECTION_NAMES } from "../../provider/spec/sections";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "billing-spec-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes the files (name → text) into a fresh folder; returns the path of the first. */
function write(files: Record<string, string>): string {
  const at = fs.mkdtempSync(path.join(dir, "case-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(at, name), text);
  return path.join(at, Object.keys(files)[0]);
}

const BASE = `products:
  pro:
    productId: pro
    name: Pro
prices:
  pro-monthly:
    product: pro
    currency: usd
    unitAmount: 1000
    recurring: { interval: month }
  pro-yearly:
    product: pro
    currency: usd
    unitAmount: 10000
    recurring:
      interval: year
portalConfigurations:
  default:
    businessProfile:
      headline: Manage your plan
    features:
      subscriptionUpdate:
        enabled: true
        defaultAllowedUpdates: [price]
        products:
          - product: pro
            prices: [pro-monthly, pro-yearly, { lookupKey: legacy }]
`;

describe("a valid spec", () => {
  it("lists every entry with its type and the references between entries", () => {
    const spec = loadBillingSpec(write({ "billing.yaml": BASE }));
    expect(spec.entries.map((e) => `${e.type}:${e.key}`)).toEqual([
      "Product:pro",
      "Price:pro-monthly",
      "Price:pro-yearly",
      "PortalConfiguration:default",
    ]);
    expect(spec.entries[1].refs).toEqual([{ path: ["product"], section: "products", key: "pro" }]);
    const portal = spec.entries[3];
    expect(portal.refs).toEqual([
      {
        path: ["features", "subscriptionUpdate", "products", "0", "product"],
        section: "products",
        key: "pro",
      },
      {
        path: ["features", "subscriptionUpdate", "products", "0", "prices", "0"],
        section: "prices",
        key: "pro-monthly",
      },
      {
        path: ["features", "subscriptionUpdate", "products", "0", "prices", "1"],
        section: "prices",
        key: "pro-yearly",
      },
    ]);
    // The inputs stay as written: the lookup key and the keys are resolved later, not here.
    expect((portal.inputs as any).features.subscriptionUpdate.products[0].prices).toEqual([
      "pro-monthly",
      "pro-yearly",
      { lookupKey: "legacy" },
    ]);
  });

  it("names products from a coupon and a coupon from a promotion code by their keys", () => {
    const file = write({
      "billing.yaml": `products:
  pro:
    productId: pro
    name: Pro
  team:
    name: Team
coupons:
  summer:
    couponId: summer
    percentOff: 20
    appliesTo: { products: [pro, team, prod_123] }
promotionCodes:
  summer20:
    code: SUMMER20
    promotion: { coupon: summer }
    restrictions: { firstTimeTransaction: true }
`,
    });
    const { spec, issues } = checkBillingSpec(file);
    expect(issues).toEqual([]);
    expect(spec!.entries.map((e) => `${e.type}:${e.key}`)).toEqual([
      "Product:pro",
      "Product:team",
      "Coupon:summer",
      "PromotionCode:summer20",
    ]);
    expect(spec!.entries[2].refs).toEqual([
      { path: ["appliesTo", "products", "0"], section: "products", key: "pro" },
      { path: ["appliesTo", "products", "1"], section: "products", key: "team" },
    ]);
    expect(spec!.entries[3].refs).toEqual([
      { path: ["promotion", "coupon"], section: "coupons", key: "summer" },
    ]);
  });

  it("refuses a promotion code whose code Stripe would refuse, naming the input", () => {
    const file = write({
      "billing.yaml": `coupons:
  summer: { couponId: summer, percentOff: 20 }
promotionCodes:
  summer20: { code: "SUMMER 20", promotion: { coupon: summer } }
`,
    });
    const { issues } = checkBillingSpec(file);
    expect(issues.map(formatIssue).join("\n")).toMatch(/promotionCodes\.summer20\.code.*letters/);
  });

  it("names a meter, a product and a feature by key: a metered price and a product feature", () => {
    const file = write({
      "billing.yaml": `meters:
  api-calls:
    eventName: api_call
    displayName: API calls
    defaultAggregation: { formula: sum }
features:
  sso:
    lookupKey: sso
    name: Single sign-on
products:
  pro: { productId: pro, name: Pro }
prices:
  api-usage:
    product: pro
    currency: usd
    unitAmountDecimal: "0.5"
    recurring: { interval: month, usageType: metered, meter: api-calls }
productFeatures:
  pro-sso: { product: pro, entitlementFeature: sso }
`,
    });
    const spec = loadBillingSpec(file);
    const entry = (key: string) => spec.entries.find((e) => e.key === key)!;
    expect(entry("api-usage").refs).toEqual([
      { path: ["product"], section: "products", key: "pro" },
      { path: ["recurring", "meter"], section: "meters", key: "api-calls" },
    ]);
    expect(entry("pro-sso").refs).toEqual([
      { path: ["product"], section: "products", key: "pro" },
      { path: ["entitlementFeature"], section: "features", key: "sso" },
    ]);
    // Entries come after those they name.
    const order = spec.entries.map((e) => e.key);
    expect(order.indexOf("api-calls")).toBeLessThan(order.indexOf("api-usage"));
    expect(order.indexOf("sso")).toBeLessThan(order.indexOf("pro-sso"));
    expect(order.indexOf("pro")).toBeLessThan(order.indexOf("pro-sso"));
  });

  it("reads a product's features list as a product feature entry per item", () => {
    const file = write({
      "billing.yaml": `features:
  sso: { lookupKey: sso, name: Single sign-on }
products:
  pro: { productId: pro, name: Pro, features: [sso, feat_outside] }
`,
    });
    const spec = loadBillingSpec(file);
    expect(spec.entries.map((e) => `${e.type}:${e.key}`)).toEqual([
      "Feature:sso",
      "Product:pro",
      "ProductFeature:pro-sso",
      "ProductFeature:pro-feat_outside",
    ]);
    expect(spec.entries.find((e) => e.key === "pro")!.inputs).toEqual({ productId: "pro", name: "Pro" });
    const attachment = spec.entries.find((e) => e.key === "pro-sso")!;
    expect(attachment.inputs).toEqual({ product: "pro", entitlementFeature: "sso" });
    expect(attachment.refs).toEqual([
      { path: ["product"], section: "products", key: "pro" },
      { path: ["entitlementFeature"], section: "features", key: "sso" },
    ]);
  });

  it("keeps a product outside the spec named by custom id, and a price by id", () => {
    const file = write({
      "billing.yaml": `prices:
  extra:
    product: enterprise
    currency: eur
    unitAmount: 5
portalConfigurations:
  default:
    features:
      subscriptionUpdate:
        enabled: true
        defaultAllowedUpdates: [price]
        products: [{ product: enterprise, prices: [price_123, extra] }]
`,
    });
    const spec = loadBillingSpec(file);
    expect(spec.entries[0].refs).toEqual([]);
    expect(spec.entries[1].refs).toEqual([
      {
        path: ["features", "subscriptionUpdate", "products", "0", "prices", "1"],
        section: "prices",
        key: "extra",
      },
    ]);
  });

  it("lets a schedule name tax-rate entries by key, and refuses a key the spec lacks", () => {
    const text = (rates: string) => `taxRates:
  vat-de:
    displayName: VAT
    percentage: 19
    inclusive: false
    country: DE
  reduced:
    displayName: VAT reduced
    percentage: 7
    inclusive: false
subscriptionSchedules:
  acme:
    customer: cus_123
    phases:
      - defaultTaxRates: [${rates}]
        items:
          - price: price_123
            taxRates: [reduced]
`;
    const spec = loadBillingSpec(write({ "billing.yaml": text("vat-de, txr_outside") }));
    expect(spec.entries.map((e) => `${e.type}:${e.key}`)).toEqual([
      "TaxRate:vat-de",
      "TaxRate:reduced",
      "SubscriptionSchedule:acme",
    ]);
    expect(spec.entries[2].refs).toEqual([
      { path: ["phases", "0", "items", "0", "taxRates", "0"], section: "taxRates", key: "reduced" },
      { path: ["phases", "0", "defaultTaxRates", "0"], section: "taxRates", key: "vat-de" },
    ]);
    const missing = checkBillingSpec(write({ "billing.yaml": text("vat-fr") }));
    expect(missing.issues.map((i) => i.path)).toEqual([
      "subscriptionSchedules.acme.phases.0.defaultTaxRates.0",
    ]);
  });

  it("takes ${config:NAME} from the given config, and leaves unknown ones unchecked for the program", () => {
    const text = `shippingRates:
  standard:
    displayName: \${config:shippingName}
    fixedAmount: { amount: 500, currency: usd }
`;
    const file = write({ "billing.yaml": text });
    const given = loadBillingSpec(file, { config: { shippingName: "Standard" } });
    expect(given.entries[0].inputs.displayName).toBe("Standard");
    expect(given.entries[0].config).toEqual([]);
    const left = loadBillingSpec(file);
    expect(left.entries[0].inputs.displayName).toBe("${config:shippingName}");
    expect(left.entries[0].config).toEqual([{ path: ["displayName"], name: "shippingName" }]);
    // A given value is checked like any other.
    expect(() =>
      loadBillingSpec(file, { config: (name) => (name === "shippingName" ? "" : undefined) }),
    ).toThrow(SpecError);
  });
});

describe("overlays", () => {
  it("names the overlay of an environment beside the base file", () => {
    expect(overlayFile("/x/billing.yaml", "live")).toBe("/x/billing.live.yaml");
    expect(overlayFile("spec.yml", "staging")).toBe("spec.staging.yml");
  });

  it("merges maps, replaces lists and removes keys set to null", () => {
    const file = write({
      "billing.yaml": BASE,
      "billing.live.yaml": `prices:
  pro-monthly:
    unitAmount: 1200
    recurring: { intervalCount: 3 }
  pro-yearly: null
portalConfigurations:
  default:
    businessProfile: { headline: null, privacyPolicyUrl: "https://example.com/privacy" }
    features:
      subscriptionUpdate:
        products: [{ product: pro, prices: [pro-monthly] }]
`,
    });
    const spec = loadBillingSpec(file, { environment: "live" });
    expect(spec.files).toEqual([file, overlayFile(file, "live")]);
    const byKey = Object.fromEntries(spec.entries.map((e) => [e.key, e.inputs as any]));
    expect(Object.keys(byKey)).toEqual(["pro", "pro-monthly", "default"]);
    expect(byKey["pro-monthly"]).toEqual({
      product: "pro",
      currency: "usd",
      unitAmount: 1200,
      recurring: { interval: "month", intervalCount: 3 },
    });
    expect(byKey.default.businessProfile).toEqual({ privacyPolicyUrl: "https://example.com/privacy" });
    expect(byKey.default.features.subscriptionUpdate.products).toEqual([
      { product: "pro", prices: ["pro-monthly"] },
    ]);
    expect(byKey.default.features.subscriptionUpdate.enabled).toBe(true);
  });

  it("reads the base alone when the environment has no overlay", () => {
    const file = write({ "billing.yaml": BASE });
    expect(loadBillingSpec(file, { environment: "test" }).files).toEqual([file]);
  });
});

describe("errors name the file, line, column, YAML path and reason", () => {
  const cases: [string, Record<string, string>, string | undefined, string[]][] = [
    [
      "a YAML syntax error",
      { "billing.yaml": "products:\n  pro: [unclosed\n" },
      undefined,
      ["billing.yaml:3:1 (document): "],
    ],
    [
      "an unknown section",
      { "billing.yaml": "widgets:\n  x: {}\n" },
      undefined,
      [`billing.yaml:2:3 widgets: unknown section; expected one of ${SECTION_NAMES.join(", ")}`],
    ],
    [
      "a feature lookup key used twice",
      {
        "billing.yaml":
          "features:\n  sso:\n    lookupKey: sso\n    name: SSO\n  sso-again:\n    lookupKey: sso\n    name: SSO\n",
      },
      undefined,
      ['billing.yaml:6:16 features.sso-again.lookupKey: "sso" is also the lookupKey of sso'],
    ],
    [
      "a price lookup key used twice",
      {
        "billing.yaml": [
          "prices:",
          "  a: { product: prod_1, currency: usd, unitAmount: 1, lookupKey: pro }",
          "  b: { product: prod_1, currency: usd, unitAmount: 2, lookupKey: pro }",
          "",
        ].join("\n"),
      },
      undefined,
      ['billing.yaml:3:66 prices.b.lookupKey: "pro" is also the lookupKey of a'],
    ],
    [
      "a product's feature that is neither an entry nor an id",
      { "billing.yaml": "products:\n  pro:\n    name: Pro\n    features: [sso]\n" },
      undefined,
      ['billing.yaml:4:16 products.pro.features.0: no feature "sso" in this spec'],
    ],
    [
      "a section that is not a map",
      { "billing.yaml": "products: [a, b]\n" },
      undefined,
      ["billing.yaml:1:11 products: must be a map from logical key to entry"],
    ],
    [
      "an entry that is not a map",
      { "billing.yaml": "products:\n  pro: yes\n" },
      undefined,
      ["billing.yaml:2:8 products.pro: must be a map of inputs"],
    ],
    [
      "a logical key Pulumi cannot name",
      { "billing.yaml": "products:\n  '-pro': { name: Pro }\n" },
      undefined,
      ["billing.yaml:2:11 products.-pro: a logical key starts with a letter or digit"],
    ],
    [
      "a missing required field",
      { "billing.yaml": "products:\n  pro:\n    description: Pro plan\n" },
      undefined,
      ["billing.yaml:3:5 products.pro.name: "],
    ],
    [
      "an unknown field, with its place",
      { "billing.yaml": "products:\n  pro:\n    name: Pro\n    colour: red\n" },
      undefined,
      ["billing.yaml:4:13 products.pro.colour: unknown field"],
    ],
    [
      "a snake_case key (the spec speaks camelCase, as in TypeScript)",
      { "billing.yaml": "products:\n  pro:\n    name: Pro\n    tax_code: txcd_10000000\n" },
      undefined,
      ["billing.yaml:4:15 products.pro.tax_code: unknown field"],
    ],
    [
      "a cross-field rule of the resource schema",
      {
        "billing.yaml":
          "prices:\n  p:\n    product: x\n    currency: usd\n    unitAmount: 1\n    unitAmountDecimal: '1.5'\n",
      },
      undefined,
      [
        "billing.yaml:5:17 prices.p.unitAmount: give exactly one of unitAmount, unitAmountDecimal and customUnitAmount",
      ],
    ],
    [
      "a price key that is not in the spec",
      {
        "billing.yaml":
          "portalConfigurations:\n  d:\n    features:\n      subscriptionUpdate:\n        enabled: true\n        defaultAllowedUpdates: [price]\n        products: [{ product: pro, prices: [pro-month] }]\n",
      },
      undefined,
      [
        'billing.yaml:7:45 portalConfigurations.d.features.subscriptionUpdate.products.0.prices.0: no price "pro-month" in this spec',
      ],
    ],
    [
      "two tax settings for one account",
      { "billing.yaml": "taxSettings:\n  a: {}\n  b: {}\n" },
      undefined,
      ["billing.yaml:3:6 taxSettings.b: an account has one TaxSettings"],
    ],
    [
      "an error brought by the overlay, located in the overlay",
      {
        "billing.yaml": "products:\n  pro:\n    name: Pro\n",
        "billing.live.yaml": "products:\n  pro:\n    name: ''\n",
      },
      "live",
      ["billing.live.yaml:3:11 products.pro.name: "],
    ],
    [
      "a syntax error in the overlay",
      { "billing.yaml": "products: {}\n", "billing.live.yaml": "products:\n  pro: { name: Pro\n" },
      "live",
      ["billing.live.yaml:3:1 (document): "],
    ],
  ];

  it.each(cases)("%s", (_name, files, environment, expected) => {
    const file = write(files);
    const { spec, issues } = checkBillingSpec(file, { environment });
    expect(spec).toBeUndefined();
    const lines = issues.map((i) => formatIssue({ ...i, file: path.basename(i.file) }));
    expect(lines.length === expected.length ? [] : lines).toEqual([]);
    expected.forEach((prefix, i) => expect(lines[i].slice(0, prefix.length)).toBe(prefix));
    expect(() => loadBillingSpec(file, { environment })).toThrow(SpecError);
  });

  it("lists every problem of the spec, in file order", () => {
    const file = write({
      "billing.yaml": "products:\n  a: { name: '' }\n  b: { name: B, bad: 1 }\nprices:\n  p: {}\n",
    });
    const issues = checkBillingSpec(file).issues.map((i) => `${i.line}:${i.col} ${i.path}`);
    expect(issues).toEqual([
      "2:14 products.a.name",
      "3:22 products.b.bad",
      "5:6 prices.p.product",
      "5:6 prices.p.currency",
    ]);
  });
});
