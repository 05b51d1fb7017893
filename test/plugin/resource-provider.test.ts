/**
 * The provider plugin's front end on protocol values, against the emulator: config through
 * CheckConfig and Configure, detailed diffs by property path, secrets marked on the way out,
 * and `pulumi import` (a Read without properties).
 */
import { PartialCreateError } from "../../provider/errors";
import { UNKNOWN, type PlainObject } from "../../provider/engine/values";
import {
  configChanged,
  PluginProvider,
  propertyPath,
  spellablePath,
} from "../../provider/plugin/resource-provider";
import { secretValue } from "../../provider/plugin/wire-values";
import { contract as scheduleCase } from "../resources/cases/subscription-schedule";
import { useEmulator, TEST_KEY } from "../support/emulator";
import { configuredPlugin, pluginUrn } from "../support/front-ends";
import { liveKey } from "../support/keys";

const h = useEmulator();

const SHIPPING = pluginUrn("ShippingRate", "ground");
const HOOKS = pluginUrn("WebhookEndpoint", "hooks");

const ground = {
  displayName: "Ground",
  fixedAmount: { amount: 500, currency: "usd", currencyOptions: { eur: { amount: 450 } } },
  metadata: { team: "billing", tier: "standard" },
};
const hooks = { url: "https://example.com/hooks", enabledEvents: ["invoice.paid"] };

async function created(plugin: PluginProvider, urn: string, inputs: PlainObject) {
  const checked = await plugin.check(urn, {}, inputs);
  expect(checked.failures).toEqual([]);
  return { inputs: checked.inputs, ...(await plugin.create(urn, checked.inputs)) };
}

/**
 * Pulumi's reading of a property path (ParsePropertyPath in its Go SDK): names joined by `.`,
 * or a key in `["…"]`, where `\"` is a quote and every other character stands for itself.
 */
function parsePulumiPath(path: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < path.length;) {
    if (path[i] === ".") i++;
    else if (path.startsWith('["', i)) {
      let key = "";
      for (i += 2; path[i] !== '"';) {
        if (i >= path.length) throw new Error(`missing closing quote in ${path}`);
        const escapedQuote = path[i] === "\\" && path[i + 1] === '"';
        key += escapedQuote ? '"' : path[i];
        i += escapedQuote ? 2 : 1;
      }
      if (path[i + 1] !== "]") throw new Error(`missing closing bracket in ${path}`);
      keys.push(key);
      i += 2;
    } else {
      const end = path.slice(i).search(/[.[]/);
      const next = end < 0 ? path.length : i + end;
      keys.push(path.slice(i, next));
      i = next;
    }
  }
  return keys;
}

describe("property paths", () => {
  it.each([
    [["fixedAmount", "amount"], "fixedAmount.amount"],
    [["metadata", "a.b"], 'metadata["a.b"]'],
    [["metadata", "x-y"], 'metadata["x-y"]'],
    [["metadata", "123"], 'metadata["123"]'],
    [["fixedAmount", "currencyOptions", "eur", "amount"], "fixedAmount.currencyOptions.eur.amount"],
  ])("writes %j as %s", (path, expected) => {
    expect(propertyPath(path)).toBe(expected);
  });

  it("stops a path at a key ending in a backslash, which Pulumi's grammar cannot spell", () => {
    expect(spellablePath(["metadata", "dir\\"])).toEqual(["metadata"]);
    expect(spellablePath(["metadata", "dir\\x"])).toEqual(["metadata", "dir\\x"]);
  });

  // A key ending in a backslash has no spelling in Pulumi's grammar (`\"` would be a quote).
  it.each([
    "plain",
    "with.dot",
    'with"quote',
    "back\\slash",
    "new\nline",
    "ünïcode",
    "$dollar",
    "",
    "[bracket]",
  ])("writes the map key %j so that Pulumi reads it back", (key) => {
    expect(parsePulumiPath(propertyPath(["metadata", key]))).toEqual(["metadata", key]);
  });
});

