/**
 * What PULUMI_STRIPE_BILLING_RECORD_WRITES records for the stripe-mock replay: the provider's
 * writes the tables accept, and nothing else.
 */
import { validateRequest, type RequestRecord } from "../../emulator";
import { recordableWrites } from "./request-conformance";

const PROVIDER = "pulumi-stripe-billing/0.1.0 node/20";
const record = (over: Partial<RequestRecord>): RequestRecord => ({
  method: "POST",
  path: "/v1/shipping_rates/shr_1",
  status: 200,
  livemode: false,
  params: { metadata: { tier: "" } },
  replayed: false,
  at: 0,
  userAgent: PROVIDER,
  stripeVersion: "2026-10-28.endive",
  ...over,
});

describe("recordableWrites", () => {
  it("records the provider's accepted writes with their form body and headers", () => {
    const lines = recordableWrites(
      [
        record({ stripeAccount: "acct_1" }),
        record({ method: "DELETE", path: "/v1/products/prod_1", params: {} }),
      ],
      validateRequest,
    );
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        method: "POST",
        path: "/v1/shipping_rates/shr_1",
        body: "metadata[tier]=",
        stripeVersion: "2026-10-28.endive",
        stripeAccount: true,
      },
      {
        method: "DELETE",
        path: "/v1/products/prod_1",
        body: "",
        stripeVersion: "2026-10-28.endive",
        stripeAccount: false,
      },
    ]);
  });

  it("leaves out reads, a test's own requests and requests the tables refuse", () => {
    const lines = recordableWrites(
      [
        record({ method: "GET", params: {} }),
        record({ userAgent: "curl/8" }),
        record({ params: { fixed_amount: { currency_options: { chf: "" } } } }),
      ],
      validateRequest,
    );
    expect(lines).toEqual([]);
  });
});
