import { StripeClient } from "../../provider/stripe/client";
import { RateLimiter } from "../../provider/stripe/rate-limiter";
import type { StripeSettings } from "../../provider/stripe/settings";

/** A fake clock: sleeping advances time, so the limiter's schedule is observed exactly. */
function fakeClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe("RateLimiter", () => {
  it("lets a burst through, then spaces requests at the rate", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ perSecond: 10, burst: 2, ...clock });
    const times: number[] = [];
    for (let i = 0; i < 6; i++) {
      await limiter.acquire();
      times.push(Math.round(clock.now()));
    }
    expect(times).toEqual([0, 0, 100, 200, 300, 400]);
  });

  it("sustains the configured rate over many requests", async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ perSecond: 25, ...clock });
    for (let i = 0; i < 250; i++) await limiter.acquire();
    const rate = 250 / (clock.now() / 1000);
    expect(rate).toBeGreaterThan(24);
    expect(rate).toBeLessThanOrEqual(26);
  });

  it("slows down after a 429 and recovers with successes", () => {
    const limiter = new RateLimiter({ perSecond: 100, ...fakeClock() });
    limiter.penalize();
    expect(limiter.currentRate).toBeCloseTo(70);
    for (let i = 0; i < 100; i++) limiter.reward();
    expect(limiter.currentRate).toBe(100);
  });

  it("refuses a non-positive rate", () => {
    expect(() => new RateLimiter({ perSecond: 0 })).toThrow(RangeError);
  });
});

describe("the process-wide limiter", () => {
  const settings = (stripeAccount?: string): StripeSettings => ({
    apiKey: "sk_test_limitershared000",
    mode: "test",
    apiBase: "http://127.0.0.1:1",
    apiVersion: "2026-10-28.endive",
    stripeAccount,
    rateLimit: 3,
  });
  const limiterOf = (client: StripeClient) => (client as unknown as { limiter: RateLimiter }).limiter;

  it("is shared by every client of one account, so separate providers stay under Stripe's limit together", async () => {
    const a = new StripeClient(settings());
    const b = new StripeClient(settings());
    expect(limiterOf(a)).toBe(limiterOf(b));
    expect(limiterOf(new StripeClient(settings("acct_other")))).not.toBe(limiterOf(a));
    // What one client spends, the other waits for (a separate limiter would not wait at all).
    for (let i = 0; i < 3; i++) await limiterOf(a).acquire();
    const started = Date.now();
    await limiterOf(b).acquire();
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});
