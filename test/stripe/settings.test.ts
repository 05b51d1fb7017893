import { ConfigurationError } from "../../provider/errors";
import { PINNED_API_VERSION, resolveSettings } from "../../provider/stripe/settings";
import { liveKey } from "../support/keys";

const TEST_KEY = "sk_test_abc123";

describe("resolveSettings", () => {
  it("reads namespaced stack config first", () => {
    const s = resolveSettings(
      { "stripe-billing:apiKey": TEST_KEY, "stripe-billing:rateLimit": "5" },
      { STRIPE_API_KEY: "sk_test_env" },
    );
    expect(s).toMatchObject({ apiKey: TEST_KEY, mode: "test", rateLimit: 5, apiVersion: PINNED_API_VERSION });
  });

  it("falls back to STRIPE_* environment variables", () => {
    const s = resolveSettings(
      {},
      { STRIPE_API_KEY: TEST_KEY, STRIPE_ACCOUNT: "acct_1", STRIPE_API_BASE: "http://127.0.0.1:1/" },
    );
    expect(s).toMatchObject({
      apiKey: TEST_KEY,
      stripeAccount: "acct_1",
      apiBase: "http://127.0.0.1:1",
      rateLimit: 25,
    });
  });

  it("lets a resource's account override the default one", () => {
    expect(
      resolveSettings(
        { "stripe-billing:stripeAccount": "acct_a" },
        { STRIPE_API_KEY: TEST_KEY },
        { stripeAccount: "acct_b" },
      ).stripeAccount,
    ).toBe("acct_b");
  });

  it.each([
    [{}, {}, "missing_api_key"],
    [{ "stripe-billing:apiKey": "pk_test_x" }, {}, "invalid_api_key"],
    [{ "stripe-billing:apiKey": liveKey("secret9") }, {}, "live_mode_refused"],
    [{ "stripe-billing:apiKey": TEST_KEY, "stripe-billing:maxRetries": "-1" }, {}, "invalid_config"],
  ])("refuses %j with %s", (config, env, code) => {
    let error: unknown;
    try {
      resolveSettings(config, env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe(code);
    expect(String((error as Error).message)).not.toMatch(/secret9/);
  });

  it("accepts a live key when allowLiveMode is true, with the live rate", () => {
    const s = resolveSettings(
      { "stripe-billing:apiKey": liveKey("abc"), "stripe-billing:allowLiveMode": "true" },
      {},
    );
    expect(s).toMatchObject({ mode: "live", rateLimit: 100 });
  });
});