describe("detailed diff", () => {
  it("names each changed input leaf by its path, with UPDATE or UPDATE_REPLACE, ADD and DELETE", async () => {
    const plugin = configuredPlugin(h);
    const { id, outs } = await created(plugin, SHIPPING, ground);
    const news = await plugin.check(SHIPPING, outs, {
      ...ground,
      fixedAmount: { ...ground.fixedAmount, amount: 700, currencyOptions: { eur: { amount: 400 } } },
      metadata: { team: "ops", "a.b": "c" },
      taxBehavior: "exclusive",
    });
    const diff = await plugin.diff(SHIPPING, id, outs, news.inputs);
    expect(diff).toEqual({
      changes: true,
      replaces: ["fixedAmount"],
      deleteBeforeReplace: false,
      diffs: expect.arrayContaining(["fixedAmount", "metadata", "taxBehavior"]),
      detailedDiff: {
        "fixedAmount.amount": "UPDATE_REPLACE",
        // Under a replaced input every change replaces, updatable or not.
        "fixedAmount.currencyOptions.eur.amount": "UPDATE_REPLACE",
        "metadata.team": "UPDATE",
        "metadata.tier": "DELETE",
        'metadata["a.b"]': "ADD",
        // Stripe's default ("unspecified") is in the outputs.
        taxBehavior: "UPDATE",
      },
    });
    expect(diff.diffs).toHaveLength(3);
  });

  it("shows adding and removing a create-only group as ADD_REPLACE and DELETE_REPLACE", async () => {
    const plugin = configuredPlugin(h);
    const estimate = { minimum: { unit: "day", value: 1 } };
    const { id, outs } = await created(plugin, SHIPPING, ground);
    const added = await plugin.check(SHIPPING, outs, { ...ground, deliveryEstimate: estimate });
    expect(await plugin.diff(SHIPPING, id, outs, added.inputs)).toMatchObject({
      replaces: ["deliveryEstimate"],
      detailedDiff: { deliveryEstimate: "ADD_REPLACE" },
    });
    const withEstimate = await created(plugin, SHIPPING, { ...ground, deliveryEstimate: estimate });
    const removed = await plugin.check(SHIPPING, withEstimate.outs, ground);
    expect(await plugin.diff(SHIPPING, withEstimate.id, withEstimate.outs, removed.inputs)).toMatchObject({
      replaces: ["deliveryEstimate"],
      detailedDiff: { deliveryEstimate: "DELETE_REPLACE" },
    });
  });

  it("shows an update in place with no replacing kind", async () => {
    const plugin = configuredPlugin(h);
    const { id, outs } = await created(plugin, SHIPPING, ground);
    const news = await plugin.check(SHIPPING, outs, {
      ...ground,
      metadata: { team: "ops", tier: "standard" },
    });
    expect(await plugin.diff(SHIPPING, id, outs, news.inputs)).toMatchObject({
      changes: true,
      replaces: [],
      diffs: ["metadata"],
      detailedDiff: { "metadata.team": "UPDATE" },
    });
  });

  it("shows a change under a map key Pulumi cannot spell as an update of the map", async () => {
    const plugin = configuredPlugin(h);
    const { id, outs } = await created(plugin, SHIPPING, ground);
    const news = await plugin.check(SHIPPING, outs, {
      ...ground,
      metadata: { ...ground.metadata, "dir\\": "c:\\" },
    });
    expect(await plugin.diff(SHIPPING, id, outs, news.inputs)).toMatchObject({
      changes: true,
      diffs: ["metadata"],
      detailedDiff: { metadata: "UPDATE" },
    });
  });

  it("never names an output-only field, however it changed", async () => {
    const plugin = configuredPlugin(h);
    const { id, outs, inputs } = await created(plugin, SHIPPING, ground);
    const drifted = { ...outs, livemode: true, created: 1, active: false };
    const diff = await plugin.diff(SHIPPING, id, drifted, inputs);
    expect(Object.keys(diff.detailedDiff)).toEqual(["active"]);
    expect(await plugin.diff(SHIPPING, id, { ...outs, livemode: true, created: 1 }, inputs)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
      diffs: [],
      detailedDiff: {},
    });
  });
});

