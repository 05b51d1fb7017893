/**
 * The whole-suite request check judges the provider's requests, and only those.
 */
import { validateRequest, type RequestRecord } from "../../emulator";
import { providerViolations } from "./conformance";

const record = (params: Record<string, unknown>, userAgent?: string): RequestRecord => ({
  method: "POST",
  path: "/v1/shipping_rates/shr_1",
  status: 200,
  livemode: false,
  params,
  replayed: false,
  at: 0,
  userAgent,
});

describe("providerViolations", () => {
  const provider = "pulumi-stripe-billing/0.1.0 node/20";

  it("reports a provider request Stripe would refuse, naming the parameter", () => {
    const found = providerViolations(
      [record({ fixed_amount: { currency_options: { chf: "" } } }, provider)],
      validateRequest,
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/POST \/v1\/shipping_rates\/shr_1 .*fixed_amount\[currency_options\]\[chf\]/);
  });

  it("passes a valid provider request and ignores requests a test makes itself", () => {
    expect(
      providerViolations(
        [record({ metadata: { tier: "" } }, provider), record({ colour: "red" }, "node")],
        validateRequest,
      ),
    ).toEqual([]);
  });
});
