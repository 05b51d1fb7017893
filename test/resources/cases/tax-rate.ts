/**
 * The contract case of TaxRate (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { taxRate } from "../../../provider/resources/tax-rate";
import type { ResourceCase } from "../contract";

export const create = {
  displayName: "VAT",
  percentage: 19,
  inclusive: false,
  country: "de",
  taxType: "vat",
  metadata: { team: "billing", region: "eu" },
};

export const contract: ResourceCase = {
  decl: taxRate,
  make: () => ({
    create,
    update: {
      inputs: {
        ...create,
        displayName: "MwSt",
        jurisdiction: "DE",
        description: "German VAT",
        metadata: { team: "ops" },
      },
      expect(object) {
        expect(object).toMatchObject({
          display_name: "MwSt",
          jurisdiction: "DE",
          description: "German VAT",
          metadata: { team: "ops" },
          percentage: 19,
        });
      },
    },
    replace: { inputs: { ...create, percentage: 20 }, replaces: ["percentage"] },
    afterDelete(object) {
      expect(object?.active).toBe(false);
    },
    drift: { patch: { display_name: "Someone else's" } },
    removeMapEntry: { from: create, to: { ...create, metadata: { team: "billing" } } },
  }),
  absent: {
    removeNested: "no nested object",
    editNested: "no nested object",
  },
};
