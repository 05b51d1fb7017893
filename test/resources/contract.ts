/**
 * One contract every resource honours, run against the emulator: create, refresh, no-op diff,
 * update in place, replace, delete read back from Stripe's side, recovery from drift and from
 * out-of-band deletion, and adoption of an existing object. Each resource's test file supplies
 * a small case table; steps that do not apply to an object are left out of its table.
 */
import type { ResourceDeclaration, StripeObject } from "../../provider/engine/declaration";
import type { PlainObject } from "../../provider/engine/values";
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
  expect?(object: StripeObject): void;
}

export interface ContractCase {
  declaration: ResourceDeclaration;
  /** Inputs as a user writes them. */
  create: PlainObject;
  /** A change that updates in place, and what Stripe must then hold. */
  update: { inputs: PlainObject; expect(object: StripeObject): void };
  /** A change that replaces the object (objects with no create-only input have none). */
  replace?: { inputs: PlainObject; replaces: string[] };
  /** What destroy leaves in Stripe. */
  afterDelete(object: StripeObject | undefined, h: Harness): void | Promise<void>;
  /** An out-of-band change of an updatable field, as stored fields to patch. */
  drift: { patch: Record<string, unknown> };
  /** Whether Stripe can lose the object (a singleton cannot). */
  canVanish?: boolean;
  /** Whether `adoptId` applies (a singleton is always adopted). */
  adoptable?: boolean;
  /** Provider config beyond the API key and base. */
  config?: Record<string, string>;
  /** Removing a whole nested optional object (for a resource that has one). */
  removeNested?: ChangeCase;
  /** Removing one entry of a map (metadata, currency options …). */
  removeMapEntry?: ChangeCase;
  /** Editing one field of a nested group. */
  editNested?: ChangeCase;
  /** Reads the stored object (default: by id). */
  stored?(h: Harness, id: string): StripeObject | undefined;
}

/** Runs check (as the engine would), asserting it passes, and returns the checked inputs. */
export async function checked(
  h: Harness,
  c: ContractCase,
  inputs: PlainObject,
  olds: PlainObject = {},
): Promise<PlainObject> {
  const result = await h.provider(c.declaration, c.config).check(olds, inputs);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

export function resourceContract(
  name: string,
  make: (h: Harness) => Promise<ContractCase> | ContractCase,
): Harness {
  const h = useEmulator();
  describe(`${name} contract`, () => {
    let c: ContractCase;
    beforeEach(async () => {
      c = await make(h);
    });
    const provider = () => h.provider(c.declaration, c.config);
    const stored = (id: string) =>
      c.stored ? c.stored(h, id) : (h.emulator.objects.get(id) as StripeObject | undefined);

    async function created() {
      const inputs = await checked(h, c, c.create);
      const result = await provider().create(inputs);
      return { inputs, ...result };
    }

    it("creates, then refresh and diff show no change", async () => {
      const { id, outs, inputs } = await created();
      expect(id).toBeTruthy();
      expect(JSON.stringify(outs)).not.toContain("undefined");
      const read = await provider().read(id, outs);
      expect(read.id).toBe(id);
      expect(read.props).toEqual(outs);
      expect(await provider().diff(id, read.props!, inputs)).toEqual({
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(await provider().diff(id, outs, await checked(h, c, c.create, outs))).toMatchObject({
        changes: false,
      });
    });

    it("updates in place, and a preview afterwards shows no change", async () => {
      const { id, outs } = await created();
      const news = await checked(h, c, c.update.inputs, outs);
      const diff = await provider().diff(id, outs, news);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      const updated = await provider().update(id, outs, news);
      c.update.expect(stored(id) as StripeObject);
      expect(await provider().diff(id, updated.outs, news)).toMatchObject({ changes: false });
      const read = await provider().read(id, updated.outs);
      expect(await provider().diff(id, read.props!, news)).toMatchObject({ changes: false });
    });

    it("replaces when a create-only input changes", async () => {
      if (!c.replace) return;
      const { id, outs } = await created();
      const news = await checked(h, c, c.replace.inputs, outs);
      const diff = await provider().diff(id, outs, news);
      expect(diff.changes).toBe(true);
      expect(diff.replaces.sort()).toEqual([...c.replace.replaces].sort());
      expect(diff.deleteBeforeReplace).toBe(c.declaration.deleteBeforeReplace === true);
    });

    const changes = ["removeNested", "removeMapEntry", "editNested"] as const;
    it.each(changes)("%s: plans what Stripe allows, then a preview shows no change", async (name) => {
      const change = c[name];
      if (!change) return;
      const inputs = await checked(h, c, change.from);
      const { id, outs } = await provider().create(inputs);
      const news = await checked(h, c, change.to, outs);
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
      change.expect?.(stored(id) as StripeObject);
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

    it("shows an out-of-band change on refresh, and the next update puts it back", async () => {
      const { id, outs, inputs } = await created();
      Object.assign(stored(id)!, c.drift.patch);
      const read = await provider().read(id, outs);
      const diff = await provider().diff(id, read.props!, inputs);
      expect(diff).toMatchObject({ changes: true, replaces: [] });
      await provider().update(id, read.props!, inputs);
      const again = await provider().read(id, read.props!);
      expect(await provider().diff(id, again.props!, inputs)).toMatchObject({ changes: false });
    });

    it("reports an object deleted out of band as gone, so Pulumi recreates it", async () => {
      if (c.canVanish === false) return;
      const { id, outs } = await created();
      h.emulator.objects.remove(id);
      expect(await provider().read(id, outs)).toEqual({ id: "", props: {} });
    });

    it("adopts an existing object instead of creating one, bringing it to the inputs", async () => {
      if (c.adoptable === false) return;
      const { id } = await created();
      const before = h.emulator.count("POST", c.declaration.path);
      const inputs = await checked(h, c, { ...c.update.inputs, adoptId: id });
      const adopted = await provider().create(inputs);
      expect(adopted.id).toBe(id);
      expect(h.emulator.count("POST", c.declaration.path)).toBe(before);
      c.update.expect(stored(id) as StripeObject);
    });

    it("refuses at preview to adopt an object whose create-only inputs differ, naming them", async () => {
      if (c.adoptable === false || !c.replace) return;
      const { id } = await created();
      const wanted = { ...c.replace.inputs, adoptId: id };
      const preview = await provider().check({}, wanted);
      expect(preview.failures).toEqual([
        {
          property: "adoptId",
          reason: expect.stringMatching(new RegExp(`\\[adopt_mismatch\\].*${c.replace.replaces[0]}`)),
        },
      ]);
      // And if the plan came from elsewhere, create refuses too.
      const unchecked = { ...(await checked(h, c, c.replace.inputs)), adoptId: id };
      await expect(provider().create(unchecked)).rejects.toMatchObject({
        code: "adopt_mismatch",
        message: expect.stringContaining(c.replace.replaces[0]),
      });
    });

    it("refuses at preview to adopt an object that does not exist", async () => {
      if (c.adoptable === false) return;
      const preview = await provider().check({}, { ...c.create, adoptId: "xx_missing" });
      expect(preview.failures[0]).toMatchObject({
        property: "adoptId",
        reason: expect.stringContaining("[adopt_missing]"),
      });
    });
  });
  return h;
}
