/**
 * One contract every resource honours, run against the emulator: create, refresh, no-op diff,
 * update in place, replace, delete read back from Stripe's side, recovery from drift and from
 * out-of-band deletion, and adoption of an existing object. Each resource supplies a small case
 * table, as data in test/resources/cases/. Which steps apply follows from the declaration (an
 * object with no create-only input cannot be replaced; one an account has once cannot vanish or
 * be adopted): a step that does not apply is not registered, and the suite's title says which
 * and why.
 */
import type { AnyDeclaration, RemoteObject } from "../../provider/engine/declaration";
import type { PlainObject } from "../../provider/engine/values";
import { COMMON_LOCAL_INPUTS } from "../../provider/engine/common";
import { useEmulator, type Harness } from "../support/emulator";

/** A change from one set of inputs to another, and what it must do. */
export interface ChangeCase {
  /** Inputs the object is created with. */
  from: PlainObject;
  /** Inputs after the change. */
  to: PlainObject;
  /**
   * The plan: an update in place (the default), a replacement of these inputs, or a preview
   * that fails with this message (a removal Stripe cannot carry out).
   */
  plan?: { replaces: string[] } | { fails: RegExp };
  /** What Stripe holds after an update in place. */
  expect?(object: RemoteObject): void;
}

export interface ContractCase {
  /** Inputs as a user writes them. */
  create: PlainObject;
  /**
   * A change that updates in place, and what Stripe must then hold (required unless every
   * input is create-only).
   */
  update?: { inputs: PlainObject; expect(object: RemoteObject): void };
  /** A change that replaces the object (required when the declaration has create-only inputs). */
  replace?: { inputs: PlainObject; replaces: string[] };
  /** What destroy leaves in Stripe. */
  afterDelete(object: RemoteObject | undefined, h: Harness): void | Promise<void>;
  /** An out-of-band change of an updatable field, as stored fields to patch (same condition). */
  drift?: { patch: Record<string, unknown> };
  /** Provider config beyond the API key and base. */
  config?: Record<string, string>;
  /** Removing a whole nested optional object (for a resource that has one). */
  removeNested?: ChangeCase;
  /** Removing one entry of a map (metadata, currency options …). */
  removeMapEntry?: ChangeCase;
  /** Editing one field of a nested group. */
  editNested?: ChangeCase;
  /** Reads the stored object (default: by id). */
  stored?(h: Harness, id: string): RemoteObject | undefined;
}

