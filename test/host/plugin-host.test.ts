/**
 * The provider plugin as the Pulumi engine runs it: the built `pulumi-resource-stripe-billing`
 * process, driven over gRPC, against the emulator. What the engine receives from us in a Pulumi
 * YAML (or Go, Python …) program's `pulumi up`, `preview --diff` and `pulumi import`.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { declarations } from "../../provider/resources";
import { typeToken } from "../../provider/plugin/urn";
import { importId } from "../resources/contract";
import { useEmulator, type Harness } from "../support/emulator";
import { pluginUrn } from "../support/front-ends";
import { secret } from "../support/host";
import { DIFF, startPlugin, type PluginHost } from "../support/plugin-host";
import { assertBuilt, REPO_ROOT } from "../support/project";
import { scenariosFor } from "../support/scenarios";
import type { PlainObject } from "../../provider/engine/values";

const PACKAGE_JSON = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8"));

/** Pulumi's envelope for a secret, as the engine sends and expects it. */
const secretOf = (value: unknown) => secret(value) as unknown as PlainObject;

/**
 * Every test configures the process with a key of its own: the process keeps what it learns of
 * an account (lookup keys) for its life, and the emulator starts each test empty. No key may
 * ever come back in a response or be printed.
 */
const keys: string[] = [];
async function configure(plugin: PluginHost, h: Harness): Promise<void> {
  const key = `sk_test_pluginhost${keys.length}canary7e6d5c4b`;
  keys.push(key);
  expect(await plugin.configure({ apiKey: secretOf(key), apiBase: h.emulator.url })).toEqual({
    acceptSecrets: true,
  });
}
function expectNoKeyShown(plugin: PluginHost): void {
  const shown = JSON.stringify(plugin.responses()) + plugin.output();
  for (const key of keys) expect(shown).not.toContain(key);
}

const SHIPPING = pluginUrn("ShippingRate", "ground");
const ground = {
  displayName: "Ground",
  fixedAmount: { amount: 500, currency: "USD" },
  metadata: { team: "billing" },
};

