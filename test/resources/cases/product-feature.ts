/**
 * The contract case of ProductFeature (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { productFeature } from "../../../provider/resources/product-feature";
import type { Harness } from "../../support/emulator";
import type { ResourceCase } from "../contract";

export async function catalog(h: Harness) {
  await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
  await h.stripe("POST", "/v1/products", { id: "team", name: "Team" });
  const sso = await h.stripe("POST", "/v1/entitlements/features", { lookup_key: "sso", name: "SSO" });
  const api = await h.stripe("POST", "/v1/entitlements/features", { lookup_key: "api", name: "API" });
  return { sso: String(sso.id), api: String(api.id) };
}

export const contract: ResourceCase = {
  decl: productFeature,
  make: async (h) => {
    const { sso, api } = await catalog(h);
    const create = { product: "pro", entitlementFeature: sso };
    return {
      create,
      replace: { inputs: { ...create, entitlementFeature: api }, replaces: ["entitlementFeature"] },
      afterDelete(object) {
        expect(object).toBeUndefined();
      },
    };
  },
  absent: {
    removeNested: "an attachment has no nested object",
    removeMapEntry: "an attachment has no map",
    editNested: "an attachment has no nested object",
  },
};
