import {
  MAX_KEY_LENGTH,
  canonicalJson,
  deriveIdempotencyKey,
  fingerprint,
} from "../../provider/stripe/idempotency";

const identity = "billing::prod::::ShippingRate::ground";
const params = { display_name: "Ground", fixed_amount: { amount: 500, currency: "usd" } };

describe("derived idempotency keys", () => {
  it("are the same for the same write in any process", () => {
    const a = deriveIdempotencyKey({ step: "create", identity }, "POST", "/v1/shipping_rates", params);
    const b = deriveIdempotencyKey(
      { step: "create", identity },
      "POST",
      "/v1/shipping_rates",
      // Key order is not part of the write.
      { fixed_amount: { currency: "usd", amount: 500 }, display_name: "Ground" },
    );
    expect(a).toBe(b);
  });

  it("differ by resource, parameters, path, step, base and generation", () => {
    const key = (over: object = {}, p: object = params, path = "/v1/shipping_rates") =>
      deriveIdempotencyKey({ step: "create", identity, ...over }, "POST", path, p);
    const keys = [
      key(),
      key({ identity: "billing::prod::::ShippingRate::express" }),
      key({ identity: "billing::staging::::ShippingRate::ground" }),
      key({}, { ...params, display_name: "Ground (new)" }),
      key({}, params, "/v1/shipping_rates/shr_1"),
      key({ step: "settle" }),
      key({ base: fingerprint({ active: true }) }),
      key({ generation: 1 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("stay within Stripe's length limit and hold no parameter or secret", () => {
    const long = { description: "x".repeat(5000), secret: "sk_test_abcdef" };
    const key = deriveIdempotencyKey({ step: "update", identity: "y".repeat(3000) }, "POST", "/v1/x", long);
    expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
    expect(key).toMatch(/^psb1-update-0-[A-Za-z0-9_-]{43}$/);
    expect(key).not.toMatch(/sk_test|xxx|yyy/);
  });

  it("are random for a create with no identity (two such creates must not share one)", () => {
    const a = deriveIdempotencyKey({ step: "create" }, "POST", "/v1/shipping_rates", params);
    const b = deriveIdempotencyKey({ step: "create" }, "POST", "/v1/shipping_rates", params);
    expect(a).not.toBe(b);
    // A write to an existing object is named by its path.
    const c = deriveIdempotencyKey({ step: "update" }, "POST", "/v1/shipping_rates/shr_1", params);
    expect(deriveIdempotencyKey({ step: "update" }, "POST", "/v1/shipping_rates/shr_1", params)).toBe(c);
  });

  it("canonical JSON sorts keys and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2}]},"b":1}',
    );
  });
});
