/**
 * Invalid inputs generated from each declaration's schema, so that no enum or required field
 * goes unchecked when a resource is added: starting from the resource's contract case (a valid
 * input), every enum field the input holds is given a value outside the enum, and every
 * required field is left out. Each must fail the preview naming that field, before any write.
 * Rules the types cannot express stay hand-written in validation.test.ts.
 */
import { z } from "zod";
import type { AnyDeclaration } from "../../provider/engine/declaration";
import { isPlainObject, type Plain, type PlainObject } from "../../provider/engine/values";
import { unwrap } from "../../scripts/describe";
import { useEmulator } from "../support/emulator";
import { scenarios } from "../support/scenarios";

/** One generated case: the field, and how the valid input is spoilt there. */
interface Spoilt {
  path: string;
  how: "outside the enum" | "left out";
  inputs: PlainObject;
}

const NOT_IN_ANY_ENUM = "not_a_stripe_value";

/** Every enum and required field of a schema, as dotted paths (list elements transparently). */
function ruledFields(
  schema: z.ZodType,
  path: string[] = [],
): { path: string[]; enum: boolean; required: boolean }[] {
  const { core, optional } = unwrap(schema);
  const def = (core as any)._zod.def;
  const here = path.length > 0 ? [{ path, enum: def.type === "enum", required: !optional }] : [];
  if (def.type === "object")
    return [
      ...here,
      ...Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([k, v]) =>
        ruledFields(v, [...path, k]),
      ),
    ];
  if (def.type === "array") {
    const element = ruledFields(def.element, path).filter((f) => f.path.length > path.length);
    return [...here, ...element];
  }
  return here;
}

/**
 * The input with the field at `path` spoilt (`present`: only where the valid input holds it), and the path as check names it (with list
 * indexes); undefined when the valid input does not reach that field.
 */
function spoil(
  inputs: PlainObject,
  path: string[],
  change: (parent: PlainObject, key: string) => void,
  { present }: { present: boolean },
) {
  const copy = structuredClone(inputs);
  const named: string[] = [];
  let node: Plain = copy;
  for (const [i, step] of path.entries()) {
    while (Array.isArray(node)) {
      if (node.length === 0) return undefined;
      named.push("0");
      node = node[0];
    }
    if (!isPlainObject(node)) return undefined;
    if (i === path.length - 1) {
      if (present && node[step] === undefined) return undefined;
      change(node, step);
      return { inputs: copy, path: [...named, step].join(".") };
    }
    named.push(step);
    node = node[step];
  }
  return undefined;
}

function spoilt(decl: AnyDeclaration, valid: PlainObject): Spoilt[] {
  const out: Spoilt[] = [];
  for (const field of ruledFields(decl.schema())) {
    if (field.enum) {
      // Set even where the valid input leaves it to its default: its parent is enough.
      const s = spoil(valid, field.path, (parent, key) => (parent[key] = NOT_IN_ANY_ENUM), {
        present: false,
      });
      if (s) out.push({ ...s, how: "outside the enum" });
    }
    if (field.required) {
      const s = spoil(valid, field.path, (parent, key) => delete parent[key], { present: true });
      if (s) out.push({ ...s, how: "left out" });
    }
  }
  return out;
}

const h = useEmulator();

describe.each(scenarios().map(({ type, scenario }) => [type, scenario] as const))(
  "%s: invalid inputs generated from its schema",
  (_type, scenario) => {
    it("fails the preview at each spoilt enum and required field, naming it, with no write", async () => {
      const c = await scenario!.make(h);
      const cases = spoilt(scenario!.decl, c.create);
      const writesBefore = h.emulator.requests().filter((r) => r.method !== "GET").length;
      const unnamed: string[] = [];
      for (const { path, how, inputs } of cases) {
        const { failures } = await h.provider(scenario!.decl, c.config).check({}, inputs as never);
        if (!failures.some((f) => f.reason.includes(`] ${path}: `))) {
          unnamed.push(`${path} ${how}: ${failures.map((f) => f.reason).join("; ") || "accepted"}`);
        }
      }
      expect(unnamed).toEqual([]);
      expect(h.emulator.requests().filter((r) => r.method !== "GET").length).toBe(writesBefore);
      // A declaration whose contract case reaches no such field would make this test vacuous.
      expect(cases.length).toBeGreaterThan(0);
    });
  },
);
