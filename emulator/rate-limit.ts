/** A token bucket per mode: capacity = rate, refilled at `rate` tokens per second. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private perSecond: number | undefined;

  constructor(perSecond?: number) {
    this.perSecond = perSecond;
  }

  setRate(perSecond: number | undefined): void {
    this.perSecond = perSecond;
    this.buckets.clear();
  }

  /** Takes a token; false when the bucket is empty (the request gets a 429). */
  take(key: string): boolean {
    const rate = this.perSecond;
    if (rate === undefined) return true;
    const now = performance.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
