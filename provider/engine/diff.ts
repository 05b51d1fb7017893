/**
 * The pure diff rules. Inputs are compared in canonical form, leaf by leaf; a change at or
 * around a create-only path means replacement. Stripe update parameters are derived the same
 * way from the old and new parameter trees, so that a removed input is sent as `""` (unset)
 * rather than silently kept.
 */
import type { StripeParamNode } from "../stripe/stripe-params";
import { parsePath, pathStartsWith, pathsOverlap } from "./paths";
import { deepEqual, isPlainObject, isUnknown, type Plain, type PlainObject } from "./values";

export interface InputDiff {
  /** Every changed leaf, as a path of keys (arrays count as leaves). */
  changed: string[][];
  /** The changed leaves that touch a create-only path. */
  replacing: string[][];
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
  const replacing = replacingPaths(changed, createOnly);
  return { changed, replacing, replaces: [...new Set(replacing.map((path) => path[0]))] };
}

/** The changed paths that touch a create-only field, i.e. force a new Stripe object. */
function replacingPaths(changed: string[][], createOnly: readonly string[]): string[][] {
  const patterns = createOnly.map(parsePath);
  return changed.filter((path) => patterns.some((c) => pathsOverlap(path, c)));
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

/** What an update endpoint accepts, from the tables generated from Stripe's SDK. */
export type ParamTree = StripeParamNode;

export interface DeltaOptions {
  /** Paths (Stripe spelling, in the grammar of ./paths) never sent. */
  exclude?: readonly string[];
  /**
   * Paths of objects whose fields Stripe requires together: sent whole whenever any part
   * changes, a part removed unset.
   */
  together?: readonly string[];
  /**
   * Paths of objects Stripe stores as one value (an address): sent whole whenever any part
   * changes, replacing what it held, so a part removed is simply left out.
   */
  replaced?: readonly string[];
  /**
   * The endpoint's parameter tree. With it, a removal is sent as `""` only where Stripe's
   * types allow (`Emptyable`), an object Stripe cannot empty is unset leaf by leaf, and what
   * cannot be unset at all is reported instead of sent. Without it, every removal is `""`.
   */
  tree?: ParamTree;
}

export interface Delta {
  /** The update parameters. */
  params: PlainObject;
  /** Paths (Stripe spelling, as keys) of removed values Stripe has no way to unset. */
  unsettable: string[][];
}

/**
 * The parameters that turn `old` into `next` on Stripe's side: changed values are sent, a key
 * present before and absent now is unset: `""` where Stripe accepts it (a metadata key is
 * removed; a list is cleared), each of its fields where only those can be emptied, and
 * otherwise reported as unsettable. Required fields of an object sent in part go with it.
 */
export function planDelta(old: PlainObject, next: PlainObject, options: DeltaOptions = {}): Delta {
  const split = (paths: readonly string[] = []) => paths.map(parsePath);
  const unsettable: string[][] = [];
  const ctx = {
    exclude: split(options.exclude),
    whole: split([...(options.together ?? []), ...(options.replaced ?? [])]),
    replaced: split(options.replaced),
    unsettable,
  };
  const params = deltaObject(old, next, [], options.tree, ctx);
  return { params, unsettable };
}

interface DeltaContext {
  exclude: string[][];
  whole: string[][];
  replaced: string[][];
  unsettable: string[][];
}

/** The node of `key` under `node`: an object's field or a map's values. */
function childNode(node: ParamTree | undefined, key: string): ParamTree | undefined {
  if (!node) return undefined;
  if (node.type === "object") return node.fields[key];
  if (node.type === "map") return node.values;
  if (node.type === "union") {
    for (const option of node.anyOf) {
      const child = childNode(option, key);
      if (child) return child;
    }
  }
  return undefined;
}

function deltaObject(
  old: PlainObject,
  next: PlainObject,
  path: string[],
  node: ParamTree | undefined,
  ctx: DeltaContext,
): PlainObject {
  const out: PlainObject = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    const childPath = [...path, key];
    if (ctx.exclude.some((e) => pathStartsWith(childPath, e, true))) continue;
    const before = old[key];
    const after = next[key];
    const child = childNode(node, key);
    if (deepEqual(before, after)) continue;
    if (after === undefined || (Array.isArray(after) && after.length === 0)) {
      if (before === undefined) continue;
      const unset = unsetValue(before, childPath, child, node !== undefined, ctx);
      if (unset !== undefined) out[key] = unset;
      continue;
    }
    const at = (paths: string[][]) => paths.some((w) => pathStartsWith(childPath, w, true));
    if (isPlainObject(after) && at(ctx.whole)) {
      // Sent in full (Stripe requires sibling fields together); what it lost since is unset,
      // unless the object is one value that the new one replaces.
      out[key] =
        isPlainObject(before) && !at(ctx.replaced)
          ? wholeObject(before, after, childPath, child, ctx)
          : (emptiesUnset(after, child) as PlainObject);
      continue;
    }
    if (isPlainObject(before) && isPlainObject(after)) {
      const nested = deltaObject(before, after, childPath, child, ctx);
      if (Object.keys(nested).length > 0) out[key] = withRequired(nested, after, child);
      continue;
    }
    out[key] = Array.isArray(after) || isPlainObject(after) ? emptiesUnset(after, child) : after;
  }
  return out;
}

