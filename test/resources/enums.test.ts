/**
 * The enums the resource schemas spell out (as literals, so the resource classes type-check
 * them) are the ones Stripe's parameter tables give for the pinned version: a hand-written
 * list cannot drift from the SDK without this test failing.
 */
import { STRIPE_PARAMS, type StripeParamNode } from "../../provider/stripe/stripe-params";
import { CANCELLATION_REASONS, CUSTOMER_UPDATES } from "../../provider/resources/portal-configuration";
import {
  CA_TYPES,
  EU_TYPES,
  US_ELECTIONS,
  US_JURISDICTION_TYPES,
  US_TYPES,
} from "../../provider/resources/tax-countries";
import { TAX_TYPES } from "../../provider/resources/tax-rate";

/** The node at a path of field names (`[]` steps into an array's items). */
function node(endpoint: string, path: string[]): StripeParamNode {
  let current = STRIPE_PARAMS[endpoint];
  for (const step of path) {
    if (step === "[]" && current.type === "array") current = current.items;
    else if (current.type === "object" && current.fields[step]) current = current.fields[step];
    else throw new Error(`${endpoint}: no ${path.join(".")}`);
  }
  return current;
}

function values(endpoint: string, path: string[]): string[] {
  const n = node(endpoint, path);
  if (n.type !== "enum") throw new Error(`${endpoint} ${path.join(".")} is ${n.type}, not an enum`);
  return [...n.values].sort();
}

const sorted = (list: readonly string[]) => [...list].sort();
const PORTAL = "POST /v1/billing_portal/configurations";
const REGISTRATION = "POST /v1/tax/registrations";

describe("hand-written enums match Stripe's parameter tables", () => {
  it.each([
    ["portal customer updates", CUSTOMER_UPDATES, PORTAL, "features.customer_update.allowed_updates.[]"],
    [
      "portal cancellation reasons",
      CANCELLATION_REASONS,
      PORTAL,
      "features.subscription_cancel.cancellation_reason.options.[]",
    ],
    ["EU registration types", EU_TYPES, REGISTRATION, "country_options.ie.type"],
    ["CA registration types", CA_TYPES, REGISTRATION, "country_options.ca.type"],
    ["US registration types", US_TYPES, REGISTRATION, "country_options.us.type"],
    ["US elections", US_ELECTIONS, REGISTRATION, "country_options.us.state_sales_tax.elections.[].type"],
    ["tax rate types", TAX_TYPES, "POST /v1/tax_rates", "tax_type"],
  ])("%s", (_name, list, endpoint, path) => {
    expect(sorted(list)).toEqual(values(endpoint, path.split(".")));
  });

  it("US local taxes: one jurisdiction object per type that has one", () => {
    const us = node(REGISTRATION, ["country_options", "us"]);
    if (us.type !== "object") throw new Error("country_options.us is not an object");
    const jurisdictions = Object.entries(us.fields)
      .filter(([, field]) => field.type === "object" && "jurisdiction" in field.fields)
      .map(([key]) => key);
    expect(sorted(US_JURISDICTION_TYPES)).toEqual(sorted(jurisdictions));
  });
});
