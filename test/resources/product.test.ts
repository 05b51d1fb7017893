import { product } from "../../provider/resources/product";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/product";

const h = resourceContract(contract);

describe("Product specifics", () => {
  it("creates with the custom id, the same in every account", async () => {
    const provider = h.provider(product);
    const inputs = (await provider.check({}, create)).inputs;
    const a = await provider.create(inputs);
    const b = await provider.create({ ...inputs, stripeAccount: "acct_staging" });
    expect(a.id).toBe("pro");
    expect(b.id).toBe("pro");
    expect(a.outs.productId).toBe("pro");
    expect(h.emulator.requests({ method: "POST", path: "/v1/products" })[0].params).toMatchObject({
      id: "pro",
    });
  });

  it("leaves the id to Stripe without productId, and shows no diff for it", async () => {
    const provider = h.provider(product);
    const inputs = (await provider.check({}, { name: "Basic" })).inputs;
    const { id, outs } = await provider.create(inputs);
    expect(id).toMatch(/^prod_/);
    expect(outs.productId).toBeUndefined();
    const read = await provider.read(id, outs);
    expect((await provider.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("fails with Stripe's error when the custom id exists, naming the input", async () => {
    const provider = h.provider(product);
    const inputs = (await provider.check({}, create)).inputs;
    await provider.create(inputs);
    await expect(provider.create(inputs)).rejects.toMatchObject({ code: "resource_already_exists" });
  });

  it("archives instead of deleting when a price uses it, and says which it did", async () => {
    const provider = h.provider(product);
    const inputs = (await provider.check({}, create)).inputs;
    const { id, outs } = await provider.create(inputs);
    await h.stripe("POST", "/v1/prices", { product: id, currency: "usd", unit_amount: 100 });
    await provider.delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
    expect(h.notes.join("\n")).toMatch(/pro was archived.*not deleted/);
    await provider.delete(id, outs);
  });

  it("says when it deleted", async () => {
    const provider = h.provider(product);
    const { id, outs } = await provider.create((await provider.check({}, create)).inputs);
    await provider.delete(id, outs);
    expect(h.notes).toEqual(["Product: pro was deleted."]);
  });

  it("refuses at preview to remove an input Stripe cannot unset", async () => {
    const provider = h.provider(product);
    const withDescriptor = (await provider.check({}, { ...create, statementDescriptor: "PRO PLAN" })).inputs;
    const { id, outs } = await provider.create(withDescriptor);
    const without = (await provider.check(outs, create)).inputs;
    await expect(provider.diff(id, outs, without)).rejects.toMatchObject({
      message: expect.stringContaining("statementDescriptor cannot be removed"),
    });
  });

  it.each([
    [{ ...create, productId: "has space" }, "productId"],
    [{ ...create, name: "" }, "name"],
    [{ ...create, images: ["ftp://x"] }, "images"],
    [{ ...create, unitLabel: "much-too-long-label" }, "unitLabel"],
    [{ ...create, statementDescriptor: "12345" }, "statementDescriptor"],
  ])("rejects bad input %# at check, naming the field, with no request", async (inputs, property) => {
    const result = await h.provider(product).check({}, inputs);
    expect(result.failures.map((f) => f.property)).toContain(property);
    expect(h.emulator.requests()).toHaveLength(0);
  });
});
