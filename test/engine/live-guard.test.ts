/**
 * In live mode, a replacement or destroy that would retire a Stripe object needs
 * allowLiveDestroy: a replacement fails at preview naming the resource and what would happen,
 * a destroy fails before any write. Test mode is unaffected. Every declaration is run from its
 * contract case; whether its destroy retires the object is learnt by destroying it in test mode
 * and reading Stripe's side, not from the guard's own rules.
 */
import type { AnyDeclaration, RemoteObject } from "../../provider/engine/declaration";
import type { PlainObject } from "../../provider/engine/values";
import { retired } from "../../provider/engine/writes";
import { encodeForm, type FormParams } from "../../provider/stripe/encode";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { useEmulator, type Harness } from "../support/emulator";
import { scenarios, type Scenario } from "../support/scenarios";
import type { ContractCase } from "../resources/contract";
import { liveKey } from "../support/keys";

const h = useEmulator();

const LIVE_KEY = liveKey("guard1");
const LIVE = { "stripe-billing:apiKey": LIVE_KEY, "stripe-billing:allowLiveMode": "true" };
const LIVE_ALLOWED = { ...LIVE, "stripe-billing:allowLiveDestroy": "true" };
const inputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };
const replaced = { ...inputs, displayName: "Ground (2-day)" };

