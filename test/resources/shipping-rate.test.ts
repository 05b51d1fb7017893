import { shippingRate } from "../../provider/resources/shipping-rate";
import { expectRefusedRequests } from "../support/request-conformance";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/shipping-rate";

const h = resourceContract(contract);

describe("ShippingRate specifics", () => {
  it("sends only the removed metadata key as an unset", async () => {
    const provider = h.provider(shippingRate);
    const inputs = (await provider.check({}, create)).inputs;
    const { id, outs } = await provider.create(inputs);
    const news = (await provider.check(outs, { ...create, metadata: { team: "billing" } })).inputs;
    await provider.update(id, outs, news);
    const update = h.emulator.requests({ method: "POST", path: `/v1/shipping_rates/${id}` }).at(-1)!;
    expect(update.params).toEqual({ metadata: { tier: "" } });
    expect(h.emulator.objects.get(id)?.metadata).toEqual({ team: "billing" });
  });

  it.each([
    [{ ...create, displayName: "" }, "displayName"],
    [{ ...create, fixedAmount: { amount: 1.5, currency: "usd" } }, "fixedAmount"],
    [{ ...create, fixedAmount: { amount: 1, currency: "dollars" } }, "fixedAmount"],
    [{ ...create, deliveryEstimate: { minimum: { unit: "fortnight", value: 1 } } }, "deliveryEstimate"],
    [{ ...create, taxCode: "shipping" }, "taxCode"],
    [{ ...create, colour: "red" }, ""],
  ])("rejects bad input %# at check, naming the field, with no request", async (inputs, property) => {
    const result = await h.provider(shippingRate).check({}, inputs);
    expect(result.failures.map((f) => f.property)).toContain(property);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("creates in the connected account named by stripeAccount, which replaces when changed", async () => {
    const provider = h.provider(shippingRate);
    const inputs = (await provider.check({}, { ...create, stripeAccount: "acct_123" })).inputs;
    const { id, outs } = await provider.create(inputs);
    expect(h.emulator.requests({ method: "POST" })[0].stripeAccount).toBe("acct_123");
    expect(outs.stripeAccount).toBe("acct_123");
    const moved = (await provider.check(outs, { ...create, stripeAccount: "acct_456" })).inputs;
    expect((await provider.diff(id, outs, moved)).replaces).toEqual(["stripeAccount"]);
  });

  it("maps Stripe's error param to the input path", async () => {
    // Unchecked inputs: the request is one Stripe refuses, on purpose.
    expectRefusedRequests(1);
    const provider = h.provider(shippingRate);
    const inputs = (await provider.check({}, create)).inputs;
    const bad = {
      ...inputs,
      fixedAmount: {
        amount: 1,
        currency: "usd",
        currencyOptions: { eur: { amount: 1, taxBehavior: "sometimes" } },
      },
    };
    await expect(provider.create(bad)).rejects.toMatchObject({
      code: expect.stringMatching(/^parameter_invalid|invalid/),
      path: "fixedAmount.currencyOptions.eur.taxBehavior",
    });
  });
});
