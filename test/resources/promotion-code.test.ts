import { coupon } from "../../provider/resources/coupon";
import { promotionCode } from "../../provider/resources/promotion-code";
import { resourceContract } from "./contract";
import { contract } from "./cases/promotion-code";
import { liveKey } from "../support/keys";

const h = resourceContract(contract);

const LIVE = { "stripe-billing:apiKey": liveKey("promo1"), "stripe-billing:allowLiveMode": "true" };

describe("PromotionCode specifics", () => {
  beforeEach(async () => {
    await h.stripe("POST", "/v1/coupons", { id: "summer", percent_off: 20 });
  });

  const plain = { code: "SUMMER20", promotion: { coupon: "summer" } };

  it("can be declared again after a destroy: an inactive code blocks no new one", async () => {
    const provider = h.provider(promotionCode);
    const inputs = (await provider.check({}, plain)).inputs;
    const first = await provider.create(inputs);
    await provider.delete(first.id, first.outs);
    const again = await provider.create((await provider.check({}, { ...plain, code: "summer20" })).inputs);
    expect(again.id).not.toBe(first.id);
    expect(h.emulator.objects.get(again.id)).toMatchObject({ active: true, code: "summer20" });
    expect(h.emulator.objects.get(first.id)?.active).toBe(false);
  });

  it("refuses a second active code of any case, naming the code", async () => {
    const provider = h.provider(promotionCode);
    await provider.create((await provider.check({}, plain)).inputs);
    const other = (await provider.check({}, { ...plain, code: "Summer20" })).inputs;
    await expect(provider.create(other)).rejects.toMatchObject({ path: "code" });
  });

  it("replaces by deactivating the old code first, so the new one can take the code", async () => {
    await h.stripe("POST", "/v1/coupons", { id: "autumn", percent_off: 15 });
    const provider = h.provider(promotionCode);
    const { id, outs } = await provider.create((await provider.check({}, plain)).inputs);
    const news = (await provider.check(outs, { ...plain, promotion: { coupon: "autumn" } })).inputs;
    expect(await provider.diff(id, outs, news)).toEqual({
      changes: true,
      replaces: ["promotion"],
      deleteBeforeReplace: true,
      detail: [{ path: ["promotion", "coupon"], kind: "changed", createOnly: true }],
    });
    // Pulumi runs the old delete, then the create.
    await provider.delete(id, outs);
    const created = await provider.create(news);
    expect(h.emulator.objects.get(created.id)).toMatchObject({
      active: true,
      promotion: { coupon: "autumn", type: "coupon" },
    });
  });

  it("refuses to deactivate a live code without allowLiveDestroy, before anything is sent", async () => {
    const live = h.provider(coupon, LIVE);
    await live.create((await live.check({}, { couponId: "summer", percentOff: 20 })).inputs);
    const provider = h.provider(promotionCode, LIVE);
    const { id, outs } = await provider.create((await provider.check({}, plain)).inputs);
    const before = h.emulator.requests({ method: "POST" }).length;
    await expect(provider.delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining(`archive (deactivate) ${id}`),
    });
    expect(h.emulator.requests({ method: "POST" }).length).toBe(before);
  });

  it.each([
    [{ ...plain, code: "SUMMER 20" }, "code", /letters/],
    [{ ...plain, code: "SUMMER_20" }, "code", /letters/],
    [{ ...plain, code: "ÉTÉ20" }, "code", /letters/],
    [{ ...plain, restrictions: { minimumAmount: 100 } }, "restrictions", /needs its currency/],
    [{ ...plain, restrictions: { minimumAmountCurrency: "usd" } }, "restrictions", /needs minimumAmount/],
    [
      {
        ...plain,
        restrictions: {
          minimumAmount: 1,
          minimumAmountCurrency: "usd",
          currencyOptions: { usd: { minimumAmount: 1 } },
        },
      },
      "restrictions",
      /not another currency/,
    ],
    [{ ...plain, customer: "bob" }, "customer", /cus_/],
    [{ ...plain, promotion: { type: "coupon" } }, "promotion", /expected string/],
  ])(
    "rejects bad input %# at check, naming the field, with no request",
    async (inputs, property, message) => {
      const before = h.emulator.requests().length;
      const result = await h.provider(promotionCode).check({}, inputs);
      const failure = result.failures.find((f) => f.property === property);
      expect(failure?.reason).toMatch(message);
      expect(h.emulator.requests()).toHaveLength(before);
    },
  );
});
