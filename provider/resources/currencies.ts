/**
 * The currencies Stripe accepts for prices and amounts, in lower case as the API spells them.
 * Source: Stripe's list of supported presentment currencies, https://docs.stripe.com/currencies
 * ("Supported presentment currencies", including the three-decimal currencies BHD, JOD, KWD,
 * OMR and TND), as of API version 2026-10-28.endive. The SDK's types carry no currency enum,
 * so this list is kept by hand: update it from that page when Stripe adds a currency.
 */
export const STRIPE_CURRENCIES = (
  "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd " +
  "cad cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd " +
  "hkd hnl htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl " +
  "mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr " +
  "pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs tnd top try ttd twd " +
  "tzs uah ugx uyu uzs vnd vuv wst xaf xcd xcg xof xpf yer zar zmw"
).split(" ");

const KNOWN = new Set(STRIPE_CURRENCIES);

/** Whether `code` (any case) is a currency Stripe supports. */
export function isStripeCurrency(code: string): boolean {
  return KNOWN.has(code.toLowerCase());
}
