/**
 * An emptied or removed list is never dropped from an update: Stripe keeps a list it is not
 * told to clear, so the plan would say "cleared" while Stripe kept the old items. The engine
 * either sends `""` (where Stripe's types mark the parameter `Emptyable`) or reports the input
 * as one Stripe cannot unset, which the preview refuses with `cannot_unset`. The cases come
 * from every declaration's update endpoint in Stripe's tables, so a new object is covered.
 */
import { discover } from "../../scripts/generate";
import { inputPathOfParam } from "../../provider/engine/casing";
import { planDelta } from "../../provider/engine/diff";
import { DeclaredProvider } from "../../provider/engine/provider";
import { paramTree, updateDelta } from "../../provider/engine/resource-diff";
import type { AnyDeclaration } from "../../provider/engine/declaration";
import { PlanError } from "../../provider/errors";
import type { PlainObject } from "../../provider/engine/values";
import type { StripeParamNode } from "../../provider/stripe/stripe-params";

/** Where a list sits in an update's parameters: the Stripe path and its input path. */
interface ListParam {
  type: string;
  decl: AnyDeclaration;
  /** Stripe's spelling; a map's key is `eur`. */
  param: string[];
  input: string[];
}

/**
 * The list parameters reachable through objects and maps. Lists inside a list's items are not:
 * a list is sent whole, so what its items held is replaced with it.
 */
function lists(node: StripeParamNode, path: string[] = []): string[][] {
  if (node.type === "array") return [path];
  if (node.type === "object") return Object.entries(node.fields).flatMap(([k, v]) => lists(v, [...path, k]));
  if (node.type === "map") return lists(node.values, [...path, "eur"]);
  if (node.type === "union") return node.anyOf.flatMap((option) => lists(option, path));
  return [];
}

function listParams(): ListParam[] {
  return discover().flatMap(({ declaration: decl }) => {
    const tree = paramTree(`POST ${decl.path}/{id}`) ?? paramTree(`POST ${decl.path}`);
    if (!tree) return [];
    const inputs = Object.keys(decl.schema().shape);
    return lists(tree)
      .map((param) => {
        const bracketed = param.map((s, i) => (i === 0 ? s : `[${s}]`)).join("");
        const input = inputPathOfParam(bracketed, decl.maps)!.split(".");
        return { type: decl.type, decl, param, input };
      })
      .filter(({ input }) => inputs.includes(input[0]))
      .filter(({ decl, input }) => !decl.createOnly.some((c) => input.join(".").startsWith(c)));
  });
}

/**
 * The declaration's defaults (what check fills in when an input is left out), with `value` at
 * `path`, or nothing there when `value` is undefined: the rest of the inputs stay as check
 * would leave them, so rules reading other inputs see a realistic object.
 */
function inputsWith(decl: AnyDeclaration, path: string[], value: unknown): PlainObject {
  const shape = decl.schema().shape as Record<string, { safeParse(v: unknown): { data?: unknown } }>;
  const out: PlainObject = {};
  for (const [key, field] of Object.entries(shape)) {
    const filled = field.safeParse(undefined).data;
    if (filled !== undefined) out[key] = structuredClone(filled) as never;
  }
  let parent: any = out;
  for (const key of path.slice(0, -1)) parent = parent[key] ??= {};
  if (value === undefined) delete parent[path[path.length - 1]];
  else parent[path[path.length - 1]] = value;
  return out;
}

function valueAt(object: unknown, path: string[]): unknown {
  return path.reduce<any>((o, key) => (o === undefined || o === null ? undefined : o[key]), object);
}

const provider = (decl: AnyDeclaration) => new DeclaredProvider(decl, { config: {}, env: {} });

const CASES = listParams();

