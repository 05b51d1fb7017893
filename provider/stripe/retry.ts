/**
 * When to try a Stripe request again, and how long to wait first. Pure functions, so the
 * policy is tested without a network or a clock.
 */

export interface RetryPolicy {
  /** Attempts after the first. */
  maxRetries: number;
  /** No retry is started once this much time has passed since the first attempt. */
  maxElapsedMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  maxElapsedMs: 90_000,
  initialDelayMs: 500,
  maxDelayMs: 8_000,
};

/** What came back from one attempt, as far as the retry decision cares. */
export type AttemptOutcome =
  | { kind: "network" }
  | {
      kind: "response";
      status: number;
      code?: string;
      shouldRetryHeader?: string;
      retryAfterSeconds?: number;
    };

export function isRetryable(outcome: AttemptOutcome): boolean {
  if (outcome.kind === "network") return true;
  // Stripe's explicit word wins over any rule of ours.
  if (outcome.shouldRetryHeader === "true") return true;
  if (outcome.shouldRetryHeader === "false") return false;
  if (outcome.status === 409) return true;
  if (outcome.status === 429)
    return outcome.code === "lock_timeout" || outcome.code === "rate_limit" || !outcome.code;
  return outcome.status >= 500;
}

/**
 * Exponential backoff with jitter in [half, full] of the step, never less than the initial
 * delay; a `Retry-After` from Stripe is a floor.
 */
export function retryDelayMs(
  retryNumber: number,
  policy: RetryPolicy,
  random: () => number,
  retryAfterSeconds?: number,
): number {
  const step = Math.min(policy.initialDelayMs * 2 ** (retryNumber - 1), policy.maxDelayMs);
  const jittered = Math.max(policy.initialDelayMs, step * 0.5 * (1 + random()));
  const floor = retryAfterSeconds !== undefined && retryAfterSeconds > 0 ? retryAfterSeconds * 1000 : 0;
  return Math.max(jittered, Math.min(floor, policy.maxDelayMs * 4));
}
