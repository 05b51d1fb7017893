/**
 * References that mean the same thing in every account: a product by its id or custom id
 * (`pro`), a price by its id or by `{ lookupKey }` (https://docs.stripe.com/products-prices/manage-prices#lookup-keys).
 * Lookup keys are resolved in the target account when the inputs are checked, before anything
 * is written, so an unknown key fails the preview and a key that moved to a new price shows as
 * a change to that price's id.
 */
import { z } from "zod";
import type { OperationContext } from "../engine/declaration";
import { referenceTo } from "../engine/reference-sites";
import { InputError } from "../errors";
import { parsePath, sitesAt } from "../engine/paths";
import { getPath, isPlainObject, isUnknown, type Plain, type PlainObject } from "../engine/values";
import { CUSTOM_PRODUCT_ID } from "./product";

/** A product id (`prod_…`) or custom id (`pro`). */
export function productRefSchema() {
  return referenceTo(
    "Product",
    z.string().min(1).max(250).regex(CUSTOM_PRODUCT_ID, "must be a product id (prod_…) or custom id"),
  );
}

/** A coupon id: the custom id a Coupon was given (`couponId`, e.g. `summer`) or Stripe's own. */
export function couponRefSchema() {
  return referenceTo("Coupon", z.string().min(1));
}

/** A price id (`price_…`), or `{ lookupKey }` resolved in the target account. */
export function priceRefSchema() {
  return referenceTo(
    "Price",
    z.union([
      z.string().regex(/^price_\w+$/, "must be a price id (price_…) or { lookupKey }"),
      z.strictObject({ lookupKey: z.string().min(1).max(200) }),
    ]),
    "price_",
  );
}

/** A tax rate id (`txr_…`); a billing spec names a `taxRates` entry by its key instead. */
export function taxRateRefSchema() {
  return referenceTo("TaxRate", z.string().regex(/^txr_\w+$/, "must be a tax rate id (txr_…)"), "txr_");
}

/** A billing meter id (`mtr_…`). */
export function meterRefSchema() {
  return referenceTo("Meter", z.string().regex(/^mtr_\w+$/, "must be a meter id (mtr_…)"), "mtr_");
}

/** An entitlement feature id (`feat_…`). */
export function featureRefSchema() {
  return referenceTo("Feature", z.string().regex(/^feat_\w+$/, "must be a feature id (feat_…)"), "feat_");
}

/**
 * A set of price references in canonical order: ids deduplicated and sorted (Stripe promises
 * no order), references kept after them until resolved.
 */
export function priceSet<T>(prices: T[]): T[] {
  const ids = [...new Set(prices.filter((p): p is T & string => typeof p === "string"))].sort();
  return [...ids, ...prices.filter((p) => typeof p !== "string")];
}

/** Stripe's `lookup_keys[]` filter takes at most 10 keys per list call. */
const KEYS_PER_CALL = 10;

/**
 * What this process has learnt of each account's lookup keys (key → price id), by the
 * operation's scope: every resource of a plan that names the same keys shares one list call.
 * A price write by this process (a key set, moved or transferred) forgets the account's keys;
 * `generation` keeps a list that was under way meanwhile from storing what it read before.
 */
const knownKeys = new Map<string, { generation: number; ids: Map<string, string> }>();

function keysOf(scope: string) {
  let entry = knownKeys.get(scope);
  if (!entry) knownKeys.set(scope, (entry = { generation: 0, ids: new Map() }));
  return entry;
}

/**
 * Forgets the lookup keys learnt in the operation's account (after this process wrote a
 * price), or in every account when no context is given.
 */
export function forgetLookupKeys(ctx?: OperationContext): void {
  const scopes = ctx ? (ctx.scope !== undefined ? [ctx.scope] : []) : [...knownKeys.keys()];
  for (const scope of scopes) {
    const entry = keysOf(scope);
    entry.generation++;
    entry.ids.clear();
  }
}

/**
 * Replaces every `{ lookupKey }` at the given input paths (../engine/paths) with
 * the id of the price that holds the key. Keys this process already knows in the account are
 * not listed again; the rest take one list call per 10 distinct keys. A key not found is not
 * remembered, so a price made later is found.
 */
export async function resolvePriceRefs(
  ctx: OperationContext,
  inputs: PlainObject,
  paths: readonly string[],
): Promise<PlainObject> {
  const refs: { path: string[]; key: string }[] = [];
  for (const pattern of paths) {
    for (const { path, value } of sitesAt(inputs, parsePath(pattern))) {
      if (isPlainObject(value) && typeof value.lookupKey === "string" && !isUnknown(value.lookupKey))
        refs.push({ path, key: value.lookupKey });
    }
  }
  if (refs.length === 0) return inputs;
  const known = ctx.scope !== undefined ? keysOf(ctx.scope) : { generation: 0, ids: new Map() };
  const found = new Map(known.ids);
  const keys = [...new Set(refs.map((r) => r.key))].filter((key) => !found.has(key));
  const generation = known.generation;
  for (let i = 0; i < keys.length; i += KEYS_PER_CALL) {
    const batch = keys.slice(i, i + KEYS_PER_CALL);
    const list = await ctx.api.list("/v1/prices", { lookup_keys: batch, limit: 100 });
    for (const price of list.data) {
      found.set(String(price.lookup_key), String(price.id));
      if (known.generation === generation) known.ids.set(String(price.lookup_key), String(price.id));
    }
  }
  const out = structuredClone(inputs);
  for (const ref of refs) {
    const id = found.get(ref.key);
    if (!id) {
      throw new InputError(
        "unknown_lookup_key",
        `no price in this account has the lookup key "${ref.key}"; a price this program creates is named by its id output (in a YAML spec, by its key)`,
        ref.path.join("."),
      );
    }
    const parent = getPath(out, ref.path.slice(0, -1)) as Record<string, Plain>;
    parent[ref.path[ref.path.length - 1]] = id;
  }
  return out;
}