/**
 * An object sent whole: every field `after` has, and whatever `before` held that `after` lost,
 * at any depth, unset: a removed field, or a list emptied (Stripe keeps a list it is not told
 * to clear). What Stripe cannot unset is reported, never left out.
 */
function wholeObject(
  before: PlainObject,
  after: PlainObject,
  path: string[],
  node: ParamTree | undefined,
  ctx: DeltaContext,
): PlainObject {
  const out: PlainObject = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = before[key];
    const now = after[key];
    const child = childNode(node, key);
    let value: Plain | undefined;
    if (
      now === undefined ||
      (Array.isArray(now) && now.length === 0 && Array.isArray(was) && was.length > 0)
    ) {
      value = was === undefined ? undefined : unsetValue(was, [...path, key], child, node !== undefined, ctx);
    } else if (isPlainObject(was) && isPlainObject(now)) {
      value = wholeObject(was, now, [...path, key], child, ctx);
    } else {
      value = emptiesUnset(now, child);
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * How to unset `before` at `path`: `""` where allowed (or where nothing says otherwise), each
 * field of an object Stripe cannot empty whole, or nothing, reported as unsettable.
 */
function unsetValue(
  before: Plain,
  path: string[],
  node: ParamTree | undefined,
  known: boolean,
  ctx: DeltaContext,
): Plain | undefined {
  if (!known || node?.emptyable) return "";
  if (node && isPlainObject(before) && (node.type === "object" || node.type === "map")) {
    const inner: DeltaContext = { ...ctx, unsettable: [] };
    const fields = deltaObject(before, {}, path, node, inner);
    // Half an object cannot be removed: the input as a whole is what Stripe cannot unset.
    if (inner.unsettable.length === 0) return fields;
  }
  ctx.unsettable.push(path);
  return undefined;
}

/** An object sent in part still carries the fields Stripe requires with it. */
function withRequired(nested: PlainObject, after: PlainObject, node: ParamTree | undefined): PlainObject {
  if (node?.type !== "object") return nested;
  const out = { ...nested };
  for (const [k, field] of Object.entries(node.fields)) {
    if (field.required && out[k] === undefined && after[k] !== undefined)
      out[k] = emptiesUnset(after[k], field);
  }
  return out;
}

/**
 * Inside a value sent whole, an empty list must be sent as `""` or Stripe keeps the old one
 * (and a required list has to be sent): where Stripe's types allow `""`, or where nothing is
 * known; otherwise the empty list is left out.
 */
export function emptiesUnset(value: Plain, node?: ParamTree): Plain {
  if (Array.isArray(value)) {
    if (value.length === 0) return node && !node.emptyable ? undefined : "";
    const items = node?.type === "array" ? node.items : undefined;
    return value.map((item) => emptiesUnset(item, items) ?? item);
  }
  if (!isPlainObject(value)) return value;
  const out: PlainObject = {};
  for (const [k, v] of Object.entries(value)) {
    const converted = emptiesUnset(v, childNode(node, k));
    if (converted !== undefined) out[k] = converted;
  }
  return out;
}
