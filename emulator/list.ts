/**
 * Stripe list responses: newest first, `limit` 1–100 (default 10), `starting_after` /
 * `ending_before` cursors, `has_more`, and a `created` filter.
 */
import { errors } from "./errors";
import type { Spec, Value } from "./params";
import type { StripeObject } from "./store";

export const LIST_PARAMS: Record<string, Spec> = {
  limit: { kind: "integer", min: 1, max: 100 },
  starting_after: { kind: "string" },
  ending_before: { kind: "string" },
  expand: { kind: "expand" },
};

const RANGE: Spec = {
  kind: "object",
  fields: {
    gt: { kind: "integer" },
    gte: { kind: "integer" },
    lt: { kind: "integer" },
    lte: { kind: "integer" },
  },
};

/** `created` accepts an exact timestamp or a range object. */
export const CREATED_FILTER: Spec = RANGE;

export function matchesCreated(object: StripeObject, filter: Value | undefined): boolean {
  if (filter === undefined || filter === null) return true;
  const created = Number(object.created);
  if (typeof filter === "number") return created === filter;
  const f = filter as Record<string, number | undefined>;
  return (
    (f.gt === undefined || created > f.gt) &&
    (f.gte === undefined || created >= f.gte) &&
    (f.lt === undefined || created < f.lt) &&
    (f.lte === undefined || created <= f.lte)
  );
}

export function listPage(url: string, items: StripeObject[], params: Record<string, Value>) {
  const limit = (params.limit as number | undefined) ?? 10;
  let start = 0;
  let end = items.length;
  if (typeof params.starting_after === "string") {
    const i = items.findIndex((o) => o.id === params.starting_after);
    if (i < 0) throw errors.missing("object", params.starting_after, "starting_after");
    start = i + 1;
  }
  if (typeof params.ending_before === "string") {
    const i = items.findIndex((o) => o.id === params.ending_before);
    if (i < 0) throw errors.missing("object", params.ending_before, "ending_before");
    end = i;
    start = Math.max(start, end - limit);
  }
  const data = items.slice(start, Math.min(end, start + limit));
  const hasMore = typeof params.ending_before === "string" ? start > 0 : start + data.length < end;
  return { object: "list", data, has_more: hasMore, url };
}
