/**
 * What a declaration's inputs become in Stripe, and the one diff of a resource: from its old
 * outputs and new inputs, which input leaves change and how, what that means for the Stripe
 * object (updated in place, replaced), and what Stripe cannot do. Pure: no Stripe calls, no
 * settings. The dynamic provider decides with it, and `stripe-billing plan` shows it.
 */
import { PlanError } from "../errors";
import { STRIPE_PARAMS } from "../stripe/stripe-params";
import { inputPathOfParam, snakeCase, toStripeKeys } from "./casing";
import { COMMON_LOCAL_INPUTS } from "./common";
import type { AnyDeclaration } from "./declaration";
import { diffInputs, emptiesUnset, planDelta, type Delta } from "./diff";
import { ANY_KEY, EACH_ELEMENT, formatPath, parsePath, pathStartsWith, withoutPath } from "./paths";
import { containsUnknown, getPath, isPlainObject, pick, type PlainObject } from "./values";

/** How one input leaf changes. */
export type ChangeKind = "added" | "changed" | "removed";

export interface PathChange {
  /** The input leaf, as keys (a list counts as one leaf). */
  path: string[];
  kind: ChangeKind;
  /** The leaf lies on a create-only input: changing it replaces the object, whatever the values. */
  createOnly: boolean;
}

export interface ResourceDiff {
  /** Every changed input leaf. */
  changes: PathChange[];
  /**
   * Top-level inputs whose change replaces the object: create-only inputs, removals Stripe can
   * only carry out by replacing (`replaceOnRemove`), and the declaration's `replaceWhen`.
   */
  replaces: string[];
  /**
   * Input paths of removals Stripe has no way to carry out in place, the declaration's
   * `replaceOnRemove` ones included.
   */
  unsettable: string[];
  /**
   * Of those, the ones the declaration does not replace on, when no create-only change or such
   * removal replaces the object anyway: the plan cannot be carried out as is.
   */
  refused: string[];
}

/** Input keys, in schema order. */
export function inputKeys(decl: AnyDeclaration): string[] {
  return Object.keys(decl.schema().shape);
}

