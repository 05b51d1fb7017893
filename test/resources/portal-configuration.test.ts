import { portalConfiguration } from "../../provider/resources/portal-configuration";
import { resourceContract } from "./contract";
import { contract, catalog, inputs } from "./cases/portal-configuration";

const h = resourceContract(contract);

describe("PortalConfiguration specifics", () => {
  it("shows no change after apply for a config with products and prices (no perpetual diff)", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const news = (await p.check({}, inputs(c))).inputs;
    const { id, outs } = await p.create(news);
    const read = await p.read(id, outs);
    expect((read.props!.features as any).subscriptionUpdate.products).toHaveLength(2);
    expect(await p.diff(id, read.props!, (await p.check(read.props!, inputs(c))).inputs)).toMatchObject({
      changes: false,
    });
    const get = h.emulator.requests({ method: "GET" }).at(-1)!;
    expect(get.params).toEqual({ expand: ["features.subscription_update.products"] });
  });

  it("leaves the account's default configuration active on delete, with a warning", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const { id } = await p.create((await p.check({}, inputs(c))).inputs);
    h.emulator.objects.patch(id, { is_default: true });
    const read = await p.read(id, {});
    await p.delete(id, read.props!);
    expect(h.emulator.objects.get(id)?.active).toBe(true);
    expect(h.warnings.join("\n")).toMatch(/default portal configuration.*left active/);
  });

  it("creates cancellation without reasons by sending the required options as empty", async () => {
    const p = h.provider(portalConfiguration);
    const news = (await p.check({}, { features: { subscriptionCancel: { enabled: true } } })).inputs;
    const { id } = await p.create(news);
    const create = h.emulator.requests({ method: "POST", path: "/v1/billing_portal/configurations" }).at(-1)!;
    expect((create.params as any).features.subscription_cancel.cancellation_reason).toEqual({
      enabled: "false",
      options: "",
    });
    expect(
      (h.emulator.objects.get(id) as any).features.subscription_cancel.cancellation_reason,
    ).toMatchObject({
      enabled: false,
      options: [],
    });
  });

  it("refuses at preview to remove a setting Stripe cannot unset, naming it", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const withAnchor = inputs(c);
    (withAnchor.features.subscriptionUpdate as Record<string, unknown>).billingCycleAnchor = "now";
    const { id, outs } = await p.create((await p.check({}, withAnchor)).inputs);
    const sent = h.emulator.requests().length;
    const news = (await p.check(outs, inputs(c))).inputs;
    await expect(p.diff(id, outs, news)).rejects.toMatchObject({
      code: "cannot_unset",
      path: "features.subscriptionUpdate.billingCycleAnchor",
      message: expect.stringMatching(/features\.subscriptionUpdate\.billingCycleAnchor cannot be removed/),
    });
    expect(h.emulator.requests()).toHaveLength(sent);
  });

  it("names the input when Stripe rejects a price that is not the product's", async () => {
    const c = await catalog(h);
    const p = h.provider(portalConfiguration);
    const bad = inputs(c);
    bad.features.subscriptionUpdate.products[0].prices = [c.basicMonthly];
    await expect(p.create((await p.check({}, bad)).inputs)).rejects.toMatchObject({
      path: expect.stringMatching(/^features\.subscriptionUpdate\.products\.\d\.prices\.0$/),
    });
  });
});
