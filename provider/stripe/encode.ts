/**
 * Stripe's form encoding, byte for byte as the official SDK writes it: nested objects as
 * `a[b][c]=v`, arrays indexed `a[0][b]=v`, `null` and `""` as `key=` (which unsets a field),
 * `undefined` dropped, empty arrays and objects sending nothing. Brackets stay readable;
 * `!*()'` are escaped as the `qs` library does.
 */

export type FormValue = string | number | boolean | null | undefined | Date | FormValue[] | FormParams;
export interface FormParams {
  [key: string]: FormValue;
}

export function encodeForm(params: FormParams): string {
  const pairs: string[] = [];
  const visit = (key: string, value: FormValue): void => {
    if (value === undefined) return;
    if (value === null || typeof value !== "object" || value instanceof Date) {
      pairs.push(`${escape(key)}=${escape(scalar(value))}`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(`${key}[${i}]`, item));
      return;
    }
    for (const k of Object.keys(value)) visit(`${key}[${k}]`, value[k]);
  };
  for (const key of Object.keys(params)) visit(key, params[key]);
  return pairs.join("&");
}

function scalar(value: string | number | boolean | null | Date): string {
  if (value === null) return "";
  if (value instanceof Date) return String(Math.floor(value.getTime() / 1000));
  return String(value);
}

function escape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!*()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%5B/g, "[")
    .replace(/%5D/g, "]");
}