/** Inputs that configure this package only and are never sent to Stripe. */
/** Inputs never sent as parameters: this package's own, and those the object's path carries. */
export function localKeys(decl: AnyDeclaration): string[] {
  const inPath = [...decl.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return [...COMMON_LOCAL_INPUTS, ...(decl.local ?? []), ...inPath];
}

/** The parameter tree of an endpoint, whatever its path's placeholders are named. */
export function paramTree(endpoint: string): (typeof STRIPE_PARAMS)[string] | undefined {
  const shape = (e: string) => e.replace(/\{\w+\}/g, "{}");
  return (
    STRIPE_PARAMS[endpoint] ??
    Object.entries(STRIPE_PARAMS).find(([key]) => shape(key) === shape(endpoint))?.[1]
  );
}

/** Create-only paths, with the account (an object never moves between accounts). */
function createOnlyPaths(decl: AnyDeclaration): string[] {
  return ["stripeAccount", ...decl.createOnly];
}

/** The old inputs the resource manages: all of them, or for a partial resource what the new inputs give. */
export function managedInputs(decl: AnyDeclaration, olds: PlainObject, news: PlainObject): PlainObject {
  const inputs = pick(olds, inputKeys(decl)) as PlainObject;
  return decl.partial ? restrictTo(inputs, news) : inputs;
}

/** Stripe parameters for the Stripe-side inputs. */
function stripeParams(decl: AnyDeclaration, inputs: PlainObject): PlainObject {
  const remote = omit(inputs, localKeys(decl));
  return decl.toParams ? decl.toParams(remote) : (toStripeKeys(remote, decl.maps) as PlainObject);
}

/** The create parameters: an empty list is sent as `""` where Stripe's types allow it. */
export function createParams(decl: AnyDeclaration, inputs: PlainObject): PlainObject {
  return emptiesUnset(stripeParams(decl, inputs), paramTree(`POST ${decl.path}`)) as PlainObject;
}

/**
 * From old to new inputs, the update parameters and what Stripe cannot unset; create-only
 * fields are never sent. Removals follow the update endpoint's parameter table.
 */
export function updateDelta(decl: AnyDeclaration, olds: PlainObject, news: PlainObject): Delta {
  const params = (inputs: PlainObject) => stripeParams(decl, inputs);
  return planDelta(params(clearedByStripe(decl, olds, news)), params(news), {
    exclude: decl.createOnly.map(stripePath),
    together: (decl.requiredTogether ?? []).map(stripePath),
    replaced: (decl.replacedWhole ?? []).map(stripePath),
    tree: paramTree(`POST ${decl.path}/{id}`) ?? paramTree(`POST ${decl.path}`),
  });
}

/** The update parameters; a removal Stripe cannot do is an error here (diff refuses it first). */
export function updateParams(decl: AnyDeclaration, olds: PlainObject, news: PlainObject): PlainObject {
  const delta = updateDelta(decl, olds, news);
  const refused = unsettableInputs(decl, delta);
  if (refused.length > 0) {
    throw new PlanError(
      "cannot_unset",
      `${decl.type}: ${refused.join(", ")} cannot be removed in place: Stripe has no way to unset ${refused.length === 1 ? "it" : "them"}.`,
      refused[0],
    );
  }
  return delta.params;
}

/** Input paths (dotted camelCase) of what a delta could not unset. */
function unsettableInputs(decl: AnyDeclaration, delta: Delta): string[] {
  return delta.unsettable.map(
    (segments) =>
      inputPathOfParam(segments.map((s, i) => (i === 0 ? s : `[${s}]`)).join(""), decl.maps) ??
      segments.join("."),
  );
}

/**
 * The diff of a resource from its old outputs to its new (checked) inputs: each changed input
 * leaf, what replaces the object, and the removals Stripe cannot carry out.
 */
export function diffResource(decl: AnyDeclaration, olds: PlainObject, news: PlainObject): ResourceDiff {
  const keys = inputKeys(decl);
  const next = pick(news, keys) as PlainObject;
  const managed = managedInputs(decl, olds, next);
  const { changed, replacing, replaces } = diffInputs(managed, next, keys, createOnlyPaths(decl));
  const forcing = new Set(replacing.map((p) => p.join(".")));
  const changes = changed.map((path) => ({
    path,
    kind: changeKind(managed, next, path),
    createOnly: forcing.has(path.join(".")),
  }));
  // A removal Stripe cannot carry out in place replaces the object where the declaration
  // says so, and otherwise cannot be planned (unless the object is replaced anyway).
  const unsettable = changed.length > 0 ? unsettableInputs(decl, updateDelta(decl, managed, next)) : [];
  const replaceOnRemove = (decl.replaceOnRemove ?? []).map(parsePath);
  const notReplacing: string[] = [];
  for (const path of unsettable) {
    const segments = path.split(".");
    if (replaceOnRemove.some((r) => pathStartsWith(segments, r))) replaces.push(segments[0]);
    else notReplacing.push(path);
  }
  const refused = replaces.length > 0 ? [] : notReplacing;
  if (!containsUnknown(next)) replaces.push(...(decl.replaceWhen?.(olds, next) ?? []));
  return { changes, replaces: [...new Set(replaces)], unsettable, refused };
}

function changeKind(olds: PlainObject, news: PlainObject, path: string[]): ChangeKind {
  if (getPath(olds, path) === undefined) return "added";
  return getPath(news, path) === undefined ? "removed" : "changed";
}

/**
 * The old inputs as Stripe will hold them once the new ones apply: values Stripe clears
 * itself under the new inputs are gone, so their removal is neither sent nor refused.
 */
function clearedByStripe(decl: AnyDeclaration, olds: PlainObject, news: PlainObject): PlainObject {
  let out = olds;
  for (const rule of decl.clearedByStripe ?? []) {
    if (rule.when(news)) out = withoutPath(out, parsePath(rule.path)) as PlainObject;
  }
  return out;
}

/** An input path (`fixedAmount.amount`) in Stripe's spelling (`fixed_amount.amount`). */
function stripePath(path: string): string {
  return formatPath(parsePath(path).map((s) => (s === ANY_KEY || s === EACH_ELEMENT ? s : snakeCase(s))));
}

/** The parts of `value` that `shape` also has, level by level (arrays and leaves whole). */
function restrictTo(value: PlainObject, shape: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(shape)) {
    const v = value[key];
    if (v === undefined) continue;
    const s = shape[key];
    out[key] = isPlainObject(v) && isPlainObject(s) ? restrictTo(v, s) : v;
  }
  return out;
}

export function omit(value: PlainObject, keys: readonly string[]): PlainObject {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
