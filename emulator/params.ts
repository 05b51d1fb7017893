/**
 * A small declarative parameter validator, so each object module states its parameters as a
 * table and gets Stripe's errors (unknown, missing, empty, bad enum, bad integer) for free.
 * Values arrive as strings from the form; they leave typed, with `null` meaning "unset".
 */
import { errors } from "./errors";
import type { FormTree } from "./form";

export type Spec =
  | {
      kind: "string";
      required?: boolean;
      enum?: readonly string[];
      maxLength?: number;
      pattern?: RegExp;
      unsettable?: boolean;
    }
  | { kind: "integer"; required?: boolean; min?: number; max?: number; unsettable?: boolean }
  | { kind: "boolean"; required?: boolean }
  | { kind: "timestamp"; required?: boolean; allowNow?: boolean; unsettable?: boolean }
  | { kind: "object"; required?: boolean; fields: Record<string, Spec>; unsettable?: boolean }
  | {
      kind: "map";
      required?: boolean;
      value: Spec;
      maxKeys?: number;
      keyPattern?: RegExp;
      unsettable?: boolean;
    }
  | { kind: "array"; required?: boolean; items: Spec; maxItems?: number; unsettable?: boolean }
  | { kind: "metadata" }
  | { kind: "expand" };

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
export type Params = Record<string, Value>;

/** Stripe's metadata rules. */
const METADATA = { maxKeys: 50, maxKey: 40, maxValue: 500 };

export function validate(input: Record<string, FormTree>, fields: Record<string, Spec>, prefix = ""): Params {
  const out: Params = {};
  for (const key of Object.keys(input)) {
    if (!(key in fields)) throw errors.unknownParameter(join(prefix, key));
  }
  for (const [key, spec] of Object.entries(fields)) {
    const name = join(prefix, key);
    const raw = input[key];
    if (raw === undefined) {
      if ("required" in spec && spec.required) throw errors.missingParameter(name);
      continue;
    }
    out[key] = value(raw, spec, name);
  }
  return out;
}

function value(raw: FormTree, spec: Spec, name: string): Value {
  if (raw === "") {
    if (spec.kind === "metadata") return null;
    if ("required" in spec && spec.required) throw errors.invalidEmpty(name);
    if ("unsettable" in spec && spec.unsettable === false) throw errors.invalidEmpty(name);
    return null;
  }
  switch (spec.kind) {
    case "string": {
      const text = scalar(raw, name);
      if (spec.enum && !spec.enum.includes(text)) throw errors.invalidEnum(name, spec.enum);
      if (spec.maxLength !== undefined && text.length > spec.maxLength) {
        throw errors.invalidValue(name, `Invalid ${name}: must be at most ${spec.maxLength} characters`);
      }
      if (spec.pattern && !spec.pattern.test(text))
        throw errors.invalidValue(name, `Invalid ${name}: ${text}`);
      return text;
    }
    case "integer": {
      const text = scalar(raw, name);
      if (!/^-?\d+$/.test(text)) throw errors.invalidInteger(name, text);
      const n = Number(text);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw errors.invalidValue(
          name,
          `Invalid ${name}: must be between ${spec.min ?? "-∞"} and ${spec.max ?? "∞"}`,
        );
      }
      return n;
    }
    case "boolean": {
      const text = scalar(raw, name);
      if (text !== "true" && text !== "false") throw errors.invalidBoolean(name, text);
      return text === "true";
    }
    case "timestamp": {
      const text = scalar(raw, name);
      if (spec.allowNow && text === "now") return "now";
      if (!/^\d+$/.test(text)) throw errors.invalidInteger(name, text);
      return Number(text);
    }
    case "object":
      return validate(object(raw, name), spec.fields, name);
    case "map": {
      const entries = Object.entries(object(raw, name));
      if (spec.maxKeys !== undefined && entries.length > spec.maxKeys) {
        throw errors.invalidValue(name, `Invalid ${name}: at most ${spec.maxKeys} keys`);
      }
      const out: Record<string, Value> = {};
      for (const [k, v] of entries) {
        if (spec.keyPattern && !spec.keyPattern.test(k)) throw errors.unknownParameter(`${name}[${k}]`);
        out[k] = value(v, spec.value, `${name}[${k}]`);
      }
      return out;
    }
    case "array": {
      if (!Array.isArray(raw)) throw errors.invalidValue(name, `Invalid array for ${name}`);
      if (spec.maxItems !== undefined && raw.length > spec.maxItems) {
        throw errors.invalidValue(name, `Invalid ${name}: at most ${spec.maxItems} items`);
      }
      return raw.map((item, i) => value(item, spec.items, `${name}[${i}]`));
    }
    case "metadata": {
      const entries = Object.entries(object(raw, name));
      const out: Record<string, Value> = {};
      for (const [k, v] of entries) {
        const text = scalar(v, `${name}[${k}]`);
        if (k.length > METADATA.maxKey)
          throw errors.invalidValue(
            `${name}[${k}]`,
            `Metadata keys can have up to ${METADATA.maxKey} characters.`,
          );
        if (text.length > METADATA.maxValue) {
          throw errors.invalidValue(
            `${name}[${k}]`,
            `Metadata values can have up to ${METADATA.maxValue} characters.`,
          );
        }
        out[k] = text === "" ? null : text;
      }
      return out;
    }
    case "expand":
      return Array.isArray(raw) ? raw.map((v) => scalar(v, name)) : [scalar(raw, name)];
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

function scalar(raw: FormTree, name: string): string {
  if (typeof raw !== "string")
    throw errors.invalidValue(name, `Invalid value for ${name}: expected a single value`);
  return raw;
}

function object(raw: FormTree, name: string): Record<string, FormTree> {
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw errors.invalidValue(name, `Invalid object for ${name}: pass it as ${name}[key]=value`);
  }
  return raw;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}[${key}]` : key;
}
