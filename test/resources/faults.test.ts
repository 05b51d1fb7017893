/**
 * Every write path the resources have — create, the settling update after a create, update,
 * delete and actions — under every fault the emulator injects, answered before the write runs
 * or after it committed, through each front end (the dynamic resource and the provider plugin:
 * each derives the idempotency keys from its own identity of the resource). Each test asserts
 * the exact number of objects in the emulator and of writes sent: a retry after a lost answer
 * is replayed by Stripe, never executed twice.
 */
import type { Fault, RequestRecord } from "../../emulator";
import {
  collectionPath,
  type ResourceDeclaration,
  type RemoteObject,
} from "../../provider/engine/declaration";
import type { PlainObject } from "../../provider/engine/values";
import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { price } from "../../provider/resources/price";
import { product } from "../../provider/resources/product";
import { shippingRate } from "../../provider/resources/shipping-rate";
import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";
import { taxRegistration } from "../../provider/resources/tax-registration";
import { taxSettings } from "../../provider/resources/tax-settings";
import { useEmulator, type Harness } from "../support/emulator";
import { dynamicResource, FRONT_ENDS, type FrontEnd } from "../support/front-ends";
import { scenariosFor } from "../support/scenarios";
import type { ContractCase } from "./contract";

const h = useEmulator();

/** The client gives up on an unanswered attempt after this long (the `timeout` fault). */
const CLIENT_TIMEOUT_MS = 300;

/** The operations of the resources under test, through one front end. */
function through(front: FrontEnd) {
  const provider = (decl: ResourceDeclaration, config: Record<string, string> = {}) =>
    front.resource(h, decl, { config, deps: { timeoutMs: CLIENT_TIMEOUT_MS }, name: "faulty" });

  async function checkedInputs(
    decl: ResourceDeclaration,
    inputs: object,
    olds: object = {},
    config: Record<string, string> = {},
  ) {
    const checked = await provider(decl, config).check(olds as PlainObject, inputs as PlainObject);
    expect(checked.failures).toEqual([]);
    return checked.inputs;
  }

  async function created(decl: ResourceDeclaration, inputs: object, config: Record<string, string> = {}) {
    const news = await checkedInputs(decl, inputs, {}, config);
    const { id, outs } = await provider(decl, config).create(news);
    return { id, outs, news };
  }

  return { provider, checkedInputs, created };
}

async function catalog(h: Harness) {
  const customer = await h.stripe("POST", "/v1/customers", {});
  const product = await h.stripe("POST", "/v1/products", { name: "Plan" });
  const price = await h.stripe("POST", "/v1/prices", {
    product: product.id,
    currency: "usd",
    unit_amount: 100,
    recurring: { interval: "month" },
  });
  return { customer: customer.id as string, price: price.id as string };
}

const shippingInputs = { displayName: "Ground", fixedAmount: { amount: 500, currency: "usd" } };
const portalInputs = { features: { invoiceHistory: { enabled: true } } };
const priceInputs = { product: "pro", currency: "usd", unitAmount: 100, lookupKey: "pro-monthly" };
const registrationInputs = { country: "IE", countryOptions: { ie: { type: "oss_union" } } };

interface WritePath {
  /** What the operation is, for the test's name. */
  name: string;
  /** Everything before the operation under test; returns the operation. */
  prepare(): Promise<() => Promise<unknown>>;
  /** The API path of the faulted write. */
  path: string | RegExp;
  /** Writes the operation sends when nothing fails. */
  writes: number;
  /** Where the objects of this type are listed, and how many there must be at the end. */
  objects?: { list: string; count: number };
  /** The outcome in Stripe. */
  verify(h: Harness): void | Promise<void>;
}

const stored = (id: string) => h.emulator.objects.get(id) as RemoteObject;
let lastId = "";

