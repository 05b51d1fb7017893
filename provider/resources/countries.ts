/**
 * The country codes Stripe knows: the two-letter codes Stripe lists for addresses in the
 * pinned SDK's declarations (`Checkout.SessionCreateParams.ShippingAddressCollection
 * .AllowedCountry` in stripe 23.1.0, API version 2026-10-28.endive), without its `ZZ`
 * placeholder, plus the codes that declaration documents as not offered for shipping
 * (`AS CX CC CU HM IR KP MH FM NF MP PW SY UM VI`), which are still countries.
 * https://docs.stripe.com/api/checkout/sessions/create#create_checkout_session-shipping_address_collection-allowed_countries
 * A test compares this list with the installed SDK.
 */
export const STRIPE_ADDRESS_COUNTRIES = (
  "AC AD AE AF AG AI AL AM AO AQ AR AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS " +
  "BT BV BW BY BZ CA CD CF CG CH CI CK CL CM CN CO CR CV CW CY CZ DE DJ DK DM DO DZ EC EE EG EH ER " +
  "ES ET FI FJ FK FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HN HR HT HU ID " +
  "IE IL IM IN IO IQ IS IT JE JM JO JP KE KG KH KI KM KN KR KW KY KZ LA LB LC LI LK LR LS LT LU LV " +
  "LY MA MC MD ME MF MG MK ML MM MN MO MQ MR MS MT MU MV MW MX MY MZ NA NC NE NG NI NL NO NP NR NU " +
  "NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL " +
  "SM SN SO SR SS ST SV SX SZ TA TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA " +
  "VC VE VG VN VU WF WS XK YE YT ZA ZM ZW"
).split(" ");

/** Documented in the same declaration as not offered for shipping; valid countries all the same. */
export const NOT_SHIPPABLE_COUNTRIES = "AS CX CC CU HM IR KP MH FM NF MP PW SY UM VI".split(" ");

const KNOWN = new Set([...STRIPE_ADDRESS_COUNTRIES, ...NOT_SHIPPABLE_COUNTRIES]);

/** Whether `code` (any case) is a country code Stripe accepts in an address. */
export function isStripeCountry(code: string): boolean {
  return KNOWN.has(code.toUpperCase());
}