describe("secrets", () => {
  it("keeps an input marked secret marked in check, create, read, update and import", async () => {
    const plugin = configuredPlugin(h);
    const sent = { ...ground, metadata: secretValue({ team: "billing" }) };
    const checked = await plugin.check(SHIPPING, {}, sent);
    expect(checked.inputs.metadata).toEqual(secretValue({ team: "billing" }));
    const { id, outs } = await plugin.create(SHIPPING, checked.inputs);
    expect(outs.metadata).toEqual(secretValue({ team: "billing" }));
    expect(outs.displayName).toBe("Ground");
    const read = await plugin.read(SHIPPING, id, outs, checked.inputs);
    expect(read.props.metadata).toEqual(secretValue({ team: "billing" }));
    expect(read.inputs!.metadata).toEqual(secretValue({ team: "billing" }));
    const next = await plugin.check(SHIPPING, outs, { ...sent, metadata: secretValue({ team: "ops" }) });
    const updated = await plugin.update(SHIPPING, id, outs, next.inputs);
    expect(updated.outs.metadata).toEqual(secretValue({ team: "ops" }));
    // What was secret in the program is no secret to Stripe's own read: import marks nothing.
    expect((await plugin.read(SHIPPING, id)).props.metadata).toEqual({ team: "ops" });
  });

  it("marks WebhookEndpoint's signing secret once wherever it is an output, and never as an input", async () => {
    const plugin = configuredPlugin(h);
    const { id, outs, inputs } = await created(plugin, HOOKS, hooks);
    expect(outs.secret).toEqual(secretValue(expect.stringMatching(/^whsec_/)));
    const read = await plugin.read(HOOKS, id, outs, inputs);
    expect(read.props.secret).toEqual(outs.secret);
    expect(read.inputs).not.toHaveProperty("secret");
    const next = await plugin.check(HOOKS, outs, { ...hooks, description: "Invoices" });
    expect((await plugin.update(HOOKS, id, outs, next.inputs)).outs.secret).toEqual(outs.secret);
  });

  it("marks the signing secret in what a failed settle leaves in state", async () => {
    const plugin = configuredPlugin(h, {}, { policy: { maxRetries: 0 } });
    const { inputs } = await plugin.check(HOOKS, {}, { ...hooks, disabled: true });
    h.emulator.inject({ type: "status", status: 500, method: "POST", path: /^\/v1\/webhook_endpoints\/we_/ });
    const failed = await plugin.create(HOOKS, inputs).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(PartialCreateError);
    expect((failed as PartialCreateError).properties.secret).toEqual(
      secretValue(expect.stringMatching(/^whsec_/)),
    );
  });
});

