/**
 * Reads a declaration's documented schemas: every field with its description, its type and
 * whether changing it replaces the object. The resource classes, schema.json and the README
 * reference are written from this, so the words exist once, in the schema.
 */
import type { z } from "zod";
import type { AnyDeclaration } from "../provider/engine/declaration";
import { EACH_ELEMENT, parsePath, pathStartsWith } from "../provider/engine/paths";

/** A zod schema seen through its wrappers (optional, default, pipe, ...). */
export interface Unwrapped {
  /** The schema that says what the value is. */
  core: z.ZodType;
  /** The input may be left out (optional, or filled in by a default). */
  optional: boolean;
  /** A value Stripe or this package fills in when the input is left out. */
  defaultValue?: unknown;
  /** The first description found, from the outside in. */
  description?: string;
}

type Def = { type: string; [key: string]: any };
const defOf = (schema: z.ZodType): Def => (schema as any)._zod.def;

export function unwrap(schema: z.ZodType): Unwrapped {
  let current = schema;
  let optional = false;
  let defaultValue: unknown;
  let description: string | undefined;
  for (;;) {
    description ??= current.description;
    const def = defOf(current);
    if (def.type === "optional" || def.type === "nullable") optional = true;
    else if (def.type === "default" || def.type === "prefault") {
      optional = true;
      defaultValue ??= def.defaultValue;
    } else if (def.type === "readonly" || def.type === "catch") {
      // wrappers that change nothing a reader needs to know
    } else if (def.type === "pipe") {
      current = defOf(def.in).type === "transform" ? def.out : def.in;
      continue;
    } else break;
    current = def.innerType;
  }
  return { core: current, optional, defaultValue, description };
}

/** The shape of an object schema, or undefined. */
export function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = defOf(unwrap(schema).core);
  return def.type === "object" ? def.shape : undefined;
}

/** How a change of the field at `path` reaches Stripe. */
export type Change = "replaces" | "mixed" | "updates" | "local" | "create";

export function changeOf(decl: AnyDeclaration, path: readonly string[]): Change {
  const dotted = path.join(".");
  if (dotted === "stripeAccount") return "replaces";
  if (dotted === "adoptId") return "create";
  if (path.length > 0 && (decl.local ?? []).includes(path[0])) return "local";
  if (createOnlyPaths(decl).some((c) => pathStartsWith(path, c))) return "replaces";
  if (innerCreateOnly(decl, path).length > 0) return "mixed";
  return "updates";
}

/**
 * The declaration's create-only paths in the segments of ../provider/engine/paths, lists made
 * transparent: documented fields are named through lists (`phases.items`), as users write them.
 */
function createOnlyPaths(decl: AnyDeclaration): string[][] {
  return (decl.createOnly as readonly string[]).map((c) => parsePath(c).filter((s) => s !== EACH_ELEMENT));
}

/** The create-only paths strictly inside the field at `path`, relative to it. */
function innerCreateOnly(decl: AnyDeclaration, path: readonly string[]): string[] {
  return createOnlyPaths(decl)
    .filter((c) => c.length > path.length && pathStartsWith(c, path))
    .map((c) => c.slice(path.length).join("."));
}

/** The sentence that says what changing a field does, derived from the declaration. */
export function changeNote(decl: AnyDeclaration, path: readonly string[]): string {
  switch (changeOf(decl, path)) {
    case "replaces":
      return `Changing it replaces the ${decl.type}${decl.deleteBeforeReplace ? " (the old one is removed first)" : ""}.`;
    case "mixed": {
      const inner = innerCreateOnly(decl, path).map((c) => `\`${c}\``);
      return `Changing ${inner.join(" or ")} replaces the ${decl.type}; the rest updates in place.`;
    }
    case "local":
      return "Read by this package only, never sent to Stripe; changing it changes nothing in Stripe.";
    case "create":
      return "Read at create only.";
    default:
      return decl.partial && path.length === 1
        ? "Updates in place; left out, it is not managed."
        : "Updates in place.";
  }
}

/** A field's documentation: its description, then what a change does (inputs only). */
export function fieldDoc(decl: AnyDeclaration, path: readonly string[], schema: z.ZodType, input: boolean) {
  const { description, defaultValue } = unwrap(schema);
  const parts = [description ?? ""];
  if (input && defaultValue !== undefined && !isObjectDefault(defaultValue))
    parts.push(`Default: \`${JSON.stringify(defaultValue)}\`.`);
  if (input) parts.push(changeNote(decl, path));
  return parts.filter(Boolean).join(" ");
}

