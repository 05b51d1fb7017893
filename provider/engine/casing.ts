/**
 * camelCase inputs ⇄ snake_case Stripe parameters. Keys under a "map" path are user data
 * (metadata keys, currency codes, country codes) and keep their spelling; the values below
 * them are still converted.
 */
import { parsePath, pathStartsWith } from "./paths";
import { isPlainObject, type Plain } from "./values";

export function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** Map paths are input paths (./paths), e.g. `fixedAmount.currencyOptions`, `phases[].metadata`. */
export function toStripeKeys(value: Plain, mapPaths: readonly string[] = [], path = ""): Plain {
  return convert(value, mapPaths.map(parsePath), parsePath(path), snakeCase, false);
}

/** The same map paths, but the value is in Stripe's spelling. */
export function fromStripeKeys(value: Plain, mapPaths: readonly string[] = [], path = ""): Plain {
  return convert(value, mapPaths.map(parsePath), parsePath(path), camelCase, true);
}

/** Whether the object at the concrete input path `path` is one of the maps. */
function isMapAt(maps: readonly string[][], path: readonly string[]): boolean {
  return maps.some((map) => pathStartsWith(path, map, true));
}

function convert(
  value: Plain,
  maps: readonly string[][],
  path: string[],
  rename: (key: string) => string,
  fromStripe: boolean,
): Plain {
  if (Array.isArray(value)) {
    return value.map((item, i) => convert(item, maps, [...path, String(i)], rename, fromStripe));
  }
  if (!isPlainObject(value)) return value;
  const isMap = isMapAt(maps, path);
  const out: Record<string, Plain> = {};
  for (const [key, child] of Object.entries(value)) {
    const renamed = isMap ? key : rename(key);
    out[renamed] = convert(child, maps, [...path, fromStripe ? renamed : key], rename, fromStripe);
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
  const maps = mapPaths.map(parsePath);
  const out: string[] = [];
  for (const segment of param.replace(/\]/g, "").split("[")) {
    out.push(isMapAt(maps, out) || /^\d+$/.test(segment) ? segment : camelCase(segment));
  }
  return out.join(".");
}
