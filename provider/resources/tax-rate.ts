/**
 * TaxRate — a tax percentage applied to invoices, subscriptions and Checkout Sessions.
 */
import { z } from "zod";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource } from "../engine/declaration";
import { countrySchema, metadataSchema } from "./common";

/** Stripe's tax types for the pinned API version (TaxRateCreateParams.TaxType). */
export const TAX_TYPES = [
  "admissions_tax",
  "amusement_tax",
  "attendance_tax",
  "communications_tax",
  "digital_excise_tax",
  "entertainment_tax",
  "get_fund",
  "gross_receipts_tax",
  "gst",
  "hospitality_tax",
  "hst",
  "igst",
  "jct",
  "lease_tax",
  "luxury_tax",
  "mass_transit_parking_tax",
  "nhil",
  "parking_tax",
  "pst",
  "qst",
  "resort_tax",
  "retail_delivery_fee",
  "rst",
  "sales_tax",
  "service_tax",
  "tourism_tax",
  "utility_users_tax",
  "vat",
] as const;

export function taxRateSchema() {
  return z.strictObject({
    displayName: z
      .string()
      .min(1)
      .describe('The name customers see on invoices and receipts, e.g. "VAT" or "Sales tax".'),
    // https://docs.stripe.com/api/tax_rates/create#create_tax_rate-percentage: "the tax rate
    // percent out of 100".
    percentage: z
      .number()
      .min(0)
      .max(100)
      .describe("The tax rate in percent (0 to 100, decimals allowed), e.g. `19` or `8.875`."),
    inclusive: z
      .boolean()
      .describe("Whether prices already include the tax (`true`) or the tax is added on top (`false`)."),
    active: z
      .boolean()
      .default(true)
      .describe("Whether the rate can be applied to new subscriptions, invoices and Checkout Sessions."),
    country: countrySchema()
      .optional()
      .describe("The two-letter ISO country code the rate applies in, e.g. `DE`."),
    // https://docs.stripe.com/api/tax_rates/create#create_tax_rate-state: "ISO 3166-2 subdivision
    // code, without country prefix".
    state: z
      .string()
      .regex(/^[A-Za-z0-9]{1,3}$/, "must be an ISO 3166-2 subdivision code without the country, e.g. NY")
      .optional()
      .describe("The ISO 3166-2 subdivision code without the country prefix, e.g. `NY` for New York."),
    jurisdiction: z
      .string()
      .min(1)
      .optional()
      .describe("The jurisdiction label for tax reporting, shown on invoices, e.g. `DE` or `NYC`."),
    taxType: z.enum(TAX_TYPES).optional().describe("The kind of tax, e.g. `vat` or `sales_tax`."),
    description: z.string().min(1).optional().describe("A note for your own team; customers never see it."),
    metadata: metadataSchema()
      .optional()
      .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
    ...commonInputs(),
  });
}

/** Inputs of a TaxRate, as the user writes them. */
export type TaxRateInputs = z.input<ReturnType<typeof taxRateSchema>>;

/**
 * What names a tax rate for people, the same in every account (Stripe gives tax rates no custom
 * id): its display name, where it applies, its percentage and whether it is inclusive.
 */
function taxRateName(object: Record<string, unknown>): string {
  const place = object.jurisdiction ?? [object.country, object.state].filter(Boolean).join(" ");
  const kind = object.inclusive ? "inclusive" : "exclusive";
  return [object.display_name, place, `${String(object.percentage)}%`, kind].filter(Boolean).join(" ");
}

export const taxRate = declareResource({
  type: "TaxRate",
  stripeObject: "tax_rate",
  path: "/v1/tax_rates",
  identity: { name: taxRateName },
  export: { lists: [{ active: true }] },
  words: {
    noun: "Tax rate",
    label: "displayName",
    destroyed: () => "archived (Stripe cannot delete tax rates)",
  },
  schema: taxRateSchema,
  computed: () => z.object({ livemode: livemodeOutput(), created: createdOutput() }),
  // TaxRateUpdateParams has neither: a rate's percentage and inclusiveness never change.
  // https://docs.stripe.com/api/tax_rates/update
  createOnly: ["percentage", "inclusive"],
  maps: ["metadata"],
  // https://docs.stripe.com/api/tax_rates offers no delete, only `active: false`: an archived
  // rate keeps working for the subscriptions and invoices that already have it.
  async delete(ctx, id) {
    await ctx.api.update(id, { active: false });
  },
});
