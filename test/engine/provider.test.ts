/**
 * The generic provider against a fake object API: the engine's own rules, with no HTTP and no
 * emulator between the test and the code it names.
 */
import { z } from "zod";
import { declareResource, type ObjectApi, type RemoteObject } from "../../provider/engine/declaration";
import { DeclaredProvider, type ProviderEnv } from "../../provider/engine/provider";
import { PartialCreateError, StripeApiError } from "../../provider/errors";
import type { StripeSettings } from "../../provider/stripe/settings";
import { liveKey } from "../support/keys";

const KEY = "sk_test_enginefake000000";

const widget = declareResource({
  type: "Widget",
  stripeObject: "widget",
  path: "/v1/widgets",
  schema: () =>
    z.strictObject({
      name: z.string().describe("Its name."),
      active: z.boolean().default(true).describe("Whether it is active."),
      stripeAccount: z.string().optional().describe("The account."),
    }),
  computed: () => z.object({ created: z.number().describe("When it was created.") }),
  createOnly: ["name"],
  updateOnly: ["active"],
  async delete(ctx, id) {
    await ctx.api.update(id, { active: false });
  },
});

const notFound = () =>
  new StripeApiError(
    404,
    { type: "invalid_request_error", code: "resource_missing", message: "No such widget" },
    "req_1",
  );

/** An object API over a map, with hooks to make a call fail. */
function fakeApi() {
  const objects = new Map<string, RemoteObject>();
  let next = 0;
  const fail: { update?: Error; retrieve?: Error } = {};
  const get = (id: string) => {
    const object = objects.get(id);
    if (!object) throw notFound();
    return object;
  };
  const api: ObjectApi = {
    retrieve: async (id) => {
      if (fail.retrieve) throw fail.retrieve;
      return get(id);
    },
    create: async (params) => {
      const object = { id: `wid_${++next}`, object: "widget", created: 100, active: true, ...params };
      objects.set(object.id, object);
      return object;
    },
    update: async (id, params) => {
      if (fail.update) throw fail.update;
      return Object.assign(get(id), params);
    },
    action: async (id) => get(id),
    get: async () => ({}),
    post: async () => ({}),
    remove: async (id) => get(id),
    list: async (path) => ({ object: "list", data: [], has_more: false, url: path }),
  };
  return { api, objects, fail };
}

function providerWith(fake: ReturnType<typeof fakeApi>, env: Partial<ProviderEnv> = {}) {
  const made: StripeSettings[] = [];
  const provider = new DeclaredProvider(widget, {
    config: { "stripe-billing:apiKey": KEY },
    env: {},
    warn: () => undefined,
    api: (settings) => {
      made.push(settings);
      return fake.api;
    },
    ...env,
  });
  return { provider, made };
}

