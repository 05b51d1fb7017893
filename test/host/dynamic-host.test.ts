/**
 * The serialized provider, loaded and called by Pulumi's own dynamic provider host over gRPC:
 * what the engine receives from us in a real `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type Emulator } from "../../emulator";
import { TEST_KEY, useEmulator } from "../support/emulator";
import { DIFF, secret, startHost, type Host } from "../support/host";
import { assertBuilt, makeProjectDir } from "../support/project";
import { scenariosFor } from "../support/scenarios";

const { providerShim } =
  require("../../dist/provider/engine/shim") as typeof import("../../provider/engine/shim");

const CANARY_KEY = "sk_test_hostcanary9f8e7d6c5b4a";

/** Configures the host for one test, as the engine does before every operation it sends. */
async function configure(host: Host, emulator: Emulator, extra: Record<string, unknown> = {}) {
  await host.configure({
    "stripe-billing:apiKey": secret(CANARY_KEY),
    "stripe-billing:apiBase": emulator.url,
    ...extra,
  });
}

describe("ShippingRate through Pulumi's dynamic provider host", () => {
  let emulator: Emulator;
  let host: Host;
  let project: ReturnType<typeof makeProjectDir>;
  let providerText: string;

  beforeAll(async () => {
    assertBuilt();
    emulator = await startEmulator({ port: 0 });
    project = makeProjectDir();
    // Serialized exactly as `pulumi.dynamic.Resource` does: a closure returning the provider object.
    const provider = providerShim("ShippingRate");
    providerText = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
    host = await startHost(project.dir, { STRIPE_API_KEY: "" });
  });

  afterAll(async () => {
    await host?.close();
    await emulator?.close();
    project?.cleanup();
  });

  beforeEach(() => configure(host, emulator));

  it("runs Configure, Check, Diff, Create, Read, Update and Delete", async () => {
    // Config of other packages is passed along too, and ignored.
    await configure(host, emulator, { "aws:region": "us-east-1" });
    const postsBefore = emulator.requests({ method: "POST" }).length;
    const news = {
      __provider: providerText,
      displayName: "Ground",
      fixedAmount: { amount: 500, currency: "USD" },
      metadata: { team: "billing" },
    };

    const checked = await host.check({}, news);
    expect(checked.failures).toEqual([]);
    expect(checked.inputs).toMatchObject({
      fixedAmount: { currency: "usd" },
      active: true,
      __provider: providerText,
    });

    const created = await host.create(checked.inputs);
    expect(created.id).toMatch(/^shr_/);
    expect(created.properties).toMatchObject({
      displayName: "Ground",
      livemode: false,
      __provider: providerText,
    });
    expect(emulator.requests({ method: "POST" })[postsBefore].idempotencyKey).toBeTruthy();

    const noop = await host.diff(created.id, created.properties, checked.inputs);
    expect(noop.changes).toBe(DIFF.NONE);

    const read = await host.read(created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toEqual(created.properties);
    expect(read.inputs).toMatchObject({ displayName: "Ground", metadata: { team: "billing" } });

    const edited = (await host.check(created.properties, { ...news, metadata: { team: "ops" } })).inputs;
    expect((await host.diff(created.id, created.properties, edited)).changes).toBe(DIFF.SOME);
    const updated = await host.update(created.id, created.properties, edited);
    expect(updated.properties.metadata).toEqual({ team: "ops" });

    const renamed = (await host.check(updated.properties, { ...news, displayName: "Express" })).inputs;
    const replace = await host.diff(created.id, updated.properties, renamed);
    expect(replace).toMatchObject({ changes: DIFF.SOME, replaces: ["displayName"] });

    await host.delete(created.id, updated.properties);
    expect(emulator.objects.get(created.id)?.active).toBe(false);

    emulator.objects.remove(created.id);
    expect((await host.read(created.id, updated.properties)).id).toBe("");

    // The key only ever travelled in the Configure request.
    expect(JSON.stringify([created, read, updated])).not.toContain(CANARY_KEY);
    expect(host.output()).not.toContain(CANARY_KEY);
  });

  it("reports check failures with the field path, before any request", async () => {
    const before = emulator.requests().length;
    const result = await host.check(
      {},
      { __provider: providerText, displayName: "Ground", fixedAmount: { amount: "5", currency: "usd" } },
    );
    expect(result.failures).toEqual([
      { property: "fixedAmount", reason: expect.stringContaining("fixedAmount.amount") },
    ]);
    expect(emulator.requests().length).toBe(before);
  });

  it("accepts unknown values at preview", async () => {
    const result = await host.check(
      {},
      {
        __provider: providerText,
        displayName: pulumi.runtime.unknownValue,
        fixedAmount: { amount: 5, currency: "usd" },
      },
    );
    expect(result.failures).toEqual([]);
  });
});

// Every declared resource, from the contract case its own test file gives.
describe.each(scenariosFor("host").map((s) => [s.type, s] as const))(
  "%s through Pulumi's dynamic provider host",
  (type, { make }) => {
    const h = useEmulator();
    let host: Host;
    let project: ReturnType<typeof makeProjectDir>;
    let providerText: string;

    beforeAll(async () => {
      project = makeProjectDir();
      const provider = providerShim(type);
      providerText = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
      host = await startHost(project.dir, { STRIPE_API_KEY: "" });
    });

    afterAll(async () => {
      await host?.close();
      project?.cleanup();
    });

    it("creates, diffs as unchanged, reads and deletes", async () => {
      const c = await make(h);
      await host.configure({
        "stripe-billing:apiKey": secret(TEST_KEY),
        "stripe-billing:apiBase": h.emulator.url,
        ...c.config,
      });
      const checked = await host.check({}, { __provider: providerText, ...c.create });
      expect(checked.failures).toEqual([]);
      const created = await host.create(checked.inputs);
      expect(created.id).toBeTruthy();
      // The id Pulumi records is the object's in Stripe.
      const stored = c.stored ? c.stored(h, created.id) : h.emulator.objects.get(created.id);
      expect(stored).toBeDefined();
      if (!c.stored) expect(stored!.id).toBe(created.id);
      expect((await host.diff(created.id, created.properties, checked.inputs)).changes).toBe(DIFF.NONE);
      const read = await host.read(created.id, created.properties);
      expect(read.properties).toEqual(created.properties);
      await host.delete(created.id, created.properties);
      expect(JSON.stringify([created, read])).not.toContain(TEST_KEY);
    });
  },
);

describe("WebhookEndpoint's signing secret through Pulumi's dynamic provider host", () => {
  const h = useEmulator();
  let host: Host;
  let project: ReturnType<typeof makeProjectDir>;

  beforeAll(async () => {
    project = makeProjectDir();
    host = await startHost(project.dir, { STRIPE_API_KEY: "" });
  });

  afterAll(async () => {
    await host?.close();
    project?.cleanup();
  });

  it("is an output of create, kept by Read (Stripe returns it once), and never printed", async () => {
    const provider = providerShim("WebhookEndpoint");
    const providerText = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true }))
      .text;
    await host.configure({
      "stripe-billing:apiKey": secret(TEST_KEY),
      "stripe-billing:apiBase": h.emulator.url,
    });
    const checked = await host.check(
      {},
      { __provider: providerText, url: "https://example.com/hooks", enabledEvents: ["invoice.paid"] },
    );
    const created = await host.create(checked.inputs);
    expect(created.properties.secret).toMatch(/^whsec_/);
    const read = await host.read(created.id, created.properties);
    expect(read.properties.secret).toBe(created.properties.secret);
    expect(read.inputs).not.toHaveProperty("secret");
    await host.delete(created.id, created.properties);
    expect(host.output()).not.toContain(created.properties.secret);
  });
});