describe("import (a Read without properties)", () => {
  it("reads a top-level object by its id, with the inputs a program would declare", async () => {
    const plugin = configuredPlugin(h);
    const { id, inputs } = await created(plugin, SHIPPING, ground);
    const imported = await plugin.read(SHIPPING, id);
    expect(imported.id).toBe(id);
    expect(imported.inputs).toMatchObject({ displayName: "Ground", metadata: ground.metadata });
    expect((await plugin.diff(SHIPPING, id, imported.props, inputs)).changes).toBe(false);
  });

  it("reads a product's feature as <product>/<id>", async () => {
    const plugin = configuredPlugin(h);
    await h.stripe("POST", "/v1/products", { id: "pro", name: "Pro" });
    const sso = await h.stripe("POST", "/v1/entitlements/features", { lookup_key: "sso", name: "SSO" });
    const urn = pluginUrn("ProductFeature", "pro-sso");
    const { id } = await created(plugin, urn, { product: "pro", entitlementFeature: sso.id });
    const imported = await plugin.read(urn, `pro/${id}`);
    expect(imported.id).toBe(id);
    expect(imported.inputs).toMatchObject({ product: "pro", entitlementFeature: sso.id });
    // A refresh of state written without properties: the recorded inputs name the product.
    expect((await plugin.read(urn, id, {}, { product: "pro", entitlementFeature: sso.id })).id).toBe(id);
  });

  it.each(["prodft_1", "pro/x/prodft_1"])(
    "refuses a product's feature named %s, saying how to name it, before any request",
    async (name) => {
      const plugin = configuredPlugin(h);
      await expect(plugin.read(pluginUrn("ProductFeature", "f"), name)).rejects.toMatchObject({
        code: "invalid_import_id",
        message: expect.stringContaining("<product>/<id>"),
      });
      expect(h.emulator.requests()).toHaveLength(0);
    },
  );

  it("takes a top-level object's whole id, slashes included, and reports one that does not exist as gone", async () => {
    const plugin = configuredPlugin(h);
    expect(await plugin.read(SHIPPING, "shr_missing/1")).toEqual({ id: "", props: {} });
    expect(h.emulator.requests().map((r) => r.path)).toEqual(["/v1/shipping_rates/shr_missing%2F1"]);
  });

  it("gives the inputs Stripe does not hold their defaults in the outputs, so the engine's check and diff show no change", async () => {
    const plugin = configuredPlugin(h);
    const c = await scheduleCase.make(h);
    const urn = pluginUrn("SubscriptionSchedule", "jo");
    const { id } = await created(plugin, urn, c.create);
    const imported = await plugin.read(urn, id);
    expect(imported.props).toMatchObject({ deletePolicy: "release", allowReplaceActive: false });
    // The inputs are what `pulumi import` prints as the program: defaults need no writing out.
    expect(imported.inputs).not.toHaveProperty("deletePolicy");
    const checked = await plugin.check(urn, {}, imported.inputs!);
    expect(checked.failures).toEqual([]);
    expect((await plugin.diff(urn, id, imported.props, checked.inputs)).detailedDiff).toEqual({});
  });

  it.each([
    ["Product", { productId: "pro", name: "Pro" }],
    ["Coupon", { couponId: "LAUNCH", percentOff: 20, duration: "once" }],
  ])(
    "reads a %s's chosen id as its input, so a program declaring it imports without a replacement",
    async (type, program) => {
      const plugin = configuredPlugin(h);
      const urn = pluginUrn(type, "imported");
      const { id, inputs } = await created(plugin, urn, program);
      const imported = await plugin.read(urn, id);
      const diff = await plugin.diff(urn, id, imported.props, inputs);
      expect(diff.detailedDiff).toEqual({});
    },
  );

  it("reads a product with a generated id without inventing a productId", async () => {
    const plugin = configuredPlugin(h);
    const urn = pluginUrn("Product", "plain");
    const { id } = await created(plugin, urn, { name: "Plain" });
    expect(id).toMatch(/^prod_/);
    expect((await plugin.read(urn, id)).inputs).not.toHaveProperty("productId");
  });
});

describe("configure", () => {
  const front = (config: PlainObject | undefined, variables: Record<string, string> = {}) => {
    const plugin = new PluginProvider(h.env());
    plugin.configure(config, variables);
    return plugin;
  };

  it("takes the provider's inputs, the API key marked secret", async () => {
    const plugin = front({ apiKey: secretValue(TEST_KEY), apiBase: h.emulator.url, version: "0.1.0" });
    const { id } = await created(plugin, SHIPPING, ground);
    expect(h.emulator.objects.get(id)).toBeDefined();
  });

  it("takes config variables alone, as older engines send it, ignoring other packages' keys", async () => {
    const plugin = front(undefined, {
      "stripe-billing:config:apiKey": TEST_KEY,
      "stripe-billing:config:apiBase": h.emulator.url,
      "aws:config:apiBase": "http://127.0.0.1:1",
    });
    const { id } = await created(plugin, SHIPPING, ground);
    expect(h.emulator.objects.get(id)).toBeDefined();
  });

  it("prefers the inputs to the variables where both are sent", async () => {
    const plugin = front(
      { apiKey: secretValue(TEST_KEY), apiBase: h.emulator.url },
      { "stripe-billing:config:apiKey": TEST_KEY, "stripe-billing:config:apiBase": "http://127.0.0.1:1" },
    );
    await created(plugin, SHIPPING, ground);
    expect(h.emulator.requests({ method: "POST" })).toHaveLength(1);
  });

  it("replaces the settings of an earlier Configure: another account holds other objects", async () => {
    const plugin = front({ apiKey: TEST_KEY, apiBase: h.emulator.url });
    const { id, outs } = await created(plugin, SHIPPING, ground);
    plugin.configure({ apiKey: TEST_KEY, apiBase: h.emulator.url, stripeAccount: "acct_other" });
    expect((await plugin.read(SHIPPING, id, outs)).id).toBe("");
    expect(h.emulator.requests().at(-1)!.stripeAccount).toBe("acct_other");
    plugin.configure({ apiKey: TEST_KEY, apiBase: h.emulator.url });
    expect((await plugin.read(SHIPPING, id, outs)).id).toBe(id);
  });

  it("with no key anywhere, fails each resource's check naming the missing key, before any request", async () => {
    const plugin = front({ apiBase: h.emulator.url });
    const { failures } = await plugin.check(SHIPPING, {}, ground);
    expect(failures).toEqual([
      expect.objectContaining({ reason: expect.stringContaining("[missing_api_key]") }),
    ]);
    expect(h.emulator.requests()).toHaveLength(0);
  });
});