describe("an emptied list input, in every declaration's update", () => {
  it("finds the list inputs of the declarations (the table is not empty)", () => {
    const found = CASES.map(({ type, input }) => `${type}.${input.join(".")}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "Product.images",
        "Product.marketingFeatures",
        "PortalConfiguration.features.customerUpdate.allowedUpdates",
        "PortalConfiguration.features.subscriptionCancel.cancellationReason.options",
        "SubscriptionSchedule.phases",
      ]),
    );
  });

  describe.each(CASES.map((c) => [`${c.type}.${c.input.join(".")}`, c] as const))("%s", (_name, c) => {
    const old = inputsWith(c.decl, c.input, ["x"]);
    const node = c.param.reduce<StripeParamNode | undefined>(
      (n, key) => (n?.type === "object" ? n.fields[key] : n?.type === "map" ? n.values : undefined),
      paramTree(`POST ${c.decl.path}/{id}`) ?? paramTree(`POST ${c.decl.path}`),
    );

    it.each([
      ["set to []", inputsWith(c.decl, c.input, [])],
      ["removed", inputsWith(c.decl, c.input, undefined)],
    ])("%s: sent as an unset Stripe accepts, or refused at preview", async (_how, next) => {
      const delta = updateDelta(c.decl, old, next);
      const sent = valueAt(delta.params, c.param);
      const reported = delta.unsettable.some((p) => p.join(".") === c.param.join("."));
      // Exactly one of the two, and the right one for Stripe's table.
      expect({ sent, reported }).toEqual(
        node?.emptyable ? { sent: "", reported: false } : { sent: undefined, reported: true },
      );
      if (reported) {
        // The preview refuses it, naming the input, before anything is sent.
        return expect(provider(c.decl).diff("obj_1", old, next)).rejects.toMatchObject({
          constructor: PlanError,
          code: "cannot_unset",
          path: c.input.join("."),
          message: expect.stringContaining(`${c.input.join(".")} cannot be removed`),
        });
      }
    });
  });
});

describe("planDelta on an emptied list", () => {
  const emptyable: StripeParamNode = {
    type: "object",
    fields: {
      tags: { type: "array", items: { type: "string" }, emptyable: true },
      group: {
        type: "object",
        fields: {
          enabled: { type: "boolean" },
          options: { type: "array", items: { type: "string" } },
          inner: { type: "object", fields: { codes: { type: "array", items: { type: "string" } } } },
        },
      },
      ids: { type: "array", items: { type: "string" } },
    },
  };

  it("clears an emptyable list with an empty value", () => {
    expect(planDelta({ tags: ["a"] }, { tags: [] }, { tree: emptyable })).toEqual({
      params: { tags: "" },
      unsettable: [],
    });
  });

  it("reports a list Stripe cannot empty, at the top or nested", () => {
    expect(planDelta({ ids: ["a"] }, { ids: [] }, { tree: emptyable })).toEqual({
      params: {},
      unsettable: [["ids"]],
    });
    expect(
      planDelta(
        { group: { enabled: true, options: ["a"] } },
        { group: { enabled: true, options: [] } },
        {
          tree: emptyable,
        },
      ),
    ).toEqual({ params: {}, unsettable: [["group", "options"]] });
  });

  it("reports a list Stripe cannot empty inside an object sent whole, emptied or removed", () => {
    const whole = { tree: emptyable, together: ["group"] };
    const before = { group: { enabled: true, options: ["a"], inner: { codes: ["c"] } } };
    expect(
      planDelta(before, { group: { enabled: false, options: [], inner: { codes: ["c"] } } }, whole)
        .unsettable,
    ).toEqual([["group", "options"]]);
    expect(
      planDelta(before, { group: { enabled: false, options: ["a"], inner: { codes: [] } } }, whole)
        .unsettable,
    ).toEqual([["group", "inner", "codes"]]);
    expect(
      planDelta(before, { group: { enabled: false, options: ["a"], inner: {} } }, whole).unsettable,
    ).toEqual([["group", "inner", "codes"]]);
  });

  it("leaves out an empty list that was empty before, inside an object sent whole", () => {
    expect(
      planDelta(
        { group: { enabled: true, options: [] } },
        { group: { enabled: false, options: [] } },
        { tree: emptyable, together: ["group"] },
      ),
    ).toEqual({ params: { group: { enabled: false } }, unsettable: [] });
  });
});
