/**
 * A token bucket shared by every resource in the process, so that parallel creates stay under
 * Stripe's request limit instead of provoking bursts of 429s. Implemented as a generic cell
 * rate algorithm: each request reserves the next free slot, so waiting callers are served in
 * order with no polling. A 429 from Stripe slows the bucket down; successes speed it back up.
 */

export interface RateLimiterOptions {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests that may go at once after an idle period. */
  burst?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const MIN_RATE_FRACTION = 0.2;

export class RateLimiter {
  private readonly configured: number;
  private rate: number;
  private readonly burst: number;
  private theoreticalArrival = 0;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: RateLimiterOptions) {
    if (!(options.perSecond > 0))
      throw new RangeError("rate limit must be a positive number of requests per second");
    this.configured = options.perSecond;
    this.rate = options.perSecond;
    // A small burst keeps the sustained rate at the limit while leaving room for the
    // server's own bucket, which may not start full.
    this.burst = Math.max(1, options.burst ?? Math.floor(options.perSecond / 5));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Resolves when the caller may send one request. */
  async acquire(): Promise<void> {
    const interval = 1000 / this.rate;
    const now = this.now();
    const arrival = Math.max(this.theoreticalArrival, now);
    const wait = arrival - (this.burst - 1) * interval - now;
    this.theoreticalArrival = arrival + interval;
    if (wait > 0) await this.sleep(wait);
  }

  /** Stripe said 429 anyway: another client shares the account, or the limit is lower. */
  penalize(): void {
    this.rate = Math.max(this.configured * MIN_RATE_FRACTION, this.rate * 0.7);
    this.theoreticalArrival = Math.max(this.theoreticalArrival, this.now()) + 1000 / this.rate;
  }

  /** A request went through: recover towards the configured rate. */
  reward(): void {
    if (this.rate < this.configured)
      this.rate = Math.min(this.configured, this.rate + this.configured * 0.02);
  }
}

const shared = new Map<string, RateLimiter>();

/** One limiter per Stripe account and mode in this process, created on first use. */
export function sharedRateLimiter(key: string, perSecond: number): RateLimiter {
  const id = `${key}@${perSecond}`;
  let limiter = shared.get(id);
  if (!limiter) {
    limiter = new RateLimiter({ perSecond });
    shared.set(id, limiter);
  }
  return limiter;
}
