/**
 * The pure diff rules. Inputs are compared in canonical form, leaf by leaf; a change at or
 * around a create-only path means replacement. Stripe update parameters are derived the same
 * way from the old and new parameter trees, so that a removed input is sent as `""` (unset)
 * rather than silently kept.
 */
import { deepEqual, isPlainObject, isUnknown, type Plain, type PlainObject } from "./values";

export interface InputDiff {
  /** Every changed leaf, as a path of keys (arrays count as leaves). */
  changed: string[][];
  /** Top-level inputs whose change forces a new Stripe object. */
  replaces: string[];
}

/** Compare old and new canonical inputs over the given input keys. */
export function diffInputs(
  olds: PlainObject,
  news: PlainObject,
  keys: readonly string[],
  createOnly: readonly string[],
): InputDiff {
  const changed: string[][] = [];
  for (const key of keys) collectChanges(olds[key], news[key], [key], changed);
  const replaces = [...new Set(replacingPaths(changed, createOnly).map((path) => path[0]))];
  return { changed, replaces };
}

/** The changed paths that touch a create-only field, i.e. force a new Stripe object. */
export function replacingPaths(changed: string[][], createOnly: readonly string[]): string[][] {
  return changed.filter((path) => createOnly.some((c) => related(path, c.split("."))));
}

function collectChanges(old: Plain, next: Plain, path: string[], out: string[][]): void {
  if (isUnknown(next)) {
    out.push(path);
    return;
  }
  if (isPlainObject(old) && isPlainObject(next)) {
    for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
      collectChanges(old[key], next[key], [...path, key], out);
    }
    return;
  }
  if (!deepEqual(old, next)) out.push(path);
}

/** One path is a prefix of the other: a change there touches the create-only field. */
function related(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i] && b[i] !== "*" && a[i] !== "*") return false;
  return true;
}

/**
 * The parameters that turn `old` into `next` on Stripe's side: changed values are sent, a key
 * present before and absent now is sent as `""`, which unsets it (a metadata key is removed;
 * a list is cleared). Paths under `exclude` (Stripe spelling, dotted) are never sent.
 */
export function paramDelta(
  old: PlainObject,
  next: PlainObject,
  exclude: readonly string[] = [],
  whole: readonly string[] = [],
): PlainObject {
  const split = (paths: readonly string[]) => paths.map((p) => p.split("."));
  return deltaObject(old, next, [], split(exclude), split(whole));
}

function deltaObject(
  old: PlainObject,
  next: PlainObject,
  path: string[],
  exclude: string[][],
  whole: string[][],
): PlainObject {
  const out: PlainObject = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const childPath = [...path, key];
    if (exclude.some((e) => e.length === childPath.length && related(e, childPath))) continue;
    const before = old[key];
    const after = next[key];
    if (deepEqual(before, after)) continue;
    if (after === undefined || (Array.isArray(after) && after.length === 0)) {
      if (before !== undefined) out[key] = "";
      continue;
    }
    if (isPlainObject(after) && whole.some((w) => w.length === childPath.length && related(w, childPath))) {
      // Sent in full (Stripe requires sibling fields together); keys dropped since are unset.
      const removed = isPlainObject(before) ? Object.keys(before).filter((k) => after[k] === undefined) : [];
      out[key] = emptiesUnset({ ...after, ...Object.fromEntries(removed.map((k) => [k, ""])) });
      continue;
    }
    if (isPlainObject(before) && isPlainObject(after)) {
      const nested = deltaObject(before, after, childPath, exclude, whole);
      if (Object.keys(nested).length > 0) out[key] = nested;
      continue;
    }
    out[key] = after;
  }
  return out;
}

/** Inside an object sent whole, an empty list must be sent as `""` or Stripe keeps the old one. */
function emptiesUnset(value: PlainObject): PlainObject {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      Array.isArray(v) && v.length === 0 ? "" : isPlainObject(v) ? emptiesUnset(v) : v,
    ]),
  );
}
