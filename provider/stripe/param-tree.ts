/**
 * The parameter trees of Stripe's endpoints, as the provider reads them, and their compact
 * form as `npm run stripe-tables` writes it (provider/stripe/stripe-params.ts): a scalar is its
 * kind's letter, a structure a one-letter key, and the flags `!` (required) and `~` (emptyable)
 * follow, so the module the provider ships stays small.
 */

/** What one endpoint accepts. `required`: must be sent; `emptyable`: may be sent as "" to unset. */
export type StripeParamNode = (
  | { type: "string" | "integer" | "number" | "decimal" | "boolean" | "unknown" }
  | { type: "enum"; values: readonly string[] }
  | { type: "object"; fields: Readonly<Record<string, StripeParamNode>> }
  | { type: "array"; items: StripeParamNode }
  | { type: "map"; values: StripeParamNode }
  | { type: "union"; anyOf: readonly StripeParamNode[] }
) & { required?: true; emptyable?: true };

/**
 * A node in compact form: `"s"`, `"i!"`, `"b~"` (scalar kind and flags), or one of
 * `{ e: values }`, `{ o: fields }`, `{ a: items }`, `{ m: values }`, `{ u: anyOf }` with the
 * flags in `f`.
 */
export type CompactParamNode =
  | string
  | ({ f?: string } & (
      | { e: readonly string[] }
      | { o: Readonly<Record<string, CompactParamNode>> }
      | { a: CompactParamNode }
      | { m: CompactParamNode }
      | { u: readonly CompactParamNode[] }
    ));

const SCALARS = {
  s: "string",
  i: "integer",
  n: "number",
  d: "decimal",
  b: "boolean",
  u: "unknown",
} as const;

type Scalar = (typeof SCALARS)[keyof typeof SCALARS];

const LETTERS = Object.fromEntries(Object.entries(SCALARS).map(([k, v]) => [v, k])) as Record<Scalar, string>;

function flags(text = ""): { required?: true; emptyable?: true } {
  return {
    ...(text.includes("!") ? { required: true as const } : {}),
    ...(text.includes("~") ? { emptyable: true as const } : {}),
  };
}

function flagText(node: StripeParamNode): string {
  return `${node.required ? "!" : ""}${node.emptyable ? "~" : ""}`;
}

/** A compact node expanded. */
export function expandParam(node: CompactParamNode): StripeParamNode {
  if (typeof node === "string") {
    const type = SCALARS[node[0] as keyof typeof SCALARS];
    if (!type) throw new Error(`param tree: unknown kind "${node}"`);
    return { type, ...flags(node.slice(1)) };
  }
  const f = flags(node.f);
  if ("e" in node) return { type: "enum", values: node.e, ...f };
  if ("o" in node) {
    const fields = Object.fromEntries(Object.entries(node.o).map(([k, v]) => [k, expandParam(v)]));
    return { type: "object", fields, ...f };
  }
  if ("a" in node) return { type: "array", items: expandParam(node.a), ...f };
  if ("m" in node) return { type: "map", values: expandParam(node.m), ...f };
  return { type: "union", anyOf: node.u.map(expandParam), ...f };
}

/** A tree in compact form (what the generator writes). */
export function compactParam(node: StripeParamNode): CompactParamNode {
  const f = flagText(node);
  const withFlags = <T extends object>(body: T) => (f ? { ...body, f } : body);
  switch (node.type) {
    case "enum":
      return withFlags({ e: node.values });
    case "object":
      return withFlags({
        o: Object.fromEntries(Object.entries(node.fields).map(([k, v]) => [k, compactParam(v)])),
      });
    case "array":
      return withFlags({ a: compactParam(node.items) });
    case "map":
      return withFlags({ m: compactParam(node.values) });
    case "union":
      return withFlags({ u: node.anyOf.map(compactParam) });
    default:
      return `${LETTERS[node.type]}${f}`;
  }
}
