/**
 * Whether a response has exactly the keys of the SDK's object type for the pinned version,
 * recursively: every non-optional key present (`null` where nullable), no key the type does
 * not have, and each value of the kind the type says.
 */
import { objects, type TableNode } from "./tables";

/** Violations in a response body (an object, a list of objects, or a deleted object). */
export function shapeViolations(body: unknown): string[] {
  const out: string[] = [];
  const value = body as Record<string, unknown>;
  if (value?.object === "list" && Array.isArray(value.data)) {
    value.data.forEach((item, i) => checkObject(item, `data[${i}]`, out));
  } else checkObject(body, "", out);
  return out;
}

function checkObject(value: unknown, at: string, out: string[]): void {
  const v = value as Record<string, unknown>;
  const name = typeof v?.object === "string" ? v.object : undefined;
  const table = name && (v.deleted === true ? objects.deleted[name] : objects.objects[name]);
  if (!table) {
    out.push(`${at || "."}: no object table for ${String(name)}`);
    return;
  }
  check(value, table, at, out);
}

function check(value: unknown, node: TableNode, at: string, out: string[]): void {
  if (value === null) {
    if (!node.nullable) out.push(`${at}: null, but not nullable`);
    return;
  }
  const problem = (what: string): void => {
    out.push(`${at}: ${what}`);
  };
  switch (node.type) {
    case "string":
    case "decimal":
      if (typeof value !== "string") problem(`expected a string, got ${JSON.stringify(value)}`);
      return;
    case "enum":
      if (typeof value !== "string")
        problem(`expected one of ${node.values.join("|")}, got ${JSON.stringify(value)}`);
      return;
    case "integer":
      if (!Number.isInteger(value)) problem(`expected an integer, got ${JSON.stringify(value)}`);
      return;
    case "number":
      if (typeof value !== "number") problem(`expected a number, got ${JSON.stringify(value)}`);
      return;
    case "boolean":
      if (typeof value !== "boolean") problem(`expected a boolean, got ${JSON.stringify(value)}`);
      return;
    case "unknown":
      return;
    case "array":
      if (!Array.isArray(value)) return problem(`expected an array`);
      value.forEach((item, i) => check(item, node.items, `${at}[${i}]`, out));
      return;
    case "list": {
      const list = value as { object?: unknown; data?: unknown };
      if (list.object !== "list" || !Array.isArray(list.data)) return problem(`expected a list`);
      list.data.forEach((item, i) => check(item, node.items, `${at}.data[${i}]`, out));
      return;
    }
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return problem(`expected a map`);
      for (const [k, v] of Object.entries(value)) check(v, node.values, `${at}[${k}]`, out);
      return;
    case "ref":
      if (typeof value === "object") checkObject(value, at, out);
      else problem(`expected a ${node.object} object`);
      return;
    case "union": {
      // The alternative with the fewest violations speaks for the value.
      const tries = node.anyOf.map((alt) => {
        const found: string[] = [];
        check(value, { ...alt, nullable: node.nullable }, at, found);
        return found;
      });
      out.push(...tries.reduce((a, b) => (b.length < a.length ? b : a)));
      return;
    }
    case "object": {
      if (typeof value !== "object" || Array.isArray(value)) return problem(`expected an object`);
      const v = value as Record<string, unknown>;
      for (const key of Object.keys(v)) {
        if (!(key in node.fields)) out.push(`${at}.${key}: not a key of the SDK type`);
      }
      for (const [key, field] of Object.entries(node.fields)) {
        if (!(key in v)) {
          if (!field.optional) out.push(`${at}.${key}: missing`);
          continue;
        }
        check(v[key], field, `${at}.${key}`, out);
      }
    }
  }
}
