import type { PlainObject } from "../../provider/engine/values";
import { feature } from "../../provider/resources/feature";
import type { FormParams } from "../../provider/stripe/encode";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/feature";
import { liveKey } from "../support/keys";

const h = resourceContract(contract);

const identity = (name = "sso") => `billing::ci::::Feature::${name}`;

async function checked(inputs: object, name?: string): Promise<PlainObject> {
  const result = await h
    .provider(feature)
    .check({}, { ...(inputs as PlainObject), __identity: identity(name) });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

const listed = async (params: FormParams = {}) =>
  (await h.stripe("GET", "/v1/entitlements/features", params)).data as PlainObject[];

describe("Feature specifics", () => {
  it("declared again after destroy (archived for good), creates a new feature with the freed lookup key", async () => {
    const news = await checked(create);
    const first = await h.provider(feature).create(news);
    await h.provider(feature).delete(first.id, first.outs);
    // Within the create key's lifetime too: the archived feature does not stand for the new one.
    const second = await h.provider(feature).create(news);
    expect(second.id).not.toBe(first.id);
    expect(h.emulator.objects.get(second.id)).toMatchObject({ active: true, lookup_key: "sso" });
    expect(h.emulator.objects.get(first.id)?.active).toBe(false);
    expect((await listed()).map((f) => f.id)).toEqual([second.id]);
    expect((await listed({ archived: true })).map((f) => f.id)).toEqual([first.id]);
  });

  it("a feature archived out of band reads as gone, so the next up creates a new one", async () => {
    const { id, outs } = await h.provider(feature).create(await checked(create));
    await h.stripe("POST", `/v1/entitlements/features/${id}`, { active: false });
    expect(await h.provider(feature).read(id, outs)).toEqual({ id: "", props: {} });
  });

  it("a lookup key another active feature holds is refused, naming lookupKey", async () => {
    await h.stripe("POST", "/v1/entitlements/features", { lookup_key: "sso", name: "Theirs" });
    await expect(h.provider(feature).create(await checked(create))).rejects.toMatchObject({
      path: "lookupKey",
      message: expect.stringContaining("already uses the lookup key"),
    });
  });

  it("destroy in live mode is an archive the live guard counts", async () => {
    const LIVE = { "stripe-billing:apiKey": liveKey("feature1"), "stripe-billing:allowLiveMode": "true" };
    const live = h.provider(feature, LIVE);
    const { id, outs } = await live.create(
      (await live.check({}, { ...create, __identity: identity() })).inputs,
    );
    await expect(live.delete(id, outs)).rejects.toMatchObject({ code: "live_destroy_refused" });
    expect(h.emulator.objects.get(id)?.active).toBe(true);
  });
});
