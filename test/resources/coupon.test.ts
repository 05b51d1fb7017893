import { renderPlan } from "../../provider/cli/plan";
import { coupon } from "../../provider/resources/coupon";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/coupon";
import { liveKey } from "../support/keys";

const h = resourceContract(contract);

const LIVE = { "stripe-billing:apiKey": liveKey("coupon1"), "stripe-billing:allowLiveMode": "true" };

describe("Coupon specifics", () => {
  it("creates with the coupon id, the same in every account, and refuses a second in one account", async () => {
    const provider = h.provider(coupon);
    const inputs = (await provider.check({}, create)).inputs;
    const a = await provider.create(inputs);
    const b = await provider.create({ ...inputs, stripeAccount: "acct_staging" });
    expect([a.id, b.id]).toEqual(["summer", "summer"]);
    expect(a.outs).toMatchObject({ couponId: "summer", valid: true, timesRedeemed: 0 });
    await expect(provider.create(inputs)).rejects.toMatchObject({ code: "resource_already_exists" });
  });

  it("leaves the id to Stripe without couponId, and shows no diff for it", async () => {
    const provider = h.provider(coupon);
    const inputs = (await provider.check({}, { percentOff: 25.5 })).inputs;
    const { id, outs } = await provider.create(inputs);
    expect(id).toMatch(/^[A-Z0-9]{8}$/);
    expect(outs.couponId).toBeUndefined();
    const read = await provider.read(id, outs);
    expect((await provider.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("names products in appliesTo and reads them back with no diff", async () => {
    await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
    const provider = h.provider(coupon);
    const inputs = (await provider.check({}, { percentOff: 10, appliesTo: { products: ["pro"] } })).inputs;
    const { id, outs } = await provider.create(inputs);
    expect(outs.appliesTo).toEqual({ products: ["pro"] });
    const read = await provider.read(id, outs);
    expect((await provider.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("replaces on a new percentage by deleting the old coupon first, then creating the new one", async () => {
    const provider = h.provider(coupon);
    const inputs = (await provider.check({}, { couponId: "ten", percentOff: 10 })).inputs;
    const { id, outs } = await provider.create(inputs);
    const news = (await provider.check(outs, { couponId: "ten", percentOff: 15 })).inputs;
    expect(await provider.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["percentOff"],
      deleteBeforeReplace: true,
      detail: [{ path: ["percentOff"], kind: "changed", createOnly: true }],
    });
    // Pulumi runs the old delete, then the create: the id is free again.
    await provider.delete(id, outs);
    expect((await provider.create(news)).id).toBe("ten");
  });

  it("replaces when the name is removed: Stripe cannot unset it", async () => {
    const provider = h.provider(coupon);
    const { id, outs } = await provider.create((await provider.check({}, create)).inputs);
    const news = (await provider.check(outs, { ...create, name: undefined })).inputs;
    expect((await provider.diff(id, outs, news)).replaces).toEqual(["name"]);
  });

  it("says in the plan that a replacement deletes the old coupon first, and what destroy does", () => {
    const urn = (name: string) =>
      `urn:pulumi:dev::billing::pulumi-nodejs:dynamic/stripe-billing:Coupon::${name}`;
    const state = {
      type: "pulumi-nodejs:dynamic/stripe-billing:Coupon",
      outputs: { couponId: "ten", percentOff: 10 },
    };
    const plan = renderPlan(
      JSON.stringify({
        steps: [
          {
            op: "replace",
            urn: urn("ten"),
            oldState: state,
            newState: { ...state, inputs: { couponId: "ten", percentOff: 15 } },
          },
          {
            op: "delete",
            urn: urn("old"),
            oldState: { ...state, outputs: { couponId: "old", percentOff: 5 } },
          },
        ],
      }),
      "text",
    );
    expect(plan).toMatch(
      /Coupon "ten".*replaced.*the old one is deleted \(customers who already have its discount keep it.*\) first, then a new coupon is created/,
    );
    expect(plan).toMatch(
      /Coupon "old".*removed from the program.*deleted \(customers who already have its discount keep it/,
    );
  });

  it("refuses to delete a live coupon without allowLiveDestroy, before anything is sent", async () => {
    const provider = h.provider(coupon, LIVE);
    const { id, outs } = await provider.create((await provider.check({}, create)).inputs);
    await expect(provider.delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining("delete summer"),
    });
    expect(h.emulator.requests({ method: "DELETE" })).toHaveLength(0);
    const replaced = (await provider.check(outs, { ...create, amountOff: 700 })).inputs;
    await expect(provider.diff(id, outs, replaced)).rejects.toMatchObject({ code: "live_destroy_refused" });
    await h.provider(coupon, { ...LIVE, "stripe-billing:allowLiveDestroy": "true" }).delete(id, outs);
    expect(h.emulator.objects.get(id)).toBeUndefined();
  });

  it.each([
    [{ percentOff: 100.5 }, "percentOff", /<=100/],
    [{ percentOff: 0 }, "percentOff", />0/],
    [{ amountOff: 500 }, "currency", /needs its currency/],
    [{ percentOff: 10, amountOff: 500, currency: "usd" }, "amountOff", /not both/],
    [{}, "percentOff", /percentOff or amountOff/],
    [{ percentOff: 10, duration: "repeating" }, "durationInMonths", /needs durationInMonths/],
    [{ percentOff: 10, durationInMonths: 3 }, "durationInMonths", /needs duration: repeating/],
    [{ percentOff: 10, currencyOptions: { eur: { amountOff: 1 } } }, "currencyOptions", /need amountOff/],
    [
      { amountOff: 5, currency: "usd", currencyOptions: { usd: { amountOff: 1 } } },
      "currencyOptions",
      /own currency/,
    ],
    [{ percentOff: 10, name: "x".repeat(41) }, "name", /<=40/],
    [{ percentOff: 10, appliesTo: { products: ["pro plan"] } }, "appliesTo", /custom id/],
  ])(
    "rejects bad input %# at check, naming the field, with no request",
    async (inputs, property, message) => {
      const result = await h.provider(coupon).check({}, inputs);
      const failure = result.failures.find((f) => f.property === property);
      expect(failure?.reason).toMatch(message);
      expect(h.emulator.requests()).toHaveLength(0);
    },
  );
});
