/**
 * The hand-kept lists the inputs are judged against stay what the pinned SDK says.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { NOT_SHIPPABLE_COUNTRIES, STRIPE_ADDRESS_COUNTRIES } from "../../provider/resources/countries";
import { STRIPE_CURRENCIES } from "../../provider/resources/currencies";

const sdk = (file: string) =>
  fs.readFileSync(path.join(__dirname, "../../node_modules/stripe/cjs/resources", file), "utf8");

describe("reference data", () => {
  it("lists exactly the address countries of the installed SDK, without its ZZ placeholder", () => {
    const text = sdk("Checkout/Sessions.d.ts");
    const union = /type AllowedCountry = ([^;]*);/.exec(text)![1];
    const codes = [...union.matchAll(/'([A-Z]{2})'/g)].map((m) => m[1]).filter((c) => c !== "ZZ");
    expect([...STRIPE_ADDRESS_COUNTRIES].sort()).toEqual(codes.sort());
    const documented = /Unsupported country codes: `([A-Z, ]+)`/.exec(text)![1].split(", ");
    expect([...NOT_SHIPPABLE_COUNTRIES].sort()).toEqual(documented.sort());
  });

  it("keeps currencies lower-case, three letters, without duplicates", () => {
    expect(STRIPE_CURRENCIES.every((c) => /^[a-z]{3}$/.test(c))).toBe(true);
    expect(new Set(STRIPE_CURRENCIES).size).toBe(STRIPE_CURRENCIES.length);
  });
});
