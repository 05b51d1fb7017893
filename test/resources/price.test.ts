import { renderPlan } from "../../provider/cli/plan";
import { price } from "../../provider/resources/price";
import { product } from "../../provider/resources/product";
import type { PlainObject } from "../../provider/engine/values";
import type { Harness } from "../support/emulator";
import { resourceContract } from "./contract";
import { contract, base, productIn } from "./cases/price";

const h = resourceContract(contract);

describe("Price specifics", () => {
  const h2 = h as Harness;

  async function created(inputs: PlainObject) {
    const provider = h2.provider(price);
    const checked = await provider.check({}, inputs);
    expect(checked.failures).toEqual([]);
    return { provider, inputs: checked.inputs, ...(await provider.create(checked.inputs)) };
  }

  it.each([
    [{ recurring: { interval: "year" } }, "recurring"],
    [{ currency: "eur", currencyOptions: undefined }, "currency"],
    [{ unitAmount: undefined, unitAmountDecimal: "2000.5" }, "unitAmount,unitAmountDecimal"],
    [{ product: "other" }, "product"],
    [{ transformQuantity: { divideBy: 10, round: "up" } }, "transformQuantity"],
    [{ nickname: undefined }, "nickname"],
    [{ lookupKey: undefined }, "lookupKey"],
  ])("replaces for change %#", async (change, key) => {
    await productIn(h2);
    await productIn(h2, "other");
    const { provider, id, outs } = await created({ ...base, product: "pro" });
    const news = (await provider.check(outs, { ...base, product: "pro", ...change })).inputs;
    expect((await provider.diff(id, outs, news)).replaces.sort()).toEqual(key.split(","));
  });

  it("updates tax behavior in place once, from unspecified; a later change replaces", async () => {
    await productIn(h2);
    const { provider, id, outs } = await created({ ...base, product: "pro" });
    const exclusive = (await provider.check(outs, { ...base, product: "pro", taxBehavior: "exclusive" }))
      .inputs;
    expect(await provider.diff(id, outs, exclusive)).toMatchObject({ changes: true, replaces: [] });
    const updated = await provider.update(id, outs, exclusive);
    const inclusive = (
      await provider.check(updated.outs, { ...base, product: "pro", taxBehavior: "inclusive" })
    ).inputs;
    expect((await provider.diff(id, updated.outs, inclusive)).replaces).toEqual(["taxBehavior"]);
  });

  it("replaces without a gap: the new price takes the lookup key and the default, the old is archived", async () => {
    await productIn(h2);
    const inputs = { ...base, product: "pro", productDefault: true };
    const old = await created(inputs);
    expect(h2.emulator.objects.get("pro")?.default_price).toBe(old.id);
    // Pulumi creates the replacement first, then deletes the old one.
    const raised = await created({ ...inputs, unitAmount: 2500 });
    expect(h2.emulator.objects.get(raised.id)?.lookup_key).toBe("pro-monthly");
    expect(h2.emulator.objects.get(old.id)?.lookup_key).toBeNull();
    expect(h2.emulator.objects.get("pro")?.default_price).toBe(raised.id);
    await old.provider.delete(old.id, old.outs);
    expect(h2.emulator.objects.get(old.id)?.active).toBe(false);
    expect(h2.emulator.objects.get(raised.id)?.active).toBe(true);
    // The new price reads back unchanged.
    const read = await raised.provider.read(raised.id, raised.outs);
    expect((await raised.provider.diff(raised.id, read.props!, raised.inputs)).changes).toBe(false);
  });

  it("hands the default to the price that took over the lookup key when the program did not manage it", async () => {
    await productIn(h2);
    const old = await created({ ...base, product: "pro" });
    await h2.stripe("POST", "/v1/products/pro", { default_price: old.id });
    const raised = await created({ ...base, product: "pro", unitAmount: 2500 });
    await old.provider.delete(old.id, old.outs);
    expect(h2.emulator.objects.get("pro")?.default_price).toBe(raised.id);
    expect(h2.emulator.objects.get(old.id)?.active).toBe(false);
  });

  it("leaves a default price with no successor active, with a warning a user can follow", async () => {
    await productIn(h2);
    const only = await created({ ...base, product: "pro", productDefault: true });
    await only.provider.delete(only.id, only.outs);
    expect(h2.emulator.objects.get(only.id)?.active).toBe(true);
    expect(h2.warnings).toHaveLength(1);
    const [warning] = h2.warnings;
    // What stays in Stripe and why, not "destroy again" (Pulumi no longer holds the price).
    expect(warning).toContain(`${only.id} stays active in Stripe, no longer managed by this stack`);
    expect(warning).toContain("Stripe cannot archive a product's default price");
    expect(warning).not.toMatch(/destroy again/);
    // What the user can do: another default declared here, then an archive by hand.
    expect(warning).toContain("declare one with productDefault: true");
    expect(warning).toContain(`stripe prices update ${only.id} -d active=false`);
    expect(warning).toContain("If pro is destroyed too, it is archived, not deleted");
  });

  it("in a full destroy (the price first, then its product) leaves the default price active and archives the product", async () => {
    const pro = h2.provider(product);
    const checked = await pro.check({}, { productId: "pro", name: "Pro" });
    const made = await pro.create(checked.inputs);
    const only = await created({ ...base, product: made.id, productDefault: true });
    // Pulumi deletes dependents first: the price names the product.
    await only.provider.delete(only.id, only.outs);
    await pro.delete(made.id, made.outs);
    expect(h2.emulator.objects.get(only.id)).toMatchObject({ active: true });
    expect(h2.emulator.objects.get("pro")).toMatchObject({ active: false, default_price: only.id });
    expect(h2.notes.join("\n")).toMatch(/pro was archived/);
  });

  it("says the product is archived when it went first", async () => {
    await productIn(h2);
    const only = await created({ ...base, product: "pro", productDefault: true });
    await h2.stripe("POST", "/v1/products/pro", { active: false });
    await only.provider.delete(only.id, only.outs);
    expect(h2.emulator.objects.get(only.id)?.active).toBe(true);
    expect(h2.warnings.join("\n")).toContain(
      `The product pro is archived, so it is not offered for new purchases, but ${only.id} stays active as its default.`,
    );
  });

  it("plans the destroy of a default price as what stays active in Stripe", () => {
    const removed = (outputs: PlainObject) =>
      JSON.stringify({
        steps: [
          {
            op: "delete",
            urn: "urn:pulumi:test::billing::pulumi-nodejs:dynamic/stripe-billing:Price::pro-monthly",
            oldState: { type: "pulumi-nodejs:dynamic/stripe-billing:Price", outputs },
          },
        ],
      });
    const outputs = { ...base, product: "pro", lookupKey: "pro-monthly" };
    expect(renderPlan(removed({ ...outputs, productDefault: true }), "text")).toContain(
      `Price "pro-monthly": removed from the program — archived if another price is its product's default by then; otherwise it stays active in Stripe as the default (Stripe cannot archive a default price) until you archive it by hand after another price takes over, and destroying the product too only archives the product`,
    );
    expect(renderPlan(removed(outputs), "text")).toContain(
      `Price "pro-monthly": removed from the program — archived (Stripe cannot delete prices; subscriptions on it keep it)`,
    );
  });

  it("warns how many active subscriptions are on a price it archives, at preview and at delete", async () => {
    await productIn(h2);
    const old = await created({ ...base, product: "pro" });
    const customer = await h2.stripe("POST", "/v1/customers", {});
    for (let i = 0; i < 3; i++)
      await h2.stripe("POST", "/v1/subscription_schedules", {
        customer: customer.id,
        start_date: "now",
        phases: [{ items: [{ price: old.id }] }],
      });
    const news = (await old.provider.check(old.outs, { ...base, product: "pro", unitAmount: 2500 })).inputs;
    await old.provider.diff(old.id, old.outs, news);
    expect(h2.warnings).toEqual([expect.stringMatching(/3 active subscriptions are still on price_/)]);
    await old.provider.delete(old.id, old.outs);
    expect(h2.warnings[1]).toMatch(/3 active subscriptions are still on .*keep being billed/);
    const lists = h2.emulator.requests({ method: "GET", path: "/v1/subscriptions" });
    expect(lists.every((r) => r.params.limit === "100")).toBe(true);
  });

  const custom = { ...base, unitAmount: undefined, lookupKey: undefined, currencyOptions: undefined };
  it.each([
    ["bounds", { customUnitAmount: { minimum: 500, preset: 1000 } }],
    ["no bounds", { customUnitAmount: {} }],
    [
      "a currency option's custom amount",
      {
        customUnitAmount: { minimum: 500 },
        currencyOptions: { eur: { customUnitAmount: { maximum: 90000 } } },
      },
    ],
  ])(
    "accepts Stripe's enabled: true on a custom unit amount (%s): the same inputs, request and state as without it",
    async (_, amounts) => {
      await productIn(h2);
      const without = { ...custom, product: "pro", ...amounts } as PlainObject;
      const withEnabled = JSON.parse(JSON.stringify(without), (key, value) =>
        key === "customUnitAmount" ? { enabled: true, ...value } : value,
      );
      const a = await created(without);
      const b = await created(withEnabled);
      expect(b.inputs).toEqual(a.inputs);
      const [sentA, sentB] = h2.emulator
        .requests({ method: "POST", path: "/v1/prices" })
        .map((r) => r.params);
      expect(sentB).toEqual(sentA);
      expect(sentA.custom_unit_amount).toMatchObject({ enabled: "true" });
      expect(h2.emulator.objects.get(a.id)?.custom_unit_amount).not.toBeNull();
      const { id: _a, ...stateA } = a.outs;
      const { id: _b, ...stateB } = b.outs;
      expect({ ...stateB, created: 0 }).toEqual({ ...stateA, created: 0 });
      // An apply then a preview shows no changes, either way.
      for (const { provider, id, outs } of [a, b]) {
        const read = await provider.read(id, outs);
        for (const inputs of [a.inputs, (await provider.check(outs, withEnabled)).inputs])
          expect((await provider.diff(id, read.props!, inputs)).changes).toBe(false);
      }
    },
  );

  it("reads a tiered price back as written", async () => {
    await productIn(h2);
    const tiered = {
      product: "pro",
      currency: "usd",
      billingScheme: "tiered",
      tiersMode: "graduated",
      tiers: [
        { upTo: 10, unitAmount: 500 },
        { upTo: "inf", unitAmount: 400, flatAmount: 100 },
      ],
      recurring: { interval: "month" },
    };
    const { provider, id, outs, inputs } = await created(tiered);
    expect(outs.tiers).toEqual(tiered.tiers);
    const read = await provider.read(id, outs);
    expect((await provider.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it.each([
    [{ unitAmount: undefined }, "unitAmount"],
    [{ unitAmount: 1.5 }, "unitAmount"],
    [{ currencyOptions: { usd: { unitAmount: 1 } } }, "currencyOptions"],
    [{ billingScheme: "tiered" }, "tiers"],
    [{ lookupKey: "x".repeat(201) }, "lookupKey"],
    [{ recurring: { interval: "fortnight" } }, "recurring"],
    [{ unitAmount: undefined, customUnitAmount: { enabled: false, minimum: 500 } }, "customUnitAmount"],
  ])("rejects bad input %# at check, naming the field, with no request", async (change, property) => {
    const result = await h2.provider(price).check({}, { ...base, product: "pro", ...change });
    expect(result.failures.map((f) => f.property)).toContain(property);
    expect(h2.emulator.requests()).toHaveLength(0);
  });
});
