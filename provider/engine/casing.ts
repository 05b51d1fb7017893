/**
 * camelCase inputs ⇄ snake_case Stripe parameters. Keys under a "map" path are user data
 * (metadata keys, currency codes, country codes) and keep their spelling; the values below
 * them are still converted.
 */
import { isPlainObject, type Plain } from "./values";

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Map paths are written in camelCase dotted form, e.g. `fixedAmount.currencyOptions`. */
export function toStripeKeys(value: Plain, mapPaths: readonly string[] = [], path = ""): Plain {
  return convert(value, mapPaths, path, snakeCase, false);
}

/** The same map paths, but the value is in Stripe's spelling. */
export function fromStripeKeys(value: Plain, mapPaths: readonly string[] = [], path = ""): Plain {
  return convert(value, mapPaths, path, camelCase, true);
}

function convert(
  value: Plain,
  mapPaths: readonly string[],
  path: string,
  rename: (key: string) => string,
  fromStripe: boolean,
): Plain {
  if (Array.isArray(value)) return value.map((item) => convert(item, mapPaths, path, rename, fromStripe));
  if (!isPlainObject(value)) return value;
  const isMap = mapPaths.includes(path);
  const out: Record<string, Plain> = {};
  for (const [key, child] of Object.entries(value)) {
    const renamed = isMap ? key : rename(key);
    const camelKey = isMap ? "*" : fromStripe ? renamed : key;
    const childPath = path ? `${path}.${camelKey}` : camelKey;
    out[renamed] = convert(child, mapPaths, childPath, rename, fromStripe);
  }
  return out;
}

/**
 * Stripe's `param` (e.g. `fixed_amount[currency_options][eur][amount]`) as the camelCase input
 * path a user wrote (`fixedAmount.currencyOptions.eur.amount`).
 */
export function inputPathOfParam(
  param: string | undefined,
  mapPaths: readonly string[] = [],
): string | undefined {
  if (!param) return undefined;
  const segments = param.replace(/\]/g, "").split("[");
  const out: string[] = [];
  let pattern = "";
  for (const segment of segments) {
    const isMap = mapPaths.includes(pattern);
    const name = isMap || /^\d+$/.test(segment) ? segment : camelCase(segment);
    out.push(name);
    const step = isMap ? "*" : /^\d+$/.test(segment) ? null : name;
    if (step !== null) pattern = pattern ? `${pattern}.${step}` : step;
  }
  return out.join(".");
}
