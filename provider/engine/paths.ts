/**
 * The one grammar of paths into inputs, wherever a declaration, a spec section or the engine
 * names a place: keys in camelCase joined by `.`, `*` for any key of a map, and `[]` after a
 * key for each element of its list: `currencyOptions.*.unitAmount`, `phases[].items[].price`.
 *
 * A written path is parsed into segments (`phases[].items` → `phases`, `[]`, `items`). A
 * concrete path, the place of one value, has the same segments with every `*` a real key and
 * every `[]` an index (`phases`, `0`, `items`). This module holds the one walker over
 * patterns and the one matcher between patterns and concrete paths.
 */
import { isPlainObject, prune, type Plain } from "./values";

/** The segment standing for any key of a map. */
export const ANY_KEY = "*";
/** The segment standing for each element of a list. */
export const EACH_ELEMENT = "[]";

/** A written path as segments: `phases[].items` → `["phases", "[]", "items"]`; `""` → `[]`. */
export function parsePath(path: string): string[] {
  if (path === "") return [];
  const segments: string[] = [];
  for (const part of path.split(".")) {
    let key = part;
    let elements = 0;
    while (key.endsWith(EACH_ELEMENT)) {
      key = key.slice(0, -EACH_ELEMENT.length);
      elements++;
    }
    if (key !== "") segments.push(key);
    for (let i = 0; i < elements; i++) segments.push(EACH_ELEMENT);
  }
  return segments;
}

/** Segments written back as a path: `["phases", "[]", "items"]` → `phases[].items`. */
export function formatPath(segments: readonly string[]): string {
  let out = "";
  for (const segment of segments) {
    if (segment === EACH_ELEMENT) out += EACH_ELEMENT;
    else out += out === "" ? segment : `.${segment}`;
  }
  return out;
}

/** Whether one segment of a concrete path is matched by one segment of a pattern. */
function segmentMatches(pattern: string, key: string): boolean {
  // A path may itself stand for every element (`phases[]`, where a mapper converts one phase).
  if (pattern === key || pattern === ANY_KEY) return true;
  return pattern === EACH_ELEMENT && /^\d+$/.test(key);
}

/**
 * Whether `pattern` matches the first segments of the concrete `path`: the value at `path` lies
 * at or under a place the pattern names (`fixedAmount.currencyOptions.*` holds
 * `fixedAmount.currencyOptions.eur.amount`). With `exact`, the lengths must be equal too.
 */
export function pathStartsWith(path: readonly string[], pattern: readonly string[], exact = false): boolean {
  if (path.length < pattern.length || (exact && path.length !== pattern.length)) return false;
  return pattern.every((segment, i) => segmentMatches(segment, path[i]));
}

/**
 * Whether the concrete `path` and `pattern` lie on one branch: either holds the other. A change
 * at `recurring` touches the pattern `recurring.interval`, and a change at `recurring.interval`
 * touches `recurring`.
 */
export function pathsOverlap(path: readonly string[], pattern: readonly string[]): boolean {
  const n = Math.min(path.length, pattern.length);
  return pathStartsWith(path.slice(0, n), pattern.slice(0, n));
}

/** One value a pattern reaches: its concrete path, the value, and how to replace it in place. */
export interface PathSite {
  path: string[];
  value: Plain;
  set(value: Plain): void;
}

/**
 * Each value `pattern` reaches in `value`, in document order: a named key of an object, every
 * key of a map for `*`, every element of a list for `[]`. Absent values and a pattern that does
 * not fit the value's shape (a key into a list, `[]` into an object) reach nothing.
 */
export function sitesAt(value: Plain, pattern: readonly string[]): PathSite[] {
  const out: PathSite[] = [];
  const walk = (node: Plain, depth: number, at: string[], set: (v: Plain) => void): void => {
    if (node === undefined) return;
    if (depth === pattern.length) {
      out.push({ path: at, value: node, set });
      return;
    }
    const segment = pattern[depth];
    if (segment === EACH_ELEMENT) {
      if (!Array.isArray(node)) return;
      node.forEach((item, i) => walk(item, depth + 1, [...at, String(i)], (v) => (node[i] = v)));
      return;
    }
    if (!isPlainObject(node)) return;
    const keys = segment === ANY_KEY ? Object.keys(node) : [segment];
    for (const key of keys) walk(node[key], depth + 1, [...at, key], (v) => (node[key] = v));
  };
  walk(value, 0, [], () => undefined);
  return out;
}

/**
 * `value` without what `pattern` reaches, in canonical form (objects left empty are dropped):
 * the old inputs as Stripe holds them once it has cleared a value itself.
 */
export function withoutPath(value: Plain, pattern: readonly string[]): Plain {
  if (pattern.length === 0) return undefined;
  const copy = structuredClone(value);
  const last = pattern[pattern.length - 1];
  for (const site of sitesAt(copy, pattern.slice(0, -1))) {
    if (last === EACH_ELEMENT) {
      if (Array.isArray(site.value)) site.set([]);
    } else if (isPlainObject(site.value)) {
      for (const key of last === ANY_KEY ? Object.keys(site.value) : [last]) delete site.value[key];
    }
  }
  return prune(copy);
}
