/**
 * The provider host stops writing once the Pulumi engine that started it (its parent) is gone.
 */
import { parentAlive, watchParent, type ParentWatch } from "../../provider/host/parent-watch";
import { StripeClient } from "../../provider/stripe/client";
import { RateLimiter } from "../../provider/stripe/rate-limiter";
import { resolveSettings } from "../../provider/stripe/settings";
import { useEmulator, TEST_KEY } from "../support/emulator";

const h = useEmulator();
let watch: ParentWatch | undefined;
afterEach(() => watch?.stop());

function client() {
  const settings = resolveSettings(
    { "stripe-billing:apiKey": TEST_KEY, "stripe-billing:apiBase": h.emulator.url },
    {},
  );
  return new StripeClient(settings, {
    limiter: new RateLimiter({ perSecond: 1000 }),
    policy: { maxRetries: 0 },
  });
}

describe("watching the parent process", () => {
  it("knows its parent is alive and another process is not its parent", () => {
    expect(parentAlive(process.ppid)).toBe(true);
    expect(parentAlive(process.pid)).toBe(false);
  });

  it("while the engine runs, writes go through", async () => {
    watch = watchParent({ onGone: () => undefined });
    await client().post("/v1/shipping_rates", {
      display_name: "A",
      type: "fixed_amount",
      fixed_amount: { amount: 1, currency: "usd" },
    });
    expect(watch.gone).toBe(false);
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
  });

  it("once the engine is gone, no write is sent and the host is told to end; reads still work", async () => {
    let ended = 0;
    // A process that is not this one's parent stands for an engine that has exited.
    watch = watchParent({ parentPid: process.pid, intervalMs: 10, onGone: () => ended++ });
    await expect(
      client().post("/v1/shipping_rates", {
        display_name: "A",
        type: "fixed_amount",
        fixed_amount: { amount: 1, currency: "usd" },
      }),
    ).rejects.toMatchObject({ code: "engine_gone" });
    expect(watch.gone).toBe(true);
    expect(ended).toBe(1);
    expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(0);
    await client().get("/v1/shipping_rates");
    expect(h.emulator.count("GET", "/v1/shipping_rates")).toBe(1);
  });
});