async function checked(
  decl: AnyDeclaration,
  config: Record<string, string>,
  news: object,
  olds: object = {},
) {
  const result = await h.provider(decl, config).check(olds as PlainObject, {
    ...(news as PlainObject),
    __identity: `billing::prod::::${decl.type}::ground`,
  });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

async function rate(config: Record<string, string>, extra: object = {}) {
  const news = await checked(shippingRate, config, { ...inputs, ...extra });
  return h.provider(shippingRate, config).create(news);
}

const writes = () => h.emulator.requests({ method: "POST" }).length;

/** The harness with its raw calls made with a live key: a contract case's catalog in live mode. */
const live: Harness = Object.create(h, {
  stripe: {
    value: async (method: "GET" | "POST", path: string, params: FormParams = {}) => {
      const body = encodeForm(params);
      const res = await fetch(`${h.emulator.url}${path}${method === "GET" && body ? `?${body}` : ""}`, {
        method,
        headers: { authorization: `Bearer ${LIVE_KEY}`, "content-type": "application/x-www-form-urlencoded" },
        body: method === "POST" ? body : undefined,
      });
      const json = await res.json();
      if (!res.ok) throw new Error(`live ${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
  },
});

/**
 * What a destroy did to the object, in the words of the plan, read from Stripe's side; nothing
 * when it left the object in use (e.g. settings restored to what they were).
 */
function retiredAs(object: RemoteObject | undefined): string | undefined {
  if (object === undefined || object.deleted === true) return "delete";
  // A deactivated meter keeps `active` and says so in its status.
  if (object.status === "inactive") return "deactivate";
  if (!retired(object)) return undefined;
  if (object.active === false) return "archive (deactivate)";
  return { expired: "expire", released: "release", canceled: "cancel" }[String(object.status)];
}

/** Destroys the contract case's object in test mode, and says what that did to it. */
async function destroyEffect({ decl, make }: Scenario): Promise<string | undefined> {
  const c = await make(h);
  const { id, outs } = await h.provider(decl, c.config).create(await checked(decl, c.config ?? {}, c.create));
  await h.provider(decl, c.config).delete(id, outs);
  const effect = retiredAs(stored(c, id));
  h.emulator.reset();
  return effect;
}

const stored = (c: ContractCase, id: string) =>
  (c.stored ? c.stored(h, id) : h.emulator.objects.get(id)) as RemoteObject | undefined;

/** The contract case's object, created in live mode. */
async function createdLive({ decl, make }: Scenario) {
  const c = await make(live);
  const config = { ...c.config, ...LIVE };
  const { id, outs } = await h.provider(decl, config).create(await checked(decl, config, c.create));
  return { c, id, outs, config };
}

describe.each(
  scenarios().map(({ type, scenario }) => {
    if (!scenario) throw new Error(`${type}: its test file registers no contract case`);
    return [type, scenario] as const;
  }),
)("live mode, %s from its contract case", (_type, scenario) => {
  const { decl } = scenario;

  it("a destroy that retires the object is refused with no write, and allowed with allowLiveDestroy", async () => {
    const effect = await destroyEffect(scenario);
    const { c, id, outs, config } = await createdLive(scenario);
    const before = writes();
    const kept = structuredClone(stored(c, id));
    if (effect === undefined) {
      // Nothing is retired: the destroy needs no second yes.
      await h.provider(decl, config).delete(id, outs);
      return;
    }
    await expect(h.provider(decl, config).delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      path: "allowLiveDestroy",
      message: expect.stringContaining(
        `${decl.type} "${id}": destroying it would ${effect} ${id} in live mode. In live mode this needs`,
      ),
    });
    expect(writes()).toBe(before);
    expect(stored(c, id)).toEqual(kept);
    await h.provider(decl, { ...config, ...LIVE_ALLOWED }).delete(id, outs);
    expect(retiredAs(stored(c, id))).toBe(effect);
  });

  // An object with no create-only input is never replaced.
  if (decl.createOnly.length > 0)
    it("a replacement that retires the object fails at preview with no write, and is allowed with allowLiveDestroy", async () => {
      const effect = await destroyEffect(scenario);
      const { c, id, outs, config } = await createdLive(scenario);
      const replace = c.replace!;
      expect(replace).toBeDefined();
      const news = await checked(decl, config, replace.inputs, outs);
      const before = writes();
      if (effect === undefined) {
        expect((await h.provider(decl, config).diff(id, outs, news)).replaces).toEqual(replace.replaces);
        return;
      }
      await expect(h.provider(decl, config).diff(id, outs, news)).rejects.toMatchObject({
        code: "live_destroy_refused",
        message: expect.stringContaining(
          `${decl.type} "ground": replacing it would ${effect} ${id} in live mode. In live mode this needs`,
        ),
      });
      h.warnings.length = 0;
      const allowed = await h.provider(decl, { ...config, ...LIVE_ALLOWED }).diff(id, outs, news);
      expect(allowed.replaces.sort()).toEqual([...replace.replaces].sort());
      expect(h.warnings).toContain(
        `${decl.type}: "ground": replacing it will ${effect} ${id} in live mode (allowLiveDestroy).`,
      );
      // The preview sent nothing, and the object is as it was.
      expect(writes()).toBe(before);
      expect(retiredAs(stored(c, id))).toBeUndefined();
    });
});

describe("live mode: destructive changes need allowLiveDestroy", () => {
  it("an in-place update in live mode needs nothing more", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE, { ...inputs, metadata: { a: "1" } }, outs);
    expect(await h.provider(shippingRate, LIVE).diff(id, outs, news)).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("the stack config allows a replacement, and the plan says what will happen", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE_ALLOWED, replaced, outs);
    const diff = await h.provider(shippingRate, LIVE_ALLOWED).diff(id, outs, news);
    expect(diff.replaces).toEqual(["displayName"]);
    expect(h.warnings.join("\n")).toMatch(
      new RegExp(`"ground": replacing it will archive \\(deactivate\\) ${id} in live mode`),
    );
    await h.provider(shippingRate, LIVE_ALLOWED).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("the resource's own allowLiveDestroy in the new inputs allows the replacement and its delete", async () => {
    const { id, outs } = await rate(LIVE);
    const news = await checked(shippingRate, LIVE, { ...replaced, allowLiveDestroy: true }, outs);
    expect((await h.provider(shippingRate, LIVE).diff(id, outs, news)).replaces).toEqual(["displayName"]);
    expect(h.warnings).toEqual([
      `ShippingRate: "ground": replacing it will archive (deactivate) ${id} in live mode (allowLiveDestroy).`,
    ]);
    await h.provider(shippingRate, LIVE).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("a destroy proceeds when the resource's applied inputs allow it", async () => {
    const { id, outs } = await rate(LIVE, { allowLiveDestroy: true });
    expect(outs.allowLiveDestroy).toBe(true);
    await h.provider(shippingRate, LIVE).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
  });

  it("test mode is unaffected", async () => {
    const { id, outs } = await rate({});
    const news = await checked(shippingRate, {}, replaced, outs);
    expect((await h.provider(shippingRate).diff(id, outs, news)).replaces).toEqual(["displayName"]);
    await h.provider(shippingRate).delete(id, outs);
    expect(h.emulator.objects.get(id)?.active).toBe(false);
    expect(h.emulator.requests({ method: "GET" })).toHaveLength(0);
  });
});
