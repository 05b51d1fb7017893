/**
 * Which registration types Stripe Tax offers in each country (API version 2026-10-28), as
 * listed by Stripe's API reference for `country_options`.
 */

/** EU member states: one-stop-shop schemes or a standard registration. */
export const EU_COUNTRIES =
  "at be bg cy cz de dk ee es fi fr gr hr hu ie it lt lu lv mt nl pl pt ro se si sk".split(" ");
export const EU_TYPES = ["ioss", "oss_non_union", "oss_union", "standard"] as const;
export const EU_PLACE_OF_SUPPLY = ["inbound_goods", "small_seller", "standard"] as const;

/** Countries with a standard registration only. */
export const STANDARD_COUNTRIES =
  "ae al ao au aw ba bb bd bf bh bs cd ch et gb gn is jp me mk mr no nz om rs sg sr uy za zw".split(" ");
export const STANDARD_PLACE_OF_SUPPLY = ["inbound_goods", "standard"] as const;

/** Countries with a simplified registration only. */
const SIMPLIFIED_COUNTRIES = (
  "am az bj bw by ci cl cm co cr cv ec eg ge gh id in ke kg kh kr kz la lk ma md mu mx my ng np pe ph ru sa sn th " +
  "tj tr tw tz ua ug uz vn zm"
).split(" ");

export const CA_TYPES = ["province_standard", "simplified", "standard"] as const;

/** US registrations for local taxes name a jurisdiction under the type's own key. */
export const US_JURISDICTION_TYPES = [
  "admissions_tax",
  "attendance_tax",
  "entertainment_tax",
  "gross_receipts_tax",
  "hospitality_tax",
  "local_amusement_tax",
  "local_lease_tax",
  "luxury_tax",
  "mass_transit_parking_tax",
  "parking_tax",
  "resort_tax",
  "tourism_tax",
  "utility_users_tax",
] as const;
export const US_TYPES = [
  ...US_JURISDICTION_TYPES,
  "digital_excise_tax",
  "state_communications_tax",
  "state_retail_delivery_fee",
  "state_sales_tax",
] as const;
export const US_ELECTIONS = ["local_use_tax", "simplified_sellers_use_tax", "single_local_use_tax"] as const;

/** The registration types a country allows, or undefined when Stripe Tax does not cover it. */
export function typesFor(country: string): readonly string[] | undefined {
  if (EU_COUNTRIES.includes(country)) return EU_TYPES;
  if (STANDARD_COUNTRIES.includes(country)) return ["standard"];
  if (SIMPLIFIED_COUNTRIES.includes(country)) return ["simplified"];
  if (country === "ca") return CA_TYPES;
  if (country === "us") return US_TYPES;
  return undefined;
}