describe("the provider plugin over gRPC", () => {
  const h = useEmulator();
  let plugin: PluginHost;

  beforeAll(async () => {
    assertBuilt();
    plugin = await startPlugin({ STRIPE_API_KEY: "", STRIPE_API_BASE: "" });
  });
  afterAll(() => plugin?.close());
  beforeEach(() => configure(plugin, h));
  afterEach(() => expectNoKeyShown(plugin));

  it("serves schema.json with this package's version, every resource type named", async () => {
    const schema = await plugin.getSchema();
    expect(schema.version).toBe(PACKAGE_JSON.version);
    expect(Object.keys(schema.resources).sort()).toEqual(Object.keys(SCHEMA.resources).sort());
    for (const type of Object.keys(declarations)) expect(schema.resources).toHaveProperty([typeToken(type)]);
    expect((await plugin.getPluginInfo()).version).toBe(PACKAGE_JSON.version);
  });

  it("CheckConfig passes usable settings, giving the key back secret, and fails a bad key or an unknown setting by name", async () => {
    const ok = await plugin.checkConfig({
      apiKey: secretOf("sk_test_checkconfig1"),
      apiBase: h.emulator.url,
    });
    expect(ok).toEqual({
      inputs: { apiKey: secretOf("sk_test_checkconfig1"), apiBase: h.emulator.url },
      failures: [],
    });
    const bad = await plugin.checkConfig({ apiKey: secretOf("pk_test_notasecretkey") });
    expect(bad.failures).toEqual([
      { property: "apiKey", reason: expect.stringContaining("[invalid_api_key]") },
    ]);
    expect(JSON.stringify(bad.failures)).not.toContain("pk_test_notasecretkey");
    const unknown = await plugin.checkConfig({ apiKey: secretOf("sk_test_checkconfig1"), region: "eu" });
    expect(unknown.failures).toEqual([
      { property: "region", reason: expect.stringContaining("stripe-billing:region is not a setting") },
    ]);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("fails Check naming the field, before any request to Stripe", async () => {
    const { failures } = await plugin.check(
      SHIPPING,
      {},
      { ...ground, fixedAmount: { amount: "5", currency: "usd" } },
    );
    expect(failures).toEqual([
      { property: "fixedAmount", reason: expect.stringContaining("fixedAmount.amount") },
    ]);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("runs Check, Create, Diff (detailed), Read (refresh and import), Update and Delete", async () => {
    const checked = await plugin.check(SHIPPING, {}, ground);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({ fixedAmount: { currency: "usd" }, active: true });

    const created = await plugin.create(SHIPPING, checked.inputs);
    expect(created.id).toMatch(/^shr_/);
    expect(created.properties).toMatchObject({ displayName: "Ground", livemode: false });
    expect(h.emulator.objects.get(created.id)).toMatchObject({ display_name: "Ground" });

    const noop = await plugin.diff(SHIPPING, created.id, created.properties, checked.inputs);
    expect(noop).toMatchObject({ changes: DIFF.NONE, hasDetailedDiff: true, detailedDiff: {} });

    const refreshed = await plugin.read(SHIPPING, created.id, created.properties, checked.inputs);
    expect(refreshed.id).toBe(created.id);
    expect(refreshed.properties).toEqual(created.properties);
    expect(refreshed.inputs).toMatchObject({ displayName: "Ground", metadata: { team: "billing" } });

    // `pulumi import stripe-billing:index:ShippingRate ground <id>`: no properties at all.
    const imported = await plugin.read(SHIPPING, created.id);
    expect(imported.id).toBe(created.id);
    expect(imported.inputs).toMatchObject({
      displayName: "Ground",
      fixedAmount: { amount: 500, currency: "usd" },
    });
    const importChecked = await plugin.check(SHIPPING, {}, imported.inputs!);
    expect(importChecked.failures).toEqual([]);
    expect((await plugin.diff(SHIPPING, created.id, imported.properties, importChecked.inputs)).changes).toBe(
      DIFF.NONE,
    );

    // In place: only UPDATE kinds, at each changed leaf, and never an output-only field.
    const edited = await plugin.check(SHIPPING, created.properties, {
      ...ground,
      metadata: { team: "ops", "cost.centre": "7" },
    });
    const drifted = { ...created.properties, livemode: true, created: 1 };
    const inPlace = await plugin.diff(SHIPPING, created.id, drifted, edited.inputs);
    expect(inPlace).toEqual({
      changes: DIFF.SOME,
      replaces: [],
      diffs: ["metadata"],
      deleteBeforeReplace: false,
      hasDetailedDiff: true,
      detailedDiff: { "metadata.team": "UPDATE", 'metadata["cost.centre"]': "ADD" },
    });
    const updated = await plugin.update(SHIPPING, created.id, created.properties, edited.inputs);
    expect(updated.properties.metadata).toEqual({ team: "ops", "cost.centre": "7" });
    expect(h.emulator.objects.get(created.id)?.metadata).toEqual({ team: "ops", "cost.centre": "7" });

    // A create-only leaf: UPDATE_REPLACE at its path, the input replaced.
    const repriced = await plugin.check(SHIPPING, updated.properties, {
      ...ground,
      fixedAmount: { amount: 700, currency: "usd" },
    });
    const replace = await plugin.diff(SHIPPING, created.id, updated.properties, repriced.inputs);
    expect(replace).toMatchObject({
      changes: DIFF.SOME,
      replaces: ["fixedAmount"],
      detailedDiff: { "fixedAmount.amount": "UPDATE_REPLACE", "metadata.team": "UPDATE" },
    });
    expect(Object.keys(replace.detailedDiff)).not.toContain("livemode");

    await plugin.delete(SHIPPING, created.id, updated.properties);
    expect(h.emulator.objects.get(created.id)?.active).toBe(false);
    h.emulator.objects.remove(created.id);
    expect((await plugin.read(SHIPPING, created.id, updated.properties)).id).toBe("");
  });

  it("refuses to import a product's feature named without its product, saying how", async () => {
    await expect(plugin.read(pluginUrn("ProductFeature", "f"), "prodft_1")).rejects.toMatchObject({
      details: expect.stringMatching(/^\[invalid_import_id\] .*<product>\/<id>/),
    });
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("marks WebhookEndpoint's signing secret secret in every output, and never makes it an input", async () => {
    const urn = pluginUrn("WebhookEndpoint", "hooks");
    const hooks = { url: "https://example.com/hooks", enabledEvents: ["invoice.paid"] };
    const checked = await plugin.check(urn, {}, hooks);
    const created = await plugin.create(urn, checked.inputs);
    expect(created.properties.secret).toEqual(secretOf(expect.stringMatching(/^whsec_/)));
    const read = await plugin.read(urn, created.id, created.properties, checked.inputs);
    expect(read.properties.secret).toEqual(created.properties.secret);
    expect(read.inputs).not.toHaveProperty("secret");
    const edited = await plugin.check(urn, created.properties, { ...hooks, description: "Invoices" });
    const updated = await plugin.update(urn, created.id, created.properties, edited.inputs);
    expect(updated.properties.secret).toEqual(created.properties.secret);
    const signing = (created.properties.secret as { value: string }).value;
    expect(plugin.output()).not.toContain(signing);
  });

  it("keeps an input marked secret marked in the outputs", async () => {
    const checked = await plugin.check(SHIPPING, {}, { ...ground, metadata: secretOf({ team: "billing" }) });
    expect(checked.inputs.metadata).toEqual(secretOf({ team: "billing" }));
    const created = await plugin.create(SHIPPING, checked.inputs);
    expect(created.properties.metadata).toEqual(secretOf({ team: "billing" }));
    expect(created.properties.displayName).toBe("Ground");
    const read = await plugin.read(SHIPPING, created.id, created.properties, checked.inputs);
    expect(read.properties.metadata).toEqual(secretOf({ team: "billing" }));
    expect(read.inputs!.metadata).toEqual(secretOf({ team: "billing" }));
  });
});

// Every declared resource, from the contract case its own test file gives.
describe("every resource through the provider plugin", () => {
  const h = useEmulator();
  let plugin: PluginHost;

  beforeAll(async () => {
    plugin = await startPlugin({ STRIPE_API_KEY: "", STRIPE_API_BASE: "" });
  });
  afterAll(() => plugin?.close());
  beforeEach(() => configure(plugin, h));
  afterEach(() => expectNoKeyShown(plugin));

  it.each(scenariosFor("host").map((s) => [s.type, s] as const))(
    "%s: creates, diffs as unchanged, reads, imports and deletes",
    async (type, { decl, make }) => {
      const c = await make(h);
      await plugin.configure({
        apiKey: secretOf(keys.at(-1)),
        apiBase: h.emulator.url,
        ...Object.fromEntries(
          Object.entries(c.config ?? {}).map(([k, v]) => [k.replace(/^stripe-billing:/, ""), v]),
        ),
      });
      const urn = pluginUrn(type, "subject");
      const checked = await plugin.check(urn, {}, c.create);
      expect(checked.failures).toEqual([]);
      const created = await plugin.create(urn, checked.inputs);
      const stored = c.stored ? c.stored(h, created.id) : h.emulator.objects.get(created.id);
      expect(stored).toBeDefined();
      expect((await plugin.diff(urn, created.id, created.properties, checked.inputs)).changes).toBe(
        DIFF.NONE,
      );
      const read = await plugin.read(urn, created.id, created.properties, checked.inputs);
      expect(read.properties).toEqual(created.properties);
      const imported = await plugin.read(urn, importId(decl, checked.inputs, created.id));
      expect(imported.id).toBe(created.id);
      const importChecked = await plugin.check(urn, {}, imported.inputs!);
      expect(importChecked.failures).toEqual([]);
      expect(await plugin.diff(urn, created.id, imported.properties, importChecked.inputs)).toMatchObject({
        changes: DIFF.NONE,
        detailedDiff: {},
      });
      await plugin.delete(urn, created.id, created.properties);
    },
  );
});

describe("exactly once across provider plugin processes", () => {
  const h = useEmulator();
  const started: PluginHost[] = [];
  const start = async () => {
    const plugin = await startPlugin({ STRIPE_API_KEY: "", STRIPE_API_BASE: "" });
    started.push(plugin);
    await plugin.configure({ apiKey: secretOf("sk_test_pluginexactlyonce1"), apiBase: h.emulator.url });
    return plugin;
  };
  afterAll(() => Promise.all(started.map((p) => p.close())));

  it("a process killed before its create was answered leaves one object, which the next process's create of the same URN replays", async () => {
    const first = await start();
    const { inputs } = await first.check(SHIPPING, {}, ground);
    // The write commits, and its answer never comes: the process is killed waiting for it.
    h.emulator.inject({ type: "hang", when: "after", method: "POST", path: "/v1/shipping_rates" });
    const lost = first.create(SHIPPING, inputs).catch((err: unknown) => err);
    // The in-process emulator records a write and runs it in one turn of the event loop.
    await until(() => h.emulator.requests({ method: "POST", path: "/v1/shipping_rates" }).length === 1);
    await first.kill();
    expect(await lost).toBeInstanceOf(Error);

    const second = await start();
    const again = await second.check(SHIPPING, {}, ground);
    const created = await second.create(SHIPPING, again.inputs);
    const writes = h.emulator.requests({ method: "POST", path: "/v1/shipping_rates" });
    expect(writes).toHaveLength(2);
    expect(writes[1].idempotencyKey).toBe(writes[0].idempotencyKey);
    expect(writes.map((w) => w.replayed)).toEqual([false, true]);
    const list = await h.stripe("GET", "/v1/shipping_rates", { limit: 100 });
    expect(list.data.map((o: { id: string }) => o.id)).toEqual([created.id]);

    // The key stands for the resource: another URN with the same inputs is another object.
    const other = await second.create(pluginUrn("ShippingRate", "express"), again.inputs);
    expect(other.id).not.toBe(created.id);
    expect((await h.stripe("GET", "/v1/shipping_rates", { limit: 100 })).data).toHaveLength(2);
  });
});

/** Waits for a condition the test needs before its next step (never asserts on time). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}