function isObjectDefault(value: unknown): boolean {
  return typeof value === "object" && value !== null;
}

/** Every documented field under a schema, depth first: objects by key, maps as `*`, arrays through. */
export function fields(
  schema: z.ZodType,
  path: string[] = [],
): { path: string[]; schema: z.ZodType; optional: boolean }[] {
  const { core, optional } = unwrap(schema);
  const def = defOf(core);
  const here = path.length > 0 ? [{ path, schema, optional }] : [];
  if (def.type === "object") {
    return [
      ...here,
      ...Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => fields(v, [...path, k])),
    ];
  }
  if (def.type === "record") return [...here, ...children(def.valueType, [...path, "*"])];
  if (def.type === "array") return [...here, ...children(def.element, path)];
  return here;
}

/** The fields inside a map value or list element (the element itself is described by its parent). */
function children(schema: z.ZodType, path: string[]) {
  const inner = fields(schema, path);
  return inner.filter((f) => f.path.length > path.length);
}

/** A short human type: `string`, `integer`, `"a" | "b"`, `list of object`, `map of integer`. */
export function typeName(schema: z.ZodType): string {
  const { core } = unwrap(schema);
  const def = defOf(core);
  switch (def.type) {
    case "number":
      return (core as any).isInt ? "integer" : "number";
    case "string":
      return def.format && def.format !== "regex" ? `string (${def.format})` : "string";
    case "enum":
      return Object.values(def.entries as Record<string, string>)
        .map((v) => `\`${v}\``)
        .join(" \\| ");
    case "literal":
      return (def.values as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
    case "union":
      return (def.options as z.ZodType[]).map(typeName).join(" \\| ");
    case "array":
      return `list of ${typeName(def.element)}`;
    case "record":
      return `map of ${typeName(def.valueType)}`;
    default:
      return def.type;
  }
}

export interface TsOptions {
  /** `input`: every level accepts a `pulumi.Input`, defaults make fields optional. */
  mode: "input" | "output";
  /** The documentation of the field at a path. */
  doc(path: string[], schema: z.ZodType): string;
  indent: string;
}

/** The TypeScript type of a schema, with a doc comment on every property. */
export function tsType(schema: z.ZodType, options: TsOptions, path: string[] = []): string {
  const { core } = unwrap(schema);
  const def = defOf(core);
  const wrap = (t: string) => (options.mode === "input" ? `pulumi.Input<${t}>` : t);
  switch (def.type) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "enum":
      return Object.values(def.entries as Record<string, string>)
        .map((v) => JSON.stringify(v))
        .join(" | ");
    case "literal":
      return (def.values as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
    case "union":
      return (def.options as z.ZodType[]).map((o) => tsType(o, options, path)).join(" | ");
    case "array":
      return `${wrap(tsType(def.element, options, path))}[]`;
    case "record": {
      const value = wrap(
        tsType(def.valueType, { ...options, indent: `${options.indent}  ` }, [...path, "*"]),
      );
      const doc = comment(unwrap(def.valueType).description ?? "", `${options.indent}  `);
      return `{\n${doc}${options.indent}  [key: string]: ${value};\n${options.indent}}`;
    }
    case "object": {
      const inner = `${options.indent}  `;
      const lines = Object.entries(def.shape as Record<string, z.ZodType>).map(([key, child]) => {
        const childPath = [...path, key];
        const optional = options.mode === "input" ? unwrap(child).optional : isOptionalOutput(child);
        const type = wrap(tsType(child, { ...options, indent: inner }, childPath));
        return `${comment(options.doc(childPath, child), inner)}${inner}${key}${optional ? "?" : ""}: ${type};`;
      });
      return `{\n${lines.join("\n")}\n${options.indent}}`;
    }
    default:
      return "unknown";
  }
}

/** An output is absent when the input was optional without a default. */
function isOptionalOutput(schema: z.ZodType): boolean {
  const { optional, defaultValue } = unwrap(schema);
  return optional && defaultValue === undefined;
}

/** A TSDoc comment at an indent, or nothing for no text. */
export function comment(text: string, indent: string): string {
  if (!text) return "";
  const lines = wrapText(text.replace(/\*\//g, "*\\/"), 96 - indent.length);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} *${l ? ` ${l}` : ""}`).join("\n")}\n${indent} */\n`;
}

function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  let code = false;
  for (const paragraph of text.split("\n")) {
    if (paragraph.startsWith("```")) code = !code;
    if (code || paragraph.startsWith("```")) {
      out.push(paragraph);
      continue;
    }
    let line = "";
    for (const word of paragraph.split(" ")) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out;
}
