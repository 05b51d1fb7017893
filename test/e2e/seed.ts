/**
 * What an account holds before a stack exists, for the end-to-end suites.
 */

/**
 * Tax settings found in the account (form parameters of `POST /v1/tax/settings`): a stack's
 * TaxSettings adopts them on create and restores them on destroy.
 */
export const SEEDED_TAX = {
  "defaults[tax_behavior]": "inferred_by_currency",
  "defaults[tax_code]": "txcd_99999999",
  "head_office[address][country]": "US",
  "head_office[address][state]": "CA",
  "head_office[address][postal_code]": "94105",
};
