import type { PlainObject } from "../../provider/engine/values";
import { product } from "../../provider/resources/product";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/product";

const h = resourceContract(contract);

async function checked(inputs: object, name: string): Promise<PlainObject> {
  const result = await h
    .provider(product)
    .check({}, { ...(inputs as PlainObject), __identity: `billing::ci::::Product::${name}` });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

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

  it("refuses a custom id an active product holds, naming the input", async () => {
    const provider = h.provider(product);
    await provider.create(await checked(create, "theirs"));
    await expect(provider.create(await checked(create, "mine"))).rejects.toMatchObject({
      code: "product_id_taken",
      path: "productId",
      message: expect.stringContaining("adoptId: pro"),
    });
  });

  it("declared again after a destroy archived it, takes the archived product back", async () => {
    const provider = h.provider(product);
    const first = await provider.create(await checked(create, "old"));
    await h.stripe("POST", "/v1/prices", { product: first.id, currency: "usd", unit_amount: 100 });
    await provider.delete(first.id, first.outs);
    expect(h.emulator.objects.get("pro")?.active).toBe(false);
    const again = await provider.create(await checked({ ...create, name: "Pro plan" }, "new"));
    expect(again.id).toBe("pro");
    expect(again.outs).toMatchObject({ active: true, name: "Pro plan" });
    expect(h.emulator.objects.get("pro")).toMatchObject({ active: true, name: "Pro plan" });
    expect(h.notes.join("\n")).toMatch(/pro was archived; it is managed again/);
  });

  it("a take-back re-run by a new process sends nothing again", async () => {
    const provider = h.provider(product);
    const first = await provider.create(await checked(create, "old"));
    await h.stripe("POST", "/v1/prices", { product: first.id, currency: "usd", unit_amount: 100 });
    await provider.delete(first.id, first.outs);
    const news = await checked({ ...create, name: "Pro plan" }, "new");
    await provider.create(news);
    const writesBefore = h.emulator.requests({ method: "POST" }).filter((r) => !r.replayed).length;
    // The killed run's take-back is found as it found it: archived, so still this resource's.
    const again = await h.provider(product).create(news);
    expect(again.id).toBe("pro");
    expect(again.outs).toMatchObject({ active: true, name: "Pro plan" });
    const writes = h.emulator.requests({ method: "POST" }).filter((r) => !r.replayed);
    // Only the create, which Stripe refuses again: nothing else is written twice.
    expect(writes.slice(writesBefore).map((r) => r.path)).toEqual(["/v1/products"]);
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
