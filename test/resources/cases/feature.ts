/**
 * The contract case of Feature (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { feature } from "../../../provider/resources/feature";
import type { ResourceCase } from "../contract";

export const create = {
  lookupKey: "sso",
  name: "Single sign-on",
  metadata: { team: "identity", tier: "pro" },
};

export const contract: ResourceCase = {
  decl: feature,
  make: () => ({
    create,
    update: {
      inputs: { ...create, name: "SSO", metadata: { team: "identity" } },
      expect(object) {
        expect(object.name).toBe("SSO");
        expect(object.metadata).toEqual({ team: "identity" });
      },
    },
    replace: { inputs: { ...create, lookupKey: "saml" }, replaces: ["lookupKey"] },
    afterDelete(object) {
      expect(object?.active).toBe(false);
    },
    drift: { patch: { name: "Renamed in the Dashboard" } },
    removeMapEntry: {
      from: create,
      to: { ...create, metadata: { team: "identity" } },
      expect(object) {
        expect(object.metadata).toEqual({ team: "identity" });
      },
    },
  }),
  absent: {
    removeNested: "a feature has no nested object",
    editNested: "a feature has no nested object",
  },
};
