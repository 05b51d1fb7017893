import type { PlainObject } from "../../provider/engine/values";
import { productFeature } from "../../provider/resources/product-feature";
import { resourceContract } from "./contract";
import { contract, catalog } from "./cases/product-feature";
import { liveKey } from "../support/keys";

const h = resourceContract(contract);

const features = async (product: string) =>
  (await h.stripe("GET", `/v1/products/${product}/features`)).data as PlainObject[];

describe("ProductFeature specifics", () => {
  it("attaches under its product, reads back there, and destroy detaches it", async () => {
    const { sso } = await catalog(h);
    const provider = h.provider(productFeature);
    const { inputs } = await provider.check({}, { product: "pro", entitlementFeature: sso });
    const { id, outs } = await provider.create(inputs);
    expect(h.emulator.requests({ method: "POST" }).at(-1)?.path).toBe("/v1/products/pro/features");
    expect(outs).toMatchObject({ product: "pro", entitlementFeature: sso });
    expect((await features("pro")).map((f) => f.id)).toEqual([id]);
    expect((await provider.read(id, outs)).props).toEqual(outs);
    await provider.delete(id, outs);
    expect(h.emulator.requests({ method: "DELETE" }).map((r) => r.path)).toEqual([
      `/v1/products/pro/features/${id}`,
    ]);
    expect(await features("pro")).toEqual([]);
    expect(h.emulator.objects.get(sso)?.active).toBe(true);
  });

  it("a create re-run by a new process returns the attachment the first one made", async () => {
    const { sso } = await catalog(h);
    const news = (
      await h.provider(productFeature).check(
        {},
        {
          product: "pro",
          entitlementFeature: sso,
          __identity: "billing::ci::::ProductFeature::pro-sso",
        },
      )
    ).inputs;
    const first = await h.provider(productFeature).create(news);
    const again = await h.provider(productFeature).create(news);
    expect(again.id).toBe(first.id);
    expect(await features("pro")).toHaveLength(1);
  });

  it("a feature id that is not one fails the preview naming entitlementFeature", async () => {
    const { failures } = await h
      .provider(productFeature)
      .check({}, { product: "pro", entitlementFeature: "sso" });
    expect(failures).toEqual([{ property: "entitlementFeature", reason: expect.stringContaining("feat_") }]);
    expect(h.emulator.requests()).toEqual([]);
  });

  it("destroy in live mode is a delete the live guard counts", async () => {
    const LIVE = { "stripe-billing:apiKey": liveKey("prodft1"), "stripe-billing:allowLiveMode": "true" };
    const live = h.provider(productFeature, LIVE);
    const product = await fetch(`${h.emulator.url}/v1/products`, {
      method: "POST",
      headers: { authorization: `Bearer ${LIVE["stripe-billing:apiKey"]}` },
      body: new URLSearchParams({ id: "pro", name: "Pro" }),
    });
    expect(product.ok).toBe(true);
    const feature = await fetch(`${h.emulator.url}/v1/entitlements/features`, {
      method: "POST",
      headers: { authorization: `Bearer ${LIVE["stripe-billing:apiKey"]}` },
      body: new URLSearchParams({ lookup_key: "sso", name: "SSO" }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const { inputs } = await live.check({}, { product: "pro", entitlementFeature: feature.id });
    const { id, outs } = await live.create(inputs);
    await expect(live.delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining(`delete ${id}`),
    });
  });
});
