/**
 * Stripe's form encoding, parsed: `a[b][c]=v` nests, `a[0][b]=v` and `a[]=v` build arrays,
 * `key=` stays an empty string (the caller decides whether that unsets). Values stay strings;
 * the parameter specs coerce them.
 */

export type FormTree = string | FormTree[] | { [key: string]: FormTree };

export function parseForm(text: string): Record<string, FormTree> {
  const root: Record<string, FormTree> = {};
  if (!text) return root;
  for (const pair of text.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    assign(root, keyPath(key), value);
  }
  return normalizeArrays(root) as Record<string, FormTree>;
}

function decode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, " "));
}

/** `a[b][0][c]` → ["a", "b", "0", "c"]; `a[]` → ["a", ""]. */
function keyPath(key: string): string[] {
  const open = key.indexOf("[");
  if (open < 0) return [key];
  const path = [key.slice(0, open)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(key.slice(open)))) path.push(m[1]);
  return path;
}

type Node = { [key: string]: Node | string } & { __appended?: number };

function assign(root: Record<string, unknown>, path: string[], value: string): void {
  let node = root as Node;
  for (let i = 0; i < path.length; i++) {
    let segment = path[i];
    if (segment === "") {
      // `a[]=x`: append at the next free position.
      segment = String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
    }
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const child = node[segment];
    if (typeof child !== "object" || child === null) node[segment] = {} as Node;
    node = node[segment] as Node;
  }
}

/** Objects whose keys are all indices become arrays. */
function normalizeArrays(value: unknown): FormTree {
  if (typeof value !== "object" || value === null) return value as string;
  const entries = Object.entries(value as Record<string, unknown>);
  const converted = entries.map(([k, v]) => [k, normalizeArrays(v)] as const);
  if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
    return converted.sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(converted);
}
