/**
 * A YAML file read into a tree that remembers where each value was written, and the overlay
 * rule that merges an environment's file onto the base: maps merge key by key, lists and
 * scalars replace, and `null` removes the key.
 */
import * as fs from "node:fs";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { Plain } from "../engine/values";

/** Where a value was written: file, 1-based line and column. */
export interface Location {
  file: string;
  line: number;
  col: number;
}

export type SpecNode =
  | { kind: "map"; at: Location; entries: Map<string, SpecNode> }
  | { kind: "list"; at: Location; items: SpecNode[] }
  | { kind: "scalar"; at: Location; value: string | number | boolean | null };

/** A problem with the spec, at a place in a file. */
export interface SpecIssue extends Location {
  /** The YAML path, dotted (`prices.pro-monthly.unitAmount`, list items by index). */
  path: string;
  message: string;
}

export function formatIssue(issue: SpecIssue): string {
  return `${issue.file}:${issue.line}:${issue.col} ${issue.path || "(document)"}: ${issue.message}`;
}

/** Reads a YAML file; syntax errors become issues. */
export function readSpecFile(
  file: string,
  text = fs.readFileSync(file, "utf8"),
): { root?: SpecNode; issues: SpecIssue[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (offset: number): Location => ({ file, ...lines.linePos(offset) });
  const issues: SpecIssue[] = doc.errors.map((e) => ({
    ...at(e.pos[0]),
    path: "",
    message: firstLine(e.message),
  }));
  if (issues.length > 0) return { issues };
  if (doc.contents === null) return { root: { kind: "map", at: at(0), entries: new Map() }, issues };
  return { root: toNode(doc, doc.contents as Node, at, issues, []), issues };
}

function firstLine(message: string): string {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
}

function toNode(
  doc: Document,
  node: Node,
  at: (offset: number) => Location,
  issues: SpecIssue[],
  path: string[],
): SpecNode {
  const where = at(node.range?.[0] ?? 0);
  if (isAlias(node)) return toNode(doc, node.resolve(doc) as Node, () => where, issues, path);
  if (isMap(node)) {
    const entries = new Map<string, SpecNode>();
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (key === undefined) {
        issues.push({ ...where, path: path.join("."), message: "keys must be plain strings" });
        continue;
      }
      const value = pair.value as Node | null;
      entries.set(
        key,
        value === null
          ? { kind: "scalar", at: at(keyNode!.range?.[0] ?? 0), value: null }
          : toNode(doc, value, at, issues, [...path, key]),
      );
    }
    return { kind: "map", at: where, entries };
  }
  if (isSeq(node)) {
    return {
      kind: "list",
      at: where,
      items: node.items.map((item, i) =>
        item === null
          ? { kind: "scalar" as const, at: where, value: null }
          : toNode(doc, item as Node, at, issues, [...path, String(i)]),
      ),
    };
  }
  const value = isScalar(node) ? node.value : null;
  if (value !== null && !["string", "number", "boolean"].includes(typeof value)) {
    issues.push({
      ...where,
      path: path.join("."),
      message: "must be a string, number, boolean, map or list",
    });
    return { kind: "scalar", at: where, value: null };
  }
  return { kind: "scalar", at: where, value: value as string | number | boolean | null };
}

/**
 * The overlay rule: a map in the overlay merges into the base map key by key; a `null` in an
 * overlay map removes that key; anything else (a list, a scalar, a map over a non-map)
 * replaces the base value whole.
 */
export function overlay(base: SpecNode, over: SpecNode): SpecNode {
  if (base.kind !== "map" || over.kind !== "map") return over;
  const entries = new Map(base.entries);
  for (const [key, value] of over.entries) {
    const old = entries.get(key);
    if (value.kind === "scalar" && value.value === null) entries.delete(key);
    else entries.set(key, old ? overlay(old, value) : value);
  }
  return { kind: "map", at: base.at, entries };
}

/** The plain value of a tree (`null` in a base file means the key is absent). */
export function toPlain(node: SpecNode): Plain {
  switch (node.kind) {
    case "map": {
      const out: { [key: string]: Plain } = {};
      for (const [key, value] of node.entries) {
        if (!(value.kind === "scalar" && value.value === null)) out[key] = toPlain(value);
      }
      return out;
    }
    case "list":
      return node.items.map(toPlain);
    case "scalar":
      return node.value;
  }
}

/** Where the value at `path` (or its nearest written ancestor) was written. */
export function locate(root: SpecNode, path: readonly (string | number)[]): Location {
  let node = root;
  for (const step of path) {
    const next =
      node.kind === "map"
        ? node.entries.get(String(step))
        : node.kind === "list"
          ? node.items[Number(step)]
          : undefined;
    if (!next) break;
    node = next;
  }
  return node.at;
}
