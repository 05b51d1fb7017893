/**
 * One contract every resource honours, run against the emulator: create, refresh, no-op diff,
 * update in place, replace, delete read back from Stripe's side, recovery from drift and from
 * out-of-band deletion, adoption of an existing object, and `pulumi import`. Each resource
 * supplies a small case table, as data in test/resources/cases/. The contract runs through each
 * front end (../support/front-ends): the dynamic resource and the provider plugin must behave
 * alike. Which steps apply follows from the declaration (an object with no create-only input
 * cannot be replaced; one an account has once cannot vanish or be adopted) and from the front
 * end (only the plugin is imported): a step that does not apply is not registered, and the
 * suite's title says which and why.
 */
import { collectionPattern, type AnyDeclaration, type RemoteObject } from "../../provider/engine/declaration";
import { pick, type PlainObject } from "../../provider/engine/values";
import { COMMON_LOCAL_INPUTS } from "../../provider/engine/common";
import { useEmulator, type Harness } from "../support/emulator";
import { FRONT_ENDS, type FrontEnd, type ResourceOps } from "../support/front-ends";

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

/**
 * Registers the contract suite of one resource case, once through each front end (the dynamic
 * resource and the provider plugin), on one emulator.
 */
export function resourceContract(resourceCase: ResourceCase): Harness {
  const h = useEmulator();
  for (const front of FRONT_ENDS) contractThrough(h, front, resourceCase);
  return h;
}

/** The id `pulumi import` names an object by: a nested object's parent ids first (`<product>/<id>`). */
export function importId(decl: AnyDeclaration, inputs: PlainObject, id: string): string {
  const parents = [...decl.path.matchAll(/\{(\w+)\}/g)].map((m) => String(inputs[m[1]]));
  return [...parents, id].join("/");
}