describe("DeclaredProvider", () => {
  it("creates without update-only inputs, then settles them with an update", async () => {
    const fake = fakeApi();
    const { provider } = providerWith(fake);
    const { inputs } = await provider.check({}, { name: "a", active: false });
    const { id, outs } = await provider.create(inputs);
    expect(outs).toEqual({ name: "a", active: false, created: 100 });
    expect(fake.objects.get(id)?.active).toBe(false);
  });

  it("reports an object created but not settled, with its id and outputs, so Pulumi records it", async () => {
    const fake = fakeApi();
    const { provider } = providerWith(fake);
    fake.fail.update = new Error("the follow-up update failed");
    const { inputs } = await provider.check({}, { name: "a", active: false });
    const error = await provider.create(inputs).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(PartialCreateError);
    const partial = error as PartialCreateError;
    expect(partial.code).toBe("partial_create");
    expect(partial.id).toBe("wid_1");
    expect(partial.properties).toEqual({ name: "a", active: true, created: 100 });
    expect(partial.reasons).toEqual(["the follow-up update failed"]);
    expect(fake.objects.has("wid_1")).toBe(true);
  });

  it("counts an object already gone as deleted, and passes other errors on", async () => {
    const fake = fakeApi();
    const { provider } = providerWith(fake);
    await expect(provider.delete("wid_missing", { name: "a" })).resolves.toBeUndefined();
    fake.fail.update = new StripeApiError(500, { type: "api_error", message: "boom" }, "req_2");
    const { id } = await fake.api.create({ name: "b" });
    await expect(provider.delete(String(id), { name: "b" })).rejects.toMatchObject({ statusCode: 500 });
  });

  it("reports an object deleted out of band as gone on read", async () => {
    const fake = fakeApi();
    const { provider } = providerWith(fake);
    expect(await provider.read("wid_missing", { name: "a" })).toEqual({ id: "", props: {} });
  });

  it.each([
    ["no API key", {}, "missing_api_key"],
    ["a live key without allowLiveMode", { "stripe-billing:apiKey": liveKey("engine1") }, "live_mode"],
  ])("fails check at preview with %s, before any call", async (_name, config, code) => {
    const fake = fakeApi();
    const { provider, made } = providerWith(fake, { config });
    const result = await provider.check({}, { name: "a" });
    expect(result.failures).toEqual([
      { property: expect.any(String), reason: expect.stringContaining(code) },
    ]);
    expect(made).toEqual([]);
  });

  it("keeps one client per account for the provider's life", async () => {
    const fake = fakeApi();
    const { provider, made } = providerWith(fake);
    const { id, outs } = await provider.create((await provider.check({}, { name: "a" })).inputs);
    await provider.read(id, outs);
    await provider.update(id, outs, { ...outs, active: false });
    expect(made).toHaveLength(1);
    await provider.create((await provider.check({}, { name: "b", stripeAccount: "acct_1" })).inputs);
    expect(made.map((s) => s.stripeAccount)).toEqual([undefined, "acct_1"]);
  });
});

describe("values Stripe clears itself (clearedByStripe)", () => {
  // On the shipping-rate endpoints a currency option cannot be sent empty: a removal Stripe
  // performs itself (here, by a made-up rule) must be neither sent nor refused.
  const gadget = declareResource({
    type: "Gadget",
    stripeObject: "gadget",
    path: "/v1/shipping_rates",
    schema: () =>
      z.strictObject({
        mode: z.enum(["keep", "drop"]).describe("Whether Stripe drops the options."),
        fixedAmount: z
          .strictObject({ currencyOptions: z.record(z.string(), z.number()).optional().describe("Options.") })
          .optional()
          .describe("An amount."),
      }),
    computed: () => z.object({}),
    createOnly: [],
    maps: ["fixedAmount.currencyOptions"],
    clearedByStripe: [
      { path: "fixedAmount.currencyOptions.*", when: (i) => i.mode === "drop", source: "https://example" },
    ],
    async delete() {},
  });

  function gadgetProvider() {
    const fake = fakeApi();
    const sent: unknown[] = [];
    const api = {
      ...fake.api,
      update: async (id: string, params: any) => (sent.push(params), fake.api.update(id, params)),
    };
    const provider = new DeclaredProvider(gadget, {
      config: { "stripe-billing:apiKey": KEY },
      env: {},
      warn: () => undefined,
      api: () => api,
    });
    return { provider, sent };
  }
  const olds = { mode: "keep", fixedAmount: { currencyOptions: { eur: 1 } } };
  const without = (mode: string) => ({ mode });

  it("plans and sends the change without the value Stripe clears when the condition holds", async () => {
    const { provider, sent } = gadgetProvider();
    const news = without("drop");
    expect(await provider.diff("g_1", olds, news)).toMatchObject({ changes: true, replaces: [] });
    await provider.create({ mode: "keep" });
    await provider.update("wid_1", olds, news);
    expect(sent).toEqual([{ mode: "drop" }]);
  });

  it("still refuses the removal, naming the input, when the condition does not hold", async () => {
    const { provider } = gadgetProvider();
    const error = await provider.diff("g_1", olds, without("keep")).catch((err: Error) => err);
    expect(error).toMatchObject({ code: "cannot_unset" });
    expect((error as Error).message).toMatch(/fixedAmount\S* cannot be removed/);
  });
});
