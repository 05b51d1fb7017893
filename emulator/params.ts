/**
 * Request validation from the tables generated from Stripe's SDK types (emulator/tables): every
 * parameter of every endpoint is checked for name, kind, enum value, presence and emptiness
 * with Stripe's errors, and leaves typed (`null` where `""` unset it). What the types cannot
 * say — limits, formats — each object module adds as `Rules`, citing Stripe's docs.
 */
import { errors, StripeError } from "./errors";
import type { FormTree } from "./form";
import { params as tables, type Endpoint, type TableNode } from "./tables";

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Params = Record<string, Value>;

/**
 * A check the types cannot express, on the parameters a bracket path names (`*` matches any
 * map key or array index), e.g. `fixed_amount[currency_options][*][amount]`.
 */
export interface Rule {
  min?: number;
  max?: number;
  maxLength?: number;
  pattern?: RegExp;
  maxItems?: number;
}
export type Rules = Record<string, Rule>;

/** Stripe's metadata limits: https://docs.stripe.com/api/metadata */
export const METADATA = { maxKeys: 50, maxKey: 40, maxValue: 500 };

/** The table entry for a request, matching `{id}` segments to any id. */
export function endpointFor(method: string, path: string): Endpoint | undefined {
  const exact = tables.endpoints[`${method} ${path}`];
  if (exact) return exact;
  const segments = path.split("/");
  return Object.values(tables.endpoints).find((e) => {
    if (e.method !== method) return false;
    const pattern = e.path.split("/");
    return (
      pattern.length === segments.length &&
      pattern.every((p, i) => (p.startsWith("{") ? segments[i] !== "" : p === segments[i]))
    );
  });
}

/** Parses and checks a request's form parameters against its endpoint's table and rules. */
export function parseParams(endpoint: Endpoint, input: Record<string, FormTree>, rules: Rules = {}): Params {
  const out = object(input, endpoint.params, "");
  for (const [path, rule] of Object.entries(rules)) {
    for (const [name, value] of collect(out, segments(path), "")) check(name, value, rule);
  }
  return out;
}

export interface RequestViolation {
  status: number;
  code?: string;
  param?: string;
  message: string;
}

/**
 * Whether a request is one Stripe would accept by its parameters, for the pinned API version:
 * `undefined` when it is, else the error the emulator answers. Parameters as parsed from the
 * form (a request log's `params`).
 */
export function validateRequest(
  method: string,
  path: string,
  params: Record<string, unknown>,
): RequestViolation | undefined {
  const endpoint = endpointFor(method.toUpperCase(), path);
  const fail = (e: StripeError): RequestViolation => ({
    status: e.status,
    code: e.code,
    param: e.param,
    message: e.message,
  });
  if (!endpoint) return fail(errors.unrecognizedUrl(method.toUpperCase(), path));
  try {
    parseParams(endpoint, params as Record<string, FormTree>);
    return undefined;
  } catch (err) {
    if (err instanceof StripeError) return fail(err);
    throw err;
  }
}

function object(
  input: Record<string, FormTree>,
  node: TableNode & { type: "object" },
  prefix: string,
): Params {
  const out: Params = {};
  for (const key of Object.keys(input)) {
    if (!(key in node.fields)) throw errors.unknownParameter(join(prefix, key));
  }
  for (const [key, field] of Object.entries(node.fields)) {
    const name = join(prefix, key);
    const raw = input[key];
    if (raw === undefined) {
      if (field.required) throw errors.missingParameter(name);
      continue;
    }
    out[key] = value(raw, field, name, key);
  }
  return out;
}

function value(raw: FormTree, node: TableNode, name: string, key: string): Value {
  if (raw === "") {
    if (node.emptyable) return null;
    throw errors.invalidEmpty(name);
  }
  switch (node.type) {
    case "string":
      return scalar(raw, name);
    case "enum": {
      const text = scalar(raw, name);
      if (!node.values.includes(text)) throw errors.invalidEnum(name, node.values);
      return text;
    }
    case "integer": {
      const text = scalar(raw, name);
      if (!/^-?\d+$/.test(text)) throw errors.invalidInteger(name, text);
      return Number(text);
    }
    case "number":
    case "decimal": {
      const text = scalar(raw, name);
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw errors.invalidNumber(name, text);
      return node.type === "number" ? Number(text) : text;
    }
    case "boolean": {
      const text = scalar(raw, name);
      if (text !== "true" && text !== "false") throw errors.invalidBoolean(name, text);
      return text === "true";
    }
    case "object":
      return object(tree(raw, name), node, name);
    case "map": {
      const entries = Object.entries(tree(raw, name));
      if (key === "metadata") checkMetadata(entries, name);
      return Object.fromEntries(entries.map(([k, v]) => [k, value(v, node.values, `${name}[${k}]`, k)]));
    }
    case "array":
    case "list": {
      if (!Array.isArray(raw)) throw errors.invalidValue(name, `Invalid array for ${name}`);
      return raw.map((item, i) => value(item, node.items, `${name}[${i}]`, key));
    }
    case "union":
      return union(raw, node.anyOf, name, key);
    case "unknown":
    case "ref":
      return raw as Value;
  }
}