function contractThrough(h: Harness, front: FrontEnd, { decl, make, absent = {} }: ResourceCase): void {
  const skipped: Record<string, string> = { ...notApplicable(decl), ...front.notApplicable, ...absent };
  const summary = Object.entries(skipped)
    .map(([step, why]) => `${step} (${why})`)
    .join("; ");
  describe(`${decl.type} contract ${front.title}${summary ? ` — not applicable: ${summary}` : ""}`, () => {
    let c: ContractCase;
    let ops: ResourceOps;
    beforeEach(async () => {
      c = await make(h);
      ops = front.resource(h, decl, { config: c.config });
    });
    const step = (name: string, title: string, fn: () => Promise<void>) => {
      if (!(name in skipped)) it(title, fn);
    };
    const stored = (id: string) =>
      c.stored ? c.stored(h, id) : (h.emulator.objects.get(id) as RemoteObject | undefined);

    /** Runs check (as the engine would), asserting it passes, and returns the checked inputs. */
    async function checked(inputs: PlainObject, olds: PlainObject = {}): Promise<PlainObject> {
      const result = await ops.check(olds, inputs);
      expect(result.failures).toEqual([]);
      return result.inputs;
    }

    async function created() {
      const inputs = await checked(c.create);
      const result = await ops.create(inputs);
      return { inputs, ...result };
    }

    it("creates, then refresh and diff show no change", async () => {
      const { id, outs, inputs } = await created();
      expect(id).toBeTruthy();
      // Pulumi's host rejects `undefined` anywhere in outputs, after the object exists.
      expect(undefinedPaths(outs)).toEqual([]);
      const read = await ops.read(id, outs);
      expect(read.id).toBe(id);
      expect(read.props).toEqual(outs);
      expect(await ops.diff(id, read.props!, inputs)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(await ops.diff(id, outs, await checked(c.create, outs))).toMatchObject({
        changes: false,
      });
    });

    step("update", "updates in place, and a preview afterwards shows no change", async () => {
      const update = c.update!;
      expect(update).toBeDefined();
      const { id, outs } = await created();
      const news = await checked(update.inputs, outs);
      const diff = await ops.diff(id, outs, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const updated = await ops.update(id, outs, news);
      update.expect(stored(id) as RemoteObject);
      expect(await ops.diff(id, updated.outs, news)).toMatchObject({ changes: false });
      const read = await ops.read(id, updated.outs);
      expect(await ops.diff(id, read.props!, news)).toMatchObject({ changes: false });
    });

    step("replace", "replaces when a create-only input changes", async () => {
      const replace = c.replace!;
      expect(replace).toBeDefined();
      const { id, outs } = await created();
      const news = await checked(replace.inputs, outs);
      const diff = await ops.diff(id, outs, news);
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
        const inputs = await checked(change.from);
        const { id, outs } = await ops.create(inputs);
        const news = await checked(change.to, outs);
        const plan: ChangeCase["plan"] | Record<string, never> = change.plan ?? {};
        if ("fails" in plan) {
          const before = h.emulator.requests().length;
          await expect(ops.diff(id, outs, news)).rejects.toMatchObject({
            message: expect.stringMatching(plan.fails),
          });
          expect(h.emulator.requests().length).toBe(before);
          return;
        }
        const diff = await ops.diff(id, outs, news);
        expect(diff).toMatchObject({ changes: true, replaces: "replaces" in plan ? plan.replaces : [] });
        if ("replaces" in plan) return;
        const updated = await ops.update(id, outs, news);
        change.expect?.(stored(id) as RemoteObject);
        expect(await ops.diff(id, updated.outs, news)).toMatchObject({ changes: false });
        const read = await ops.read(id, updated.outs);
        expect(await ops.diff(id, read.props!, news)).toMatchObject({ changes: false });
      });

    it("deletes as its policy says, and a second delete succeeds", async () => {
      const { id, outs } = await created();
      await ops.delete(id, outs);
      await c.afterDelete(stored(id), h);
      await ops.delete(id, outs);
    });

    step("drift", "shows an out-of-band change on refresh, and the next update puts it back", async () => {
      const { id, outs, inputs } = await created();
      Object.assign(stored(id)!, c.drift!.patch);
      const read = await ops.read(id, outs);
      const diff = await ops.diff(id, read.props!, inputs);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      await ops.update(id, read.props!, inputs);
      const again = await ops.read(id, read.props!);
      expect(await ops.diff(id, again.props!, inputs)).toMatchObject({ changes: false });
    });

    step("vanish", "reports an object deleted out of band as gone, so Pulumi recreates it", async () => {
      const { id, outs } = await created();
      h.emulator.objects.remove(id);
      expect(await ops.read(id, outs)).toEqual({ id: "", props: {} });
    });

    step(
      "import",
      "imports by id (`pulumi import`): the inputs a Read without properties gives check, and diff as unchanged",
      async () => {
        const { id, outs, inputs } = await created();
        const imported = await ops.import!(importId(decl, inputs, id));
        expect(imported.id).toBe(id);
        // Output-only fields are Stripe's, whoever reads them.
        const computed = Object.keys(decl.computed().shape).filter((k) => k in imported.props);
        expect(pick(imported.props, computed)).toEqual(pick(outs, computed));
        // The engine checks the inputs the import read, and refuses the import if a diff shows changes.
        const news = await checked(imported.inputs ?? {});
        expect(await ops.diff(id, imported.props, news)).toEqual({
          changes: false,
          replaces: [],
          deleteBeforeReplace: false,
        });
      },
    );

    step(
      "adopt",
      "adopts an existing object instead of creating one, bringing it to the inputs",
      async () => {
        const { id } = await created();
        // Creates at the collection, whatever object a nested path names.
        const creates = collectionPattern(decl);
        const before = h.emulator.count("POST", creates);
        const inputs = await checked({ ...(c.update?.inputs ?? c.create), adoptId: id });
        const adopted = await ops.create(inputs);
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
        const preview = await ops.check({}, wanted);
        expect(preview.failures).toEqual([
          {
            property: "adoptId",
            reason: expect.stringMatching(new RegExp(`\\[adopt_mismatch\\].*${replace.replaces[0]}`)),
          },
        ]);
        // And if the plan came from elsewhere, create refuses too.
        const unchecked = { ...(await checked(replace.inputs)), adoptId: id };
        await expect(ops.create(unchecked)).rejects.toMatchObject({
          code: "adopt_mismatch",
          message: expect.stringContaining(replace.replaces[0]),
        });
      },
    );

    step("adopt-missing", "refuses at preview to adopt an object that does not exist", async () => {
      const preview = await ops.check({}, { ...c.create, adoptId: "xx_missing" });
      expect(preview.failures[0]).toMatchObject({
        property: "adoptId",
        reason: expect.stringContaining("[adopt_missing]"),
      });
    });
  });
}
