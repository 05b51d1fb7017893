/**
 * What an end-to-end suite expects Stripe to hold for a resource's inputs: the inputs as Stripe
 * spells them, and a comparison that tolerates what Stripe adds (fields the inputs leave out,
 * references it returns expanded, lists in its own order).
 */
import assert from "node:assert/strict";
import type { Plain, PlainObject } from "../../provider/engine/values";

export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Inputs that are the object's own id of your choosing: Stripe's `id` (Pulumi reserves the name). */
export const CUSTOM_IDS = ["productId", "couponId"];

/** Inputs that are this package's own and never reach Stripe as written. */
const NOT_SENT = new Set([...CUSTOM_IDS, "productDefault", "deletePolicy", "allowLiveDestroy", "adoptId"]);

/** Inputs as Stripe spells them: snake_case, except the keys of your own maps (metadata). */
export function stripeShape(inputs: PlainObject): Plain {
  const convert = (value: Plain, top: boolean, ownKeys: boolean): Plain => {
    if (Array.isArray(value)) return value.map((v) => convert(v, false, false));
    if (value === null || typeof value !== "object") return value;
    const out: PlainObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (top && NOT_SENT.has(k)) continue;
      out[ownKeys ? k : snake(k)] = convert(v, false, k === "metadata");
    }
    return out;
  };
  return convert(inputs, true, false);
}

/** Every field of `expected` is in `actual`; lists hold the same items in any order. */
export function assertHolds(actual: unknown, expected: Plain, at: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${at}: expected a list, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${at}: ${JSON.stringify(actual)}`);
    const left = [...actual];
    for (const item of expected) {
      const i = left.findIndex((a) => {
        try {
          assertHolds(a, item, at);
          return true;
        } catch {
          return false;
        }
      });
      assert.ok(i >= 0, `${at}: no item like ${JSON.stringify(item)} in ${JSON.stringify(actual)}`);
      left.splice(i, 1);
    }
  } else if (expected !== null && typeof expected === "object") {
    assert.ok(
      actual && typeof actual === "object",
      `${at}: expected an object, got ${JSON.stringify(actual)}`,
    );
    for (const [k, v] of Object.entries(expected)) assertHolds((actual as any)[k], v, `${at}.${k}`);
  } else if (typeof expected === "string" && actual !== null && typeof actual === "object") {
    // A reference Stripe returns expanded (a price's product, a product feature's feature) is
    // named by its id.
    assert.equal((actual as { id?: unknown }).id, expected, at);
  } else {
    assert.equal(actual, expected, at);
  }
}
