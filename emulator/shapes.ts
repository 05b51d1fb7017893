/**
 * Whether a response is what Stripe would return for the pinned version, by the SDK's object
 * types, recursively: every non-optional key present (`null` only where nullable), no key the
 * type does not have, each value of the kind the type says (string, integer, number, decimal
 * string, boolean, object, array, map) and each enum value one the type lists — and, for the
 * documented rules the types cannot say, what Stripe's pages say (`VALUE_RULES`).
 *
 * Enums: the SDK marks most response enums open (a later version may add values, so clients
 * must accept strings they do not know). An emulator speaks only the pinned version, so by
 * default open enums are held to their listed values like closed ones; `openEnums: "any"`
 * accepts any string there (for responses recorded from Stripe itself).
 */
import { objects, type TableNode } from "./tables";

export interface ShapeOptions {
  /** `exact` (the default): an open enum's value must be one it lists; `any`: any string. */
  openEnums?: "exact" | "any";
}

type Obj = Record<string, unknown>;

/** A documented rule on one object's values, from the Stripe page it cites. */
type ValueRule = (o: Obj, at: string, out: string[]) => void;

/** A decimal string as the SDK's `Decimal` type carries it: digits, an optional fraction. */
const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * An amount and its decimal twin: "The unit amount in cents to be charged, represented as a
 * whole integer if possible. Only set if `billing_scheme=per_unit`", and `unit_amount_decimal`
 * "Same as `unit_amount`, but contains a decimal value with at most 12 decimal places"
 * (https://docs.stripe.com/api/prices/object#price_object-unit_amount). So the integer is the
 * decimal's value when that is whole, and `null` when the decimal has a fraction or is null.
 */
function amountPair(amount: string, decimal: string): ValueRule {
  return (o, at, out) => {
    if (!(amount in o) || !(decimal in o)) return;
    const whole = o[amount];
    const text = o[decimal];
    // A fraction is the kind check's to report: the tables read the SDK's `number` as integer.
    if (whole !== null && !Number.isInteger(whole)) return;
    if (text === null || typeof text !== "string") {
      if (whole !== null) out.push(`${at}.${amount}: set while ${decimal} is null`);
      return;
    }
    if ((text.split(".")[1] ?? "").length > 12)
      out.push(`${at}.${decimal}: more than 12 decimal places in ${text}`);
    const expected = Number.isInteger(Number(text)) ? Number(text) : null;
    if (whole !== expected)
      out.push(`${at}.${amount}: ${JSON.stringify(whole)}, but ${decimal} ${text} makes it ${expected}`);
  };
}

/** Rules per object (`object` value), each from the page its comment cites. */
const VALUE_RULES: Record<string, ValueRule[]> = {
  price: [
    amountPair("unit_amount", "unit_amount_decimal"),
    // The same pair for each currency: https://docs.stripe.com/api/prices/object#price_object-currency_options
    (o, at, out) => {
      const options = o.currency_options as Record<string, Obj> | null | undefined;
      for (const [currency, option] of Object.entries(options ?? {}))
        amountPair("unit_amount", "unit_amount_decimal")(option, `${at}.currency_options[${currency}]`, out);
    },
    // "Only set if `billing_scheme=per_unit`": https://docs.stripe.com/api/prices/object#price_object-unit_amount
    (o, at, out) => {
      if (o.billing_scheme === "tiered" && (o.unit_amount ?? null) !== null)
        out.push(`${at}.unit_amount: set on a tiered price`);
    },
    // `type` is `recurring` exactly when the price has `recurring` settings:
    // https://docs.stripe.com/api/prices/object#price_object-type
    (o, at, out) => {
      if ((o.type === "recurring") !== (o.recurring !== null))
        out.push(`${at}.type: ${String(o.type)}, but recurring is ${o.recurring === null ? "null" : "set"}`);
    },
  ],
  // "The unit amount in cents to be charged, represented as a whole integer if possible":
  // https://docs.stripe.com/api/plans/object#plan_object-amount
  plan: [amountPair("amount", "amount_decimal")],
};

/** Violations in a response body (an object, a list or search result of objects, or a deleted object). */
export function shapeViolations(body: unknown, options: ShapeOptions = {}): string[] {
  const out: string[] = [];
  const ctx: Context = { out, anyOpenEnum: options.openEnums === "any" };
  const value = body as Obj;
  if ((value?.object === "list" || value?.object === "search_result") && Array.isArray(value.data)) {
    value.data.forEach((item, i) => checkObject(item, `data[${i}]`, ctx));
  } else checkObject(body, "", ctx);
  return out;
}

interface Context {
  out: string[];
  anyOpenEnum: boolean;
}

function checkObject(value: unknown, at: string, ctx: Context): void {
  const v = value as Obj;
  const name = typeof v?.object === "string" ? v.object : undefined;
  const table = name && (v.deleted === true ? objects.deleted[name] : objects.objects[name]);
  if (!table) {
    ctx.out.push(`${at || "."}: no object table for ${String(name)}`);
    return;
  }
  check(value, table, at, ctx);
  if (v.deleted !== true) for (const rule of VALUE_RULES[name] ?? []) rule(v, at, ctx.out);
}

function check(value: unknown, node: TableNode, at: string, ctx: Context): void {
  const { out } = ctx;
  if (value === null) {
    if (!node.nullable) out.push(`${at}: null, but not nullable`);
    return;
  }
  const problem = (what: string): void => {
    out.push(`${at}: ${what}`);
  };
  switch (node.type) {
    case "string":
      if (typeof value !== "string") problem(`expected a string, got ${JSON.stringify(value)}`);
      return;
    case "decimal":
      if (typeof value !== "string" || !DECIMAL.test(value))
        problem(`expected a decimal string, got ${JSON.stringify(value)}`);
      return;
    case "enum":
      if (typeof value === "string" && node.open && ctx.anyOpenEnum) return;
      if (typeof value !== "string" || !node.values.includes(value))
        problem(
          `expected one of ${node.values.join("|")} (${node.open ? "open" : "closed"} enum), got ${JSON.stringify(value)}`,
        );
      return;
    case "integer":
      if (!Number.isInteger(value)) problem(`expected an integer, got ${JSON.stringify(value)}`);
      return;
    case "number":
      if (!Number.isFinite(value)) problem(`expected a number, got ${JSON.stringify(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") problem(`expected a boolean, got ${JSON.stringify(value)}`);
      return;
    case "unknown":
      return;
    case "array":
      if (!Array.isArray(value)) return problem(`expected an array`);
      value.forEach((item, i) => check(item, node.items, `${at}[${i}]`, ctx));
      return;
    case "list": {
      const list = value as { object?: unknown; data?: unknown };
      if (list.object !== "list" || !Array.isArray(list.data)) return problem(`expected a list`);
      list.data.forEach((item, i) => check(item, node.items, `${at}.data[${i}]`, ctx));
      return;
    }
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return problem(`expected a map`);
      for (const [k, v] of Object.entries(value)) check(v, node.values, `${at}[${k}]`, ctx);
      return;
    case "ref":
      if (typeof value === "object") checkObject(value, at, ctx);
      else problem(`expected a ${node.object} object`);
      return;
    case "union": {
      // The alternative with the fewest violations speaks for the value.
      const tries = node.anyOf.map((alt) => {
        const found: string[] = [];
        check(value, { ...alt, nullable: node.nullable }, at, { ...ctx, out: found });
        return found;
      });
      out.push(...tries.reduce((a, b) => (b.length < a.length ? b : a)));
      return;
    }
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return problem(`expected an object`);
      const v = value as Obj;
      for (const key of Object.keys(v)) {
        if (!(key in node.fields)) out.push(`${at}.${key}: not a key of the SDK type`);
      }
      for (const [key, field] of Object.entries(node.fields)) {
        if (!(key in v)) {
          if (!field.optional) out.push(`${at}.${key}: missing`);
          continue;
        }
        check(v[key], field, `${at}.${key}`, ctx);
      }
    }
  }
}
