/**
 * The contract case of Product (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { product } from "../../../provider/resources/product";
import type { ResourceCase } from "../contract";

export const create = {
  productId: "pro",
  name: "Pro",
  description: "Everything in Starter, and more",
  images: ["https://example.com/pro.png"],
  marketingFeatures: [{ name: "Unlimited projects" }],
  unitLabel: "seat",
  taxCode: "txcd_10103001",
  metadata: { tier: "pro", team: "billing" },
};

export const contract: ResourceCase = {
  decl: product,
  make: () => ({
    create,
    update: {
      inputs: {
        ...create,
        name: "Pro plan",
        description: undefined,
        images: undefined,
        packageDimensions: { height: 1, length: 2, weight: 3.5, width: 4 },
        metadata: { tier: "pro" },
      },
      expect(object) {
        expect(object.name).toBe("Pro plan");
        expect(object.description).toBeNull();
        expect(object.images).toEqual([]);
        expect(object.package_dimensions).toEqual({ height: 1, length: 2, weight: 3.5, width: 4 });
        expect(object.metadata).toEqual({ tier: "pro" });
      },
    },
    replace: { inputs: { ...create, productId: "pro-2" }, replaces: ["productId"] },
    afterDelete(object) {
      // No price uses it: Stripe deletes it.
      expect(object).toBeUndefined();
    },
    drift: { patch: { name: "Renamed in the Dashboard" } },
    removeNested: {
      from: { ...create, packageDimensions: { height: 1, length: 2, weight: 3, width: 4 } },
      to: create,
      expect(object) {
        expect(object.package_dimensions).toBeNull();
      },
    },
    removeMapEntry: {
      from: create,
      to: { ...create, metadata: { tier: "pro" } },
      expect(object) {
        expect(object.metadata).toEqual({ tier: "pro" });
      },
    },
    editNested: {
      from: { ...create, packageDimensions: { height: 1, length: 2, weight: 3, width: 4 } },
      to: { ...create, packageDimensions: { height: 1, length: 2, weight: 3.25, width: 4 } },
      expect(object) {
        expect(object.package_dimensions).toEqual({ height: 1, length: 2, weight: 3.25, width: 4 });
      },
    },
  }),
};