/** The first alternative that accepts the value; else the error of the one shaped like it. */
function union(raw: FormTree, anyOf: TableNode[], name: string, key: string): Value {
  let best: unknown;
  for (const alternative of anyOf) {
    try {
      return value(raw, alternative, name, key);
    } catch (err) {
      const structured = ["object", "map", "array"].includes(alternative.type);
      if (best === undefined || structured === (typeof raw === "object")) best = err;
    }
  }
  throw best;
}

/** https://docs.stripe.com/api/metadata: keys up to 40 characters, values up to 500. */
function checkMetadata(entries: [string, FormTree][], name: string): void {
  for (const [k, v] of entries) {
    if (k.length > METADATA.maxKey)
      throw errors.invalidValue(
        `${name}[${k}]`,
        `Metadata keys can have up to ${METADATA.maxKey} characters.`,
      );
    if (typeof v === "string" && v.length > METADATA.maxValue)
      throw errors.invalidValue(
        `${name}[${k}]`,
        `Metadata values can have up to ${METADATA.maxValue} characters.`,
      );
  }
}

/**
 * Applies a metadata parameter to stored metadata: `metadata=` clears, `metadata[k]=`
 * removes a key, other keys are set; at most 50 keys may remain.
 */
export function mergeMetadata(
  existing: Record<string, string>,
  param: Value | undefined,
): Record<string, string> {
  if (param === undefined) return existing;
  if (param === null) return {};
  const merged = { ...existing };
  for (const [k, v] of Object.entries(param as Record<string, Value>)) {
    if (v === null) delete merged[k];
    else merged[k] = String(v);
  }
  if (Object.keys(merged).length > METADATA.maxKeys) {
    throw errors.invalidValue("metadata", `You can have up to ${METADATA.maxKeys} metadata keys.`);
  }
  return merged;
}

function check(name: string, v: Value, rule: Rule): void {
  if (v === null) return;
  if (typeof v === "number") {
    if ((rule.min !== undefined && v < rule.min) || (rule.max !== undefined && v > rule.max)) {
      throw errors.invalidValue(
        name,
        `Invalid ${name}: must be between ${rule.min ?? "-∞"} and ${rule.max ?? "∞"}`,
      );
    }
  } else if (typeof v === "string") {
    if (rule.maxLength !== undefined && v.length > rule.maxLength)
      throw errors.invalidValue(name, `Invalid ${name}: must be at most ${rule.maxLength} characters`);
    if (rule.pattern && !rule.pattern.test(v)) throw errors.invalidValue(name, `Invalid ${name}: ${v}`);
  } else if (Array.isArray(v)) {
    if (rule.maxItems !== undefined && v.length > rule.maxItems)
      throw errors.invalidValue(name, `Invalid ${name}: at most ${rule.maxItems} items`);
  }
}

/** `a[b][*]` → ["a", "b", "*"]. */
function segments(path: string): string[] {
  return path.replace(/\]/g, "").split("[");
}

/** The values a path names, with their bracket names. */
function collect(v: Value | undefined, path: string[], prefix: string): [string, Value][] {
  if (v === undefined) return [];
  if (path.length === 0) return [[prefix, v]];
  if (v === null || typeof v !== "object") return [];
  const [head, ...rest] = path;
  const keys = head === "*" ? Object.keys(v) : [head];
  return keys.flatMap((k) => collect((v as Record<string, Value>)[k], rest, join(prefix, k)));
}

function scalar(raw: FormTree, name: string): string {
  if (typeof raw !== "string")
    throw errors.invalidValue(name, `Invalid value for ${name}: expected a single value`);
  return raw;
}

function tree(raw: FormTree, name: string): Record<string, FormTree> {
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw errors.invalidValue(name, `Invalid object for ${name}: pass it as ${name}[key]=value`);
  }
  return raw;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}[${key}]` : key;
}
