/**
 * Stripe list responses (https://docs.stripe.com/api/pagination): newest first, `limit` 1–100
 * (default 10), `starting_after` / `ending_before` cursors, `has_more`, and range filters such
 * as `created` that take an exact timestamp or `{gt, gte, lt, lte}`.
 */
import { errors } from "./errors";
import type { Rules, Value } from "./params";
import type { StripeObject } from "./store";

/** https://docs.stripe.com/api/pagination: "Limit can range between 1 and 100". */
export const LIST_RULES: Rules = { limit: { min: 1, max: 100 } };

/** Whether a timestamp field matches a range filter (`undefined` when not filtered). */
export function inRange(value: unknown, filter: Value | undefined): boolean {
  if (filter === undefined || filter === null) return true;
  if (typeof value !== "number") return false;
  if (typeof filter === "number") return value === filter;
  const f = filter as Record<string, number | undefined>;
  return (
    (f.gt === undefined || value > f.gt) &&
    (f.gte === undefined || value >= f.gte) &&
    (f.lt === undefined || value < f.lt) &&
    (f.lte === undefined || value <= f.lte)
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
