import { webhookEndpoint } from "../../provider/resources/webhook-endpoint";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/webhook-endpoint";
import { liveKey } from "../support/keys";

const LIVE = { "stripe-billing:apiKey": liveKey("hooks1"), "stripe-billing:allowLiveMode": "true" };

const h = resourceContract(contract);

async function created(inputs: object = create, config: Record<string, string> = {}) {
  const provider = h.provider(webhookEndpoint, config);
  const checked = await provider.check({}, inputs as never);
  expect(checked.failures).toEqual([]);
  return { provider, inputs: checked.inputs, ...(await provider.create(checked.inputs)) };
}

describe("WebhookEndpoint specifics", () => {
  it("keeps the signing secret Stripe returns at create in its outputs, across reads and updates", async () => {
    const { provider, id, outs } = await created();
    expect(outs.secret).toMatch(/^whsec_/);
    // Stripe never shows it again.
    expect((await h.stripe("GET", `/v1/webhook_endpoints/${id}`)).secret).toBeUndefined();
    const read = await provider.read(id, outs);
    expect(read.props!.secret).toBe(outs.secret);
    expect(read.inputs).not.toHaveProperty("secret");
    const news = (await provider.check(outs, { ...create, description: "Invoices" })).inputs;
    const updated = await provider.update(id, outs, news);
    expect(updated.outs.secret).toBe(outs.secret);
  });

  it("keeps the signing secret with the object when the update after create fails", async () => {
    const provider = h.provider(webhookEndpoint, {}, { policy: { maxRetries: 0 } });
    const inputs = (await provider.check({}, { ...create, disabled: true })).inputs;
    h.emulator.inject({ type: "status", status: 500, method: "POST", path: /^\/v1\/webhook_endpoints\/we_/ });
    const failed = await provider.create(inputs).catch((e) => e);
    expect(failed).toMatchObject({
      code: "partial_create",
      properties: { secret: expect.stringMatching(/^whsec_/) },
    });
  });

  it("disables in place after create, and reads the status back as disabled", async () => {
    const { provider, id, outs, inputs } = await created({ ...create, disabled: true });
    expect(h.emulator.objects.get(id)?.status).toBe("disabled");
    expect(outs.disabled).toBe(true);
    const read = await provider.read(id, outs);
    expect(await provider.diff(id, read.props!, inputs)).toMatchObject({ changes: false });
  });

  it("keeps connect, which Stripe never returns, and replaces the endpoint when it changes", async () => {
    const { provider, id, outs, inputs } = await created({ ...create, connect: true });
    expect(h.emulator.requests({ method: "POST" })[0].params.connect).toBe("true");
    const read = await provider.read(id, outs);
    expect(read.props!.connect).toBe(true);
    expect(await provider.diff(id, read.props!, inputs)).toMatchObject({ changes: false });
    const news = (await provider.check(outs, create)).inputs;
    expect((await provider.diff(id, outs, news)).replaces).toEqual(["connect"]);
  });

  it("treats the event types as a set", async () => {
    const { provider, id, outs } = await created();
    const reordered = (
      await provider.check(outs, { ...create, enabledEvents: [...create.enabledEvents].reverse() })
    ).inputs;
    expect(await provider.diff(id, outs, reordered)).toMatchObject({ changes: false });
  });

  it.each([
    [
      { ...create, enabledEvents: ["invoice.paid", "invoice.teleported"] },
      "enabledEvents",
      /invoice\.teleported/,
    ],
    [{ ...create, enabledEvents: [] }, "enabledEvents", />=1/],
    [{ ...create, url: "ftp://example.com/hooks" }, "url", /http\(s\) URL/],
    [{ ...create, url: "example.com/hooks" }, "url", /http\(s\) URL/],
    [{ ...create, apiVersion: "2099-01-01" }, "apiVersion", /API version/],
  ])("rejects bad input %# at check, naming the field, with no request", async (inputs, property, reason) => {
    const result = await h.provider(webhookEndpoint).check({}, inputs);
    expect(result.failures.find((f) => f.property === property)?.reason).toMatch(reason);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("accepts every event type (`*`)", async () => {
    const { outs } = await created({ ...create, enabledEvents: ["*"] });
    expect(outs.enabledEvents).toEqual(["*"]);
  });

  it("in live mode, destroy deletes only with allowLiveDestroy", async () => {
    const { provider, id, outs } = await created(create, LIVE);
    await expect(provider.delete(id, outs)).rejects.toMatchObject({
      code: "live_destroy_refused",
      message: expect.stringContaining(`delete ${id}`),
    });
    expect(h.emulator.requests({ method: "DELETE" })).toHaveLength(0);
    expect(h.emulator.objects.get(id)).toBeDefined();
    await h
      .provider(webhookEndpoint, { ...LIVE, "stripe-billing:allowLiveDestroy": "true" })
      .delete(id, outs);
    expect(h.emulator.objects.get(id)).toBeUndefined();
  });
});
