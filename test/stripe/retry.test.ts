import { DEFAULT_RETRY_POLICY, isRetryable, retryDelayMs } from "../../provider/stripe/retry";

describe("isRetryable", () => {
  it.each([
    [{ kind: "network" }, true],
    [{ kind: "response", status: 409 }, true],
    [{ kind: "response", status: 500 }, true],
    [{ kind: "response", status: 503 }, true],
    [{ kind: "response", status: 429, code: "lock_timeout" }, true],
    [{ kind: "response", status: 429, code: "rate_limit" }, true],
    // A 429 from a proxy carries no Stripe error code.
    [{ kind: "response", status: 429 }, true],
    [{ kind: "response", status: 400, code: "parameter_unknown" }, false],
    [{ kind: "response", status: 404, code: "resource_missing" }, false],
    [{ kind: "response", status: 400, shouldRetryHeader: "true" }, true],
    [{ kind: "response", status: 500, shouldRetryHeader: "false" }, false],
  ] as const)("%j → %s", (outcome, expected) => {
    expect(isRetryable(outcome as any)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  const policy = DEFAULT_RETRY_POLICY;

  it("grows exponentially with jitter between half and full step", () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(500);
    expect(retryDelayMs(3, policy, () => 0)).toBe(1000);
    expect(retryDelayMs(3, policy, () => 1)).toBe(2000);
  });

  it("is capped", () => {
    expect(retryDelayMs(20, policy, () => 1)).toBe(policy.maxDelayMs);
  });

  it("honours Retry-After as a floor", () => {
    expect(retryDelayMs(1, policy, () => 0, 3)).toBe(3000);
  });
});
