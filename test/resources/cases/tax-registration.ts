/**
 * The contract case of TaxRegistration (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { taxRegistration } from "../../../provider/resources/tax-registration";
import type { ResourceCase } from "../contract";

export const create = { country: "IE", countryOptions: { ie: { type: "oss_union" } } };

export const contract: ResourceCase = {
  decl: taxRegistration,
  make: () => ({
    create,
    update: {
      inputs: { ...create, expiresAt: 4102444800 },
      expect(object) {
        expect(object.expires_at).toBe(4102444800);
      },
    },
    replace: {
      inputs: {
        ...create,
        countryOptions: { ie: { type: "standard", standard: { placeOfSupplyScheme: "standard" } } },
      },
      replaces: ["countryOptions"],
    },
    afterDelete(object) {
      expect(object?.expires_at).toEqual(expect.any(Number));
      expect(object?.status).toBe("expired");
    },
    drift: { patch: { expires_at: 4102444800 } },
    removeNested: {
      from: {
        ...create,
        countryOptions: { ie: { type: "standard", standard: { placeOfSupplyScheme: "standard" } } },
      },
      to: { ...create, countryOptions: { ie: { type: "standard" } } },
      plan: { replaces: ["countryOptions"] },
    },
  }),
  absent: {
    removeMapEntry: "countryOptions has exactly one key, the country, and there is no metadata",
    editNested: "every nested input is create-only: a change replaces (see removeNested)",
  },
};