/** The write paths with something particular to them, each written out. */
const writePaths = ({ provider, checkedInputs, created }: ReturnType<typeof through>): WritePath[] => [
  {
    name: "ShippingRate create",
    prepare: async () => async () => ({ id: lastId } = await created(shippingRate, shippingInputs)),
    path: "/v1/shipping_rates",
    writes: 1,
    objects: { list: "/v1/shipping_rates", count: 1 },
    verify: () => expect(stored(lastId).active).toBe(true),
  },
  {
    name: "ShippingRate settling update (created inactive)",
    prepare: async () => async () =>
      ({ id: lastId } = await created(shippingRate, { ...shippingInputs, active: false })),
    path: /^\/v1\/shipping_rates\/shr_/,
    writes: 2,
    objects: { list: "/v1/shipping_rates", count: 1 },
    verify: () => expect(stored(lastId).active).toBe(false),
  },
  {
    name: "ShippingRate update",
    async prepare() {
      const { id, outs } = await created(shippingRate, shippingInputs);
      lastId = id;
      const news = await checkedInputs(shippingRate, { ...shippingInputs, metadata: { tier: "gold" } }, outs);
      return () => provider(shippingRate).update(id, outs, news);
    },
    path: /^\/v1\/shipping_rates\/shr_/,
    writes: 1,
    objects: { list: "/v1/shipping_rates", count: 1 },
    verify: () => expect(stored(lastId).metadata).toEqual({ tier: "gold" }),
  },
  {
    name: "ShippingRate delete (archive)",
    async prepare() {
      const { id, outs } = await created(shippingRate, shippingInputs);
      lastId = id;
      return () => provider(shippingRate).delete(id, outs);
    },
    path: /^\/v1\/shipping_rates\/shr_/,
    writes: 1,
    objects: { list: "/v1/shipping_rates", count: 1 },
    verify: () => expect(stored(lastId).active).toBe(false),
  },
  {
    name: "PortalConfiguration create",
    prepare: async () => async () => ({ id: lastId } = await created(portalConfiguration, portalInputs)),
    path: "/v1/billing_portal/configurations",
    writes: 1,
    objects: { list: "/v1/billing_portal/configurations", count: 1 },
    verify: () => expect(stored(lastId).active).toBe(true),
  },
  {
    name: "PortalConfiguration update",
    async prepare() {
      const { id, outs } = await created(portalConfiguration, portalInputs);
      lastId = id;
      const news = await checkedInputs(portalConfiguration, { ...portalInputs, name: "Main" }, outs);
      return () => provider(portalConfiguration).update(id, outs, news);
    },
    path: /^\/v1\/billing_portal\/configurations\/bpc_/,
    writes: 1,
    objects: { list: "/v1/billing_portal/configurations", count: 1 },
    verify: () => expect(stored(lastId).name).toBe("Main"),
  },
  {
    name: "TaxRegistration create",
    prepare: async () => async () => ({ id: lastId } = await created(taxRegistration, registrationInputs)),
    path: "/v1/tax/registrations",
    writes: 1,
    objects: { list: "/v1/tax/registrations", count: 1 },
    verify: () => expect(stored(lastId).status).toBe("active"),
  },
  {
    name: "TaxRegistration delete (expire)",
    async prepare() {
      const { id, outs } = await created(taxRegistration, registrationInputs);
      lastId = id;
      h.emulator.clock.advance(60);
      return () => provider(taxRegistration).delete(id, outs);
    },
    path: /^\/v1\/tax\/registrations\/taxreg_/,
    writes: 1,
    objects: { list: "/v1/tax/registrations", count: 1 },
    verify: () => expect(stored(lastId).status).toBe("expired"),
  },
  {
    name: "TaxSettings create (adopt and apply)",
    prepare: async () => async () =>
      created(taxSettings, { defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" } }),
    path: "/v1/tax/settings",
    // Its first look at the account (an empty write that changes nothing), then the write.
    writes: 2,
    verify: async (h) =>
      expect((await h.stripe("GET", "/v1/tax/settings")).defaults.tax_behavior).toBe("exclusive"),
  },
  ...(["release", "cancel"] as const).map((action): WritePath => ({
    name: `SubscriptionSchedule delete (${action})`,
    async prepare() {
      const c = await catalog(h);
      const { id, outs } = await created(subscriptionSchedule, {
        customer: c.customer,
        phases: [{ items: [{ price: c.price }] }],
        deletePolicy: action,
      });
      lastId = id;
      return () => provider(subscriptionSchedule).delete(id, outs);
    },
    path: new RegExp(`^/v1/subscription_schedules/sub_sched_[^/]+/${action}$`),
    writes: 1,
    objects: { list: "/v1/subscription_schedules", count: 1 },
    verify: () => expect(stored(lastId).status).toBe(action === "release" ? "released" : "canceled"),
  })),
  {
    name: "SubscriptionSchedule create",
    async prepare() {
      const c = await catalog(h);
      return async () =>
        ({ id: lastId } = await created(subscriptionSchedule, {
          customer: c.customer,
          phases: [{ items: [{ price: c.price }] }],
        }));
    },
    path: "/v1/subscription_schedules",
    writes: 1,
    objects: { list: "/v1/subscription_schedules", count: 1 },
    verify: () => expect(stored(lastId).status).toBe("active"),
  },
  {
    name: "Product create (custom id)",
    prepare: async () => async () =>
      ({ id: lastId } = await created(product, { productId: "pro", name: "Pro" })),
    path: "/v1/products",
    writes: 1,
    objects: { list: "/v1/products", count: 1 },
    verify: () => expect(stored("pro").name).toBe("Pro"),
  },
  {
    name: "Price create, then made its product's default",
    async prepare() {
      await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
      return async () => ({ id: lastId } = await created(price, { ...priceInputs, productDefault: true }));
    },
    path: "/v1/products/pro",
    writes: 2,
    objects: { list: "/v1/prices", count: 1 },
    verify: () => expect(stored("pro").default_price).toBe(lastId),
  },
  {
    name: "Price delete (archive)",
    async prepare() {
      await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
      const { id, outs } = await created(price, priceInputs);
      lastId = id;
      return () => provider(price).delete(id, outs);
    },
    path: /^\/v1\/prices\/price_/,
    writes: 1,
    objects: { list: "/v1/prices", count: 1 },
    verify: () => expect(stored(lastId).active).toBe(false),
  },
];

/**
 * The create of every declared resource, from the contract case its own test file gives. The
 * writes a create sends are counted on a clean run first (the emulator is then reset); after the
 * faulted run the object is one of its kind, and a refresh reads it back exactly as created.
 */
const createPaths = ({ provider, created }: ReturnType<typeof through>): WritePath[] =>
  scenariosFor("faults").map(({ type, decl, make }) => {
    let c: ContractCase;
    let writes = 0;
    let existing = 0;
    let outs: PlainObject = {};
    const create = async () => ({ id: lastId, outs } = await created(decl, c.create, c.config));
    const path: WritePath = {
      name: `${type} create (its contract case)`,
      async prepare() {
        c = await make(h);
        const since = h.emulator.requests({ method: "POST" }).length;
        await create();
        path.writes = writes = posts(since).length;
        h.emulator.reset();
        c = await make(h);
        // Where the objects live: a nested path is filled from the case's inputs.
        const at = collectionPath(decl, c.create);
        path.path = at;
        if (!decl.singleton) existing = (await h.stripe("GET", at, { limit: 100 })).data.length;
        path.objects = decl.singleton ? undefined : { list: at, count: existing + 1 };
        return create;
      },
      path: decl.path,
      writes,
      async verify() {
        const read = await provider(decl, c.config).read(lastId, outs);
        expect(read.id).toBe(lastId);
        expect(read.props).toEqual(outs);
      },
    };
    return path;
  });

/** A fault, whether the write ran before its answer was lost, and the attempts it costs. */
const faults: [string, Fault, "before" | "after"][] = [
  ["503 before the write", { type: "status", status: 503 }, "before"],
  ["429 lock_timeout", { type: "lock_timeout" }, "before"],
  ["429 rate_limit", { type: "rate_limit" }, "before"],
  ["connection reset before the write", { type: "reset", when: "before" }, "before"],
  ["500 after the write committed", { type: "status", status: 500, when: "after" }, "after"],
  ["connection reset after the write committed", { type: "reset", when: "after" }, "after"],
  ["timeout after the write committed", { type: "timeout", ms: 1_000 }, "after"],
];

const posts = (since: number): RequestRecord[] => h.emulator.requests({ method: "POST" }).slice(since);
const matching = (records: RequestRecord[], path: string | RegExp) =>
  records.filter((r) => (typeof path === "string" ? r.path === path : path.test(r.path)));

/**
 * The client's own timeout costs a second a case (its timer's resolution). It is the client's,
 * which both front ends share, and to a front end it is what a reset after the commit is: a
 * lost answer, retried under the same key. So it runs once, as a dynamic resource.
 */
const TIMEOUT = "timeout after the write committed";
const faultsThrough = (front: FrontEnd) =>
  front === dynamicResource ? faults : faults.filter(([name]) => name !== TIMEOUT);

describe.each(FRONT_ENDS.map((front) => [front.title, front] as const))("%s", (_title, front) => {
  const ops = through(front);

  describe.each([...writePaths(ops), ...createPaths(ops)].map((w) => [w.name, w] as const))(
    "%s",
    (_name, write) => {
      it.each(faultsThrough(front))("%s: exact objects and writes", async (_fault, fault, timing) => {
        const operation = await write.prepare();
        const since = h.emulator.requests({ method: "POST" }).length;
        h.emulator.inject({ ...fault, method: "POST", path: write.path } as Fault);
        await operation();

        const sent = posts(since);
        expect(sent).toHaveLength(write.writes + 1);
        // The faulted write is the first to the path (an operation may write there more than once):
        // it is sent twice with one key, and only an answer lost after the commit is replayed.
        const onPath = matching(sent, write.path);
        const faulted = onPath.filter((r) => r.idempotencyKey === onPath[0].idempotencyKey);
        expect(faulted).toHaveLength(2);
        expect(faulted.map((r) => r.replayed)).toEqual([false, timing === "after"]);
        if (write.objects) {
          const list = await h.stripe("GET", write.objects.list, { limit: 100 });
          expect(list.data).toHaveLength(write.objects.count);
        }
        await write.verify(h);
      });
    },
  );

  describe("retry limits", () => {
    it("gives up on a request Stripe will not accept, without retrying", async () => {
      await expect(
        ops.provider(shippingRate).create({ displayName: "x", type: "fixed_amount" }),
      ).rejects.toMatchObject({
        statusCode: 400,
      });
      expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
      expect((await h.stripe("GET", "/v1/shipping_rates")).data).toHaveLength(0);
    });

    it("stops after the retry budget and reports the last error", async () => {
      h.emulator.inject({ type: "status", status: 503, method: "POST", times: 100 });
      await expect(ops.created(shippingRate, shippingInputs)).rejects.toMatchObject({ statusCode: 503 });
      expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(7);
      expect((await h.stripe("GET", "/v1/shipping_rates")).data).toHaveLength(0);
    });

    it("survives added latency with one write", async () => {
      h.emulator.inject({ type: "latency", ms: 200, method: "POST" });
      const news = await ops.checkedInputs(shippingRate, shippingInputs);
      // No client timeout here: the added latency must be waited out, not retried.
      await front.resource(h, shippingRate).create(news);
      expect(h.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
      expect((await h.stripe("GET", "/v1/shipping_rates")).data).toHaveLength(1);
    });
  });
});
