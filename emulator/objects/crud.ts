/**
 * What every object's endpoints share: find an object or answer Stripe's 404, retrieve, list
 * with filters, and update stored fields from parameters.
 */
import { errors } from "../errors";
import { inRange, LIST_RULES, listPage } from "../list";
import { mergeMetadata, type Params } from "../params";
import type { StripeObject } from "../store";
import type { RequestContext, Route } from "./types";

type Present = (ctx: RequestContext, object: StripeObject) => StripeObject;
const same: Present = (_ctx, object) => object;

/** Looks an object up in the caller's scope, or answers Stripe's 404 for it. */
export function need(ctx: RequestContext, object: string, id: string, param = "id"): StripeObject {
  const found = ctx.store.get(ctx.scope, id, object);
  if (!found) throw errors.missing(object, id, param);
  return found;
}

export function retriever(object: string, present: Present = same) {
  return (ctx: RequestContext, id: string): StripeObject => present(ctx, need(ctx, object, id));
}

export interface ListFilters {
  /** Parameters that must equal the stored field of the same name. */
  equal?: string[];
  /** Timestamp parameters (an exact value or `{gt, gte, lt, lte}`) on the field of the same name. */
  range?: string[];
  /** Anything else. */
  where?: (object: StripeObject, params: Params) => boolean;
}

/** A list endpoint: newest first, filtered, paginated; `present` runs before filtering. */
export function listRoute(
  object: string,
  path: string,
  filters: ListFilters = {},
  present: Present = same,
): Route {
  return {
    method: "GET",
    path,
    rules: LIST_RULES,
    handle: (ctx) => {
      const p = ctx.params;
      // https://docs.stripe.com/expand#lists: on a list, `data.<field>` expands each object's field.
      const expand = Array.isArray(p.expand)
        ? p.expand.map((e) => (typeof e === "string" && e.startsWith("data.") ? e.slice(5) : e))
        : p.expand;
      const each = { ...ctx, params: { ...p, expand } };
      const items = ctx.store
        .all(ctx.scope, object)
        .map((o) => present(each, o))
        .filter((o) => (filters.equal ?? []).every((k) => p[k] === undefined || o[k] === p[k]))
        .filter((o) => (filters.range ?? []).every((k) => inRange(o[k], p[k])))
        .filter((o) => !filters.where || filters.where(o, p));
      return listPage(path, items, p);
    },
  };
}

/**
 * Applies update parameters to a stored object: each given top-level field the object has is
 * stored as sent (`null` where it was unset; parameters that only act, such as `validate`,
 * store nothing), metadata merges key by key, `updated` moves when the object has it.
 */
export function applyUpdate(
  ctx: RequestContext,
  found: StripeObject,
  params: Params = ctx.params,
): StripeObject {
  for (const [key, value] of Object.entries(params)) {
    if (key === "metadata" || key === "expand" || !(key in found)) continue;
    found[key] = value;
  }
  found.metadata = mergeMetadata((found.metadata as Record<string, string>) ?? {}, params.metadata);
  if ("updated" in found) found.updated = ctx.clock.now();
  return found;
}
