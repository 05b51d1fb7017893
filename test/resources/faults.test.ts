/**
 * Every fault class the emulator can inject, survived by a create with exactly one object
 * created: retries reuse the idempotency key, so a lost response never doubles a write.
 */
import type { Fault } from "../../emulator";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { useEmulator } from "../support/emulator";

const h = useEmulator();
const inputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };

async function createOnce() {
  const provider = h.provider(shippingRate);
  const checked = (await provider.check({}, inputs)).inputs;
  return provider.create(checked);
}

describe("faults during create", () => {
  it.each<[string, Fault, number]>([
    ["500", { type: "status", status: 500, method: "POST", times: 2 }, 3],
    ["503", { type: "status", status: 503, method: "POST" }, 2],
    ["429 lock_timeout", { type: "lock_timeout", method: "POST", times: 2 }, 3],
    ["429 rate_limit", { type: "rate_limit", method: "POST" }, 2],
    ["connection reset before the write", { type: "reset", when: "before", method: "POST" }, 2],
    [
      "connection reset after the write is committed",
      { type: "reset", when: "after", method: "POST", times: 2 },
      3,
    ],
    ["added latency", { type: "latency", ms: 200, method: "POST" }, 1],
  ])("%s: one object, %s requests, one idempotency key", async (_name, fault, attempts) => {
    h.emulator.inject(fault);
    const { id } = await createOnce();
    const posts = h.emulator.requests({ method: "POST", path: "/v1/shipping_rates" });
    expect(posts.length).toBeGreaterThanOrEqual(
      fault.type === "reset" && fault.when === "before" ? 1 : attempts,
    );
    expect(new Set(posts.map((r) => r.idempotencyKey)).size).toBe(1);
    const list = await fetch(`${h.emulator.url}/v1/shipping_rates?limit=100`, {
      headers: { authorization: "Bearer sk_test_emulatorcontract0000000000" },
    }).then((r) => r.json() as Promise<{ data: { id: string }[] }>);
    expect(list.data.map((o) => o.id)).toEqual([id]);
  });

  it("gives up on a request Stripe will not accept, without retrying", async () => {
    const provider = h.provider(shippingRate);
    await expect(provider.create({ displayName: "x", type: "fixed_amount" })).rejects.toMatchObject({
      statusCode: 400,
    });
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
  });

  it("stops after the retry budget and reports the last error", async () => {
    h.emulator.inject({ type: "status", status: 503, method: "POST", times: 100 });
    await expect(createOnce()).rejects.toMatchObject({ statusCode: 503 });
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(7);
  });
});
