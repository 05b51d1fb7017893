/**
 * The contract case of TaxSettings (see ../contract.ts), as data: its test file runs the contract
 * from it, and the fault and provider-host suites run the resource from it.
 */
import { taxSettings } from "../../../provider/resources/tax-settings";
import type { Harness } from "../../support/emulator";
import type { ResourceCase } from "../contract";

export const create = {
  defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
  headOffice: { address: { line1: "1 Main St", city: "Dublin", postalCode: "D01", country: "ie" } },
};
export const settings = (h: Harness) => h.stripe("GET", "/v1/tax/settings");
const storedSettings = (h: Harness) => h.emulator.objects.get("tax_settings:test:self") as any;

export const contract: ResourceCase = {
  decl: taxSettings,
  make: () => ({
    create,
    update: {
      inputs: { ...create, defaults: { taxBehavior: "inclusive", taxCode: "txcd_10000000" } },
      expect(object) {
        expect(object.defaults.tax_behavior).toBe("inclusive");
      },
    },
    async afterDelete(_object, h) {
      // The account had no defaults and no head office before: Stripe cannot empty them again.
      const now = await settings(h);
      expect(now.defaults.tax_behavior).toBe("exclusive");
      expect(h.warnings.join("\n")).toMatch(/cannot empty a tax setting again/);
    },
    drift: {
      patch: {
        defaults: { provider: "stripe", tax_behavior: "inferred_by_currency", tax_code: "txcd_10000000" },
      },
    },

    // Stripe never lets a setting return to empty once set.
    removeNested: {
      from: create,
      to: { defaults: create.defaults },
      plan: { fails: /headOffice\.address\.\w+.*cannot be removed/ },
    },
    // The address is one value: adding a line sends it whole, country included.
    editNested: {
      from: create,
      to: { ...create, headOffice: { address: { ...create.headOffice.address, line2: "Floor 2" } } },
      expect(object) {
        expect(object.head_office.address).toMatchObject({
          line1: "1 Main St",
          line2: "Floor 2",
          country: "IE",
        });
      },
    },
    stored: (h) => storedSettings(h),
  }),
  absent: {
    removeMapEntry: "the settings have no map input",
  },
};