/** Paths in a value that hold `undefined` (which JSON would silently drop). */
function undefinedPaths(value: unknown, at = ""): string[] {
  if (value === undefined) return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedPaths(v, `${at}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => undefinedPaths(v, at ? `${at}.${k}` : k));
  return [];
}

/** Contract steps that depend on what the object is, with why a step does not apply. */
export function notApplicable(decl: AnyDeclaration): Record<string, string> {
  const out: Record<string, string> = {};
  const local = [...COMMON_LOCAL_INPUTS, ...(decl.local ?? [])] as string[];
  const remote = Object.keys(decl.schema().shape).filter((k) => !local.includes(k));
  if (remote.every((k) => (decl.createOnly as readonly string[]).includes(k))) {
    out.update = "every input is create-only: nothing updates in place";
    out.drift = "every input is create-only: nothing Stripe lets change can drift";
  }
  if (decl.createOnly.length === 0) {
    out.replace = "no create-only input: every change updates in place";
    out["adopt-mismatch"] = "no create-only input that adoption could contradict";
  }
  if (decl.singleton) {
    out.vanish = "one per account: Stripe cannot lose it";
    out.adopt = "one per account: create always adopts the account's own";
    out["adopt-mismatch"] = out.adopt;
    out["adopt-missing"] = out.adopt;
  }
  return out;
}

/** Runs check (as the engine would), asserting it passes, and returns the checked inputs. */
export async function checked(
  h: Harness,
  decl: AnyDeclaration,
  c: ContractCase,
  inputs: PlainObject,
  olds: PlainObject = {},
): Promise<PlainObject> {
  const result = await h.provider(decl, c.config).check(olds, inputs);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** How a resource's case builds its contract case: the valid inputs other suites reuse. */
export type MakeCase = (h: Harness) => Promise<ContractCase> | ContractCase;

/** The optional change cases a resource may supply. */
export type ChangeName = "removeNested" | "removeMapEntry" | "editNested";

/**
 * A resource's contract case, as data (test/resources/cases/<module>.ts): its test file runs
 * the contract from it, and the fault and provider-host suites run the declaration from it.
 */
export interface ResourceCase {
  decl: AnyDeclaration;
  make: MakeCase;
  /**
   * The change cases a resource has nothing for, with the reason (e.g. it has no map): those
   * are not registered and the title says so; any other case must be supplied.
   */
  absent?: Partial<Record<ChangeName, string>>;
}

/** Registers the contract suite of one resource case. */
export function resourceContract({ decl, make, absent = {} }: ResourceCase): Harness {
  const h = useEmulator();
  const skipped: Record<string, string> = { ...notApplicable(decl), ...absent };
  const summary = Object.entries(skipped)
    .map(([step, why]) => `${step} (${why})`)
    .join("; ");
  describe(`${decl.type} contract${summary ? ` — not applicable: ${summary}` : ""}`, () => {
    let c: ContractCase;
    beforeEach(async () => {
      c = await make(h);
    });
    const provider = () => h.provider(decl, c.config);
    const step = (name: string, title: string, fn: () => Promise<void>) => {
      if (!(name in skipped)) it(title, fn);
    };
    const stored = (id: string) =>
      c.stored ? c.stored(h, id) : (h.emulator.objects.get(id) as RemoteObject | undefined);

    async function created() {
      const inputs = await checked(h, decl, c, c.create);
      const result = await provider().create(inputs);
      return { inputs, ...result };
    }

    it("creates, then refresh and diff show no change", async () => {
      const { id, outs, inputs } = await created();
      expect(id).toBeTruthy();
      // Pulumi's host rejects `undefined` anywhere in outputs, after the object exists.
      expect(undefinedPaths(outs)).toEqual([]);
      const read = await provider().read(id, outs);
      expect(read.id).toBe(id);
      expect(read.props).toEqual(outs);
      expect(await provider().diff(id, read.props!, inputs)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(await provider().diff(id, outs, await checked(h, decl, c, c.create, outs))).toMatchObject({
        changes: false,
      });
    });

    step("update", "updates in place, and a preview afterwards shows no change", async () => {
      const update = c.update!;
      expect(update).toBeDefined();
      const { id, outs } = await created();
      const news = await checked(h, decl, c, update.inputs, outs);
      const diff = await provider().diff(id, outs, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const updated = await provider().update(id, outs, news);
      update.expect(stored(id) as RemoteObject);
      expect(await provider().diff(id, updated.outs, news)).toMatchObject({ changes: false });
      const read = await provider().read(id, updated.outs);
      expect(await provider().diff(id, read.props!, news)).toMatchObject({ changes: false });
    });

    step("replace", "replaces when a create-only input changes", async () => {
      const replace = c.replace!;
      expect(replace).toBeDefined();
      const { id, outs } = await created();
      const news = await checked(h, decl, c, replace.inputs, outs);
      const diff = await provider().diff(id, outs, news);
      expect(diff.changes).toBe(true);
      expect(diff.replaces.sort()).toEqual([...replace.replaces].sort());
      expect(diff.deleteBeforeReplace).toBe(decl.deleteBeforeReplace === true);
    });

    const changes = (["removeNested", "removeMapEntry", "editNested"] as const).filter(
      (n) => !(n in skipped),
    );
    // it.each refuses an empty table: a resource with no change case registers none.
    if (changes.length > 0)
      it.each(changes)("%s: plans what Stripe allows, then a preview shows no change", async (name) => {
        const change = c[name]!;
        expect(change).toBeDefined();
        const inputs = await checked(h, decl, c, change.from);
        const { id, outs } = await provider().create(inputs);
        const news = await checked(h, decl, c, change.to, outs);
        const plan: ChangeCase["plan"] | Record<string, never> = change.plan ?? {};
        if ("fails" in plan) {
          const before = h.emulator.requests().length;
          await expect(provider().diff(id, outs, news)).rejects.toMatchObject({
            message: expect.stringMatching(plan.fails),
          });
          expect(h.emulator.requests().length).toBe(before);
          return;
        }
        const diff = await provider().diff(id, outs, news);
        expect(diff).toMatchObject({ changes: true, replaces: "replaces" in plan ? plan.replaces : [] });
        if ("replaces" in plan) return;
        const updated = await provider().update(id, outs, news);
        change.expect?.(stored(id) as RemoteObject);
        expect(await provider().diff(id, updated.outs, news)).toMatchObject({ changes: false });
        const read = await provider().read(id, updated.outs);
        expect(await provider().diff(id, read.props!, news)).toMatchObject({ changes: false });
      });

    it("deletes as its policy says, and a second delete succeeds", async () => {
      const { id, outs } = await created();
      await provider().delete(id, outs);
      await c.afterDelete(stored(id), h);
      await provider().delete(id, outs);
    });

    step("drift", "shows an out-of-band change on refresh, and the next update puts it back", async () => {
      const { id, outs, inputs } = await created();
      Object.assign(stored(id)!, c.drift!.patch);
      const read = await provider().read(id, outs);
      const diff = await provider().diff(id, read.props!, inputs);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      await provider().update(id, read.props!, inputs);
      const again = await provider().read(id, read.props!);
      expect(await provider().diff(id, again.props!, inputs)).toMatchObject({ changes: false });
    });

    step("vanish", "reports an object deleted out of band as gone, so Pulumi recreates it", async () => {
      const { id, outs } = await created();
      h.emulator.objects.remove(id);
      expect(await provider().read(id, outs)).toEqual({ id: "", props: {} });
    });

    step(
      "adopt",
      "adopts an existing object instead of creating one, bringing it to the inputs",
      async () => {
        const { id } = await created();
        // Creates at the collection, whatever object a nested path names.
        const creates = new RegExp(`^${decl.path.replace(/\{\w+\}/g, "[^/]+")}$`);
        const before = h.emulator.count("POST", creates);
        const inputs = await checked(h, decl, c, { ...(c.update?.inputs ?? c.create), adoptId: id });
        const adopted = await provider().create(inputs);
        expect(adopted.id).toBe(id);
        expect(h.emulator.count("POST", creates)).toBe(before);
        c.update?.expect(stored(id) as RemoteObject);
      },
    );

    step(
      "adopt-mismatch",
      "refuses at preview to adopt an object whose create-only inputs differ, naming them",
      async () => {
        const replace = c.replace!;
        expect(replace).toBeDefined();
        const { id } = await created();
        const wanted = { ...replace.inputs, adoptId: id };
        const preview = await provider().check({}, wanted);
        expect(preview.failures).toEqual([
          {
            property: "adoptId",
            reason: expect.stringMatching(new RegExp(`\\[adopt_mismatch\\].*${replace.replaces[0]}`)),
          },
        ]);
        // And if the plan came from elsewhere, create refuses too.
        const unchecked = { ...(await checked(h, decl, c, replace.inputs)), adoptId: id };
        await expect(provider().create(unchecked)).rejects.toMatchObject({
          code: "adopt_mismatch",
          message: expect.stringContaining(replace.replaces[0]),
        });
      },
    );

    step("adopt-missing", "refuses at preview to adopt an object that does not exist", async () => {
      const preview = await provider().check({}, { ...c.create, adoptId: "xx_missing" });
      expect(preview.failures[0]).toMatchObject({
        property: "adoptId",
        reason: expect.stringContaining("[adopt_missing]"),
      });
    });
  });
  return h;
}
