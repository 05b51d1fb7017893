/**
 * BillingSetup inside a Pulumi program (with Pulumi's mocks): one resource per spec entry,
 * named by its key, with references between entries wired to the named resource's id.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const registered: { type: string; name: string; inputs: Record<string, any> }[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: { ...args.inputs, livemode: false, created: 1_700_000_000 } };
    },
    call: () => ({}),
  },
  "project",
  "live",
  true,
);

// Loaded after the mocks are in place, as Pulumi's testing guide prescribes.
const billing = require("../../provider/index") as typeof import("../../provider/index");

const BASE = `
products:
  pro: { productId: pro, name: Pro }
prices:
  pro-monthly: { product: pro, currency: usd, unitAmount: 1000, recurring: { interval: month } }
portalConfigurations:
  portal:
    businessProfile: { privacyPolicyUrl: "\${config:privacyUrl}" }
    features:
      subscriptionUpdate:
        enabled: true
        defaultAllowedUpdates: [price]
        products: [{ product: pro, prices: [pro-monthly, { lookupKey: legacy }] }]
`;
const LIVE = `
prices:
  pro-monthly: { unitAmount: 1200 }
`;

async function registrations(count: number): Promise<void> {
  for (let i = 0; i < 200 && registered.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("BillingSetup", () => {
  it("creates every entry under its key, wires references to ids and exposes the ids by key", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-setup-"));
    try {
      fs.writeFileSync(path.join(dir, "billing.yaml"), BASE);
      fs.writeFileSync(path.join(dir, "billing.live.yaml"), LIVE);
      const spec = billing.loadBillingSpec(path.join(dir, "billing.yaml"), {
        environment: pulumi.getStack(),
        config: { privacyUrl: "https://example.com/privacy" },
      });
      const setup = new billing.BillingSetup("billing", { spec });
      await registrations(4);
      const byName = Object.fromEntries(registered.map((r) => [r.name, r]));
      expect(Object.keys(byName).sort()).toEqual(["billing", "portal", "pro", "pro-monthly"]);
      expect(byName["pro"].type).toBe("pulumi-nodejs:dynamic/stripe-billing:Product");
      // The live overlay's amount, and the product given as the Product resource's id.
      expect(byName["pro-monthly"].inputs).toMatchObject({ product: "pro-id", unitAmount: 1200 });
      const portal = byName["portal"].inputs;
      expect(portal.businessProfile.privacyPolicyUrl).toBe("https://example.com/privacy");
      expect(portal.features.subscriptionUpdate.products).toEqual([
        { product: "pro-id", prices: ["pro-monthly-id", { lookupKey: "legacy" }] },
      ]);
      expect(await value(setup.ids.prices!["pro-monthly"])).toBe("pro-monthly-id");
      // Children carry the component's URN in their identity, so their idempotency keys are their own.
      expect(byName["pro"].inputs.__identity).toBe(
        "project::live::urn:pulumi:live::project::stripe-billing:index:BillingSetup::billing::Product::pro",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("turns a product's features list into a ProductFeature per item, wired to both ids", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-setup-"));
    try {
      fs.writeFileSync(
        path.join(dir, "billing.yaml"),
        "features:\n  sso: { lookupKey: sso, name: SSO }\nproducts:\n  team: { name: Team, features: [sso] }\n",
      );
      const before = registered.length;
      new billing.BillingSetup("features", { spec: billing.loadBillingSpec(path.join(dir, "billing.yaml")) });
      await registrations(before + 4);
      const attachment = registered.slice(before).find((r) => r.name === "team-sso");
      expect(attachment?.type).toBe("pulumi-nodejs:dynamic/stripe-billing:ProductFeature");
      expect(attachment?.inputs).toMatchObject({ product: "team-id", entitlementFeature: "sso-id" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a previous key for an entry the spec does not have, before registering anything", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-setup-"));
    try {
      fs.writeFileSync(path.join(dir, "billing.yaml"), "products:\n  pro: { productId: pro, name: Pro }\n");
      const spec = billing.loadBillingSpec(path.join(dir, "billing.yaml"));
      const count = registered.length;
      expect(
        () => new billing.BillingSetup("renamed", { spec, previousKeys: { "prices.pro": ["pro-plan"] } }),
      ).toThrow("previousKeys: prices.pro is not an entry of the spec (section.key)");
      expect(registered.length).toBe(count);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