describe("CheckConfig", () => {
  const checkConfig = (news: PlainObject) => new PluginProvider({ env: {} }).checkConfig(news);

  it.each([
    [
      "an unknown key",
      { apiKey: TEST_KEY, colour: "red" },
      "colour",
      "[unknown_config] stripe-billing:colour",
    ],
    ["a key that is no Stripe key", { apiKey: "not-a-key" }, "apiKey", "[invalid_api_key]"],
    ["a live key without allowLiveMode", { apiKey: liveKey("cfg1") }, "apiKey", "[live_mode_refused]"],
    ["a rate that is not a number", { apiKey: TEST_KEY, rateLimit: "fast" }, "rateLimit", "[invalid_config]"],
    [
      "allowLiveMode that is no boolean",
      { apiKey: liveKey("cfg2"), allowLiveMode: "maybe" },
      "allowLiveMode",
      "[invalid_config]",
    ],
  ])("fails %s, naming the key", (_what, news, property, reason) => {
    const { failures } = checkConfig(news);
    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
    // The key itself is never repeated back.
    expect(JSON.stringify(failures)).not.toContain(String(news.apiKey));
  });

  it.each([
    ["a test key", { apiKey: TEST_KEY, apiBase: "http://127.0.0.1:1", version: "0.1.0" }],
    ["a live key with allowLiveMode, as a boolean input", { apiKey: liveKey("cfg3"), allowLiveMode: true }],
    ["no key (STRIPE_API_KEY may be set later)", {}],
    ["an unknown key at preview (another resource's output)", { apiKey: UNKNOWN }],
  ])("passes %s", (_what, news) => {
    expect(checkConfig(news).failures).toEqual([]);
  });

  it.each([
    ["sent plain", TEST_KEY],
    ["sent marked", secretValue(TEST_KEY)],
  ])("gives the API key back marked secret once, %s, and nothing else marked", (_how, apiKey) => {
    const { inputs } = checkConfig({ apiKey, apiBase: "http://127.0.0.1:1" });
    expect(inputs).toEqual({ apiKey: secretValue(TEST_KEY), apiBase: "http://127.0.0.1:1" });
  });

  it("tells a change of settings, a secret and its plain value being the same", () => {
    expect(
      configChanged({ apiKey: secretValue(TEST_KEY), apiBase: "a" }, { apiKey: TEST_KEY, apiBase: "b" }),
    ).toEqual(["apiBase"]);
    expect(configChanged({ apiKey: TEST_KEY }, { apiKey: TEST_KEY, rateLimit: 5 })).toEqual(["rateLimit"]);
    expect(configChanged({ apiKey: TEST_KEY }, { apiKey: secretValue(TEST_KEY) })).toEqual([]);
  });
});

describe("resource types", () => {
  it("refuses a URN of a type this version does not have, naming it", async () => {
    const plugin = configuredPlugin(h);
    await expect(plugin.check(pluginUrn("Invoice", "x"), {}, {})).rejects.toMatchObject({
      code: "unknown_resource_type",
      message: expect.stringContaining("Invoice"),
    });
  });

  it("serves a resource created under a component by the type its URN ends with", async () => {
    const plugin = configuredPlugin(h);
    const urn =
      "urn:pulumi:test::proj::stripe-billing:index:BillingSetup$stripe-billing:index:ShippingRate::ground";
    const { id } = await created(plugin, urn, ground);
    expect(id).toMatch(/^shr_/);
  });
});
