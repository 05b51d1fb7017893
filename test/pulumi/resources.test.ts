/**
 * The public resource classes inside a Pulumi program (with Pulumi's mocks): the type token,
 * the serialized provider they send, and the program-level rules.
 */
import * as pulumi from "@pulumi/pulumi";

const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      // What the provider would answer: the inputs, and output-only fields Stripe sets.
      return { id: `${args.name}-id`, state: { ...args.inputs, livemode: false, created: 1_700_000_000 } };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  true,
);

import { outputKeys } from "../../provider/engine/declaration";
import { shippingRate } from "../../provider/resources/shipping-rate";

// Loaded after the mocks are in place, as Pulumi's testing guide prescribes.
const billing = require("../../provider/index") as typeof import("../../provider/index");

/** Waits until the mocks have seen `count` registrations (serializing the provider is async). */
async function registrations(count: number): Promise<void> {
  for (let i = 0; i < 200 && registered.length < count; i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
}

describe("resource classes in a program", () => {
  beforeEach(() => {
    registered.length = 0;
  });

  it("register under the package's type token with the serialized shim", async () => {
    process.env.STRIPE_API_KEY = "sk_test_programcanary0000";
    const rate = new billing.ShippingRate("ground", {
      displayName: "Ground",
      fixedAmount: { amount: 5, currency: "usd" },
    });
    await registrations(1);
    delete process.env.STRIPE_API_KEY;
    const [entry] = registered;
    expect(entry.type).toBe("pulumi-nodejs:dynamic/stripe-billing:ShippingRate");
    const provider = String(entry.inputs.__provider);
    expect(provider).toContain('require("pulumi-stripe-billing/runtime")');
    expect(provider).not.toContain("sk_test_programcanary0000");
    // Its size is measured on the shipped build in test/engine/shim.test.ts (instrumented sources are larger).
    // Every output is registered, so programs can read them, output-only ones included.
    for (const key of outputKeys(shippingRate))
      expect(pulumi.Output.isInstance((rate as any)[key])).toBe(true);
    const value = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));
    expect(await value(rate.displayName)).toBe("Ground");
    expect(await value(rate.livemode)).toBe(false);
    expect(await value(rate.created)).toBe(1_700_000_000);
  });

  it("pass their identity in the stack as an internal input, distinct per name", async () => {
    const inputs = { displayName: "Ground", fixedAmount: { amount: 5, currency: "usd" } };
    new billing.ShippingRate("ground", inputs);
    new billing.ShippingRate("ground-eu", inputs);
    await registrations(2);
    expect(registered.map((r) => r.inputs.__identity)).toEqual([
      "project::stack::::ShippingRate::ground",
      "project::stack::::ShippingRate::ground-eu",
    ]);
  });

  it("register inside components, one depending on another, with the parent's URN in their identity", async () => {
    const outer = new pulumi.ComponentResource("acme:billing:Setup", "billing");
    const inner = new pulumi.ComponentResource("acme:billing:Catalog", "catalog", {}, { parent: outer });
    const pro = new billing.Product("pro", { name: "Pro" }, { parent: inner });
    new billing.Price(
      "pro-monthly",
      { product: pro.id, currency: "usd", unitAmount: 1000, recurring: { interval: "month" } },
      { parent: inner },
    );
    await registrations(4);
    const ours = registered.filter((r) => r.type.startsWith("pulumi-nodejs:"));
    expect(ours.map((r) => r.name)).toEqual(["pro", "pro-monthly"]);
    const urn = await new Promise<string>((resolve) => inner.urn.apply(resolve));
    expect(urn).toBe("urn:pulumi:stack::project::acme:billing:Setup$acme:billing:Catalog::catalog");
    expect(ours.map((r) => r.inputs.__identity)).toEqual([
      `project::stack::${urn}::Product::pro`,
      `project::stack::${urn}::Price::pro-monthly`,
    ]);
  });

  it("refuses two TaxSettings for the same account in one program", async () => {
    new billing.TaxSettings("tax", { defaults: { taxBehavior: "exclusive" } });
    expect(() => new billing.TaxSettings("tax-again", { defaults: { taxBehavior: "inclusive" } })).toThrow(
      /both manage the tax settings of the platform account/,
    );
    expect(
      () => new billing.TaxSettings("connected", { stripeAccount: "acct_1", defaults: {} }),
    ).not.toThrow();
    await registrations(2);
  });
});
