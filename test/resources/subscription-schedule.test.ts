import { subscriptionSchedule } from "../../provider/resources/subscription-schedule";
import { resourceContract } from "./contract";
import { contract, catalog, twoPhases } from "./cases/subscription-schedule";

const h = resourceContract(contract);

describe("SubscriptionSchedule specifics", () => {
  it("keeps inline prices (priceData) stable across refreshes, and shows a swapped price as drift", async () => {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const inputs = {
      customer: c.customer,
      phases: [
        {
          items: [
            {
              priceData: {
                currency: "usd",
                product: c.product,
                recurring: { interval: "month" },
                unitAmount: 4200,
              },
            },
          ],
        },
      ],
    };
    const news = (await p.check({}, inputs)).inputs;
    const { id, outs } = await p.create(news);
    const read = await p.read(id, outs);
    expect(await p.diff(id, read.props!, news)).toMatchObject({ changes: false });
    const stored = h.emulator.objects.get(id) as any;
    stored.phases[0].items[0].price = c.pro;
    const drifted = await p.read(id, read.props!);
    expect((drifted.props!.phases as any)[0].items[0]).toEqual({ price: c.pro, quantity: 1 });
    expect(await p.diff(id, drifted.props!, news)).toMatchObject({ changes: true });
  });

  it("cancels the subscription on delete only when deletePolicy is cancel", async () => {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const { id, outs } = await p.create(
      (await p.check({}, { ...twoPhases(c), deletePolicy: "cancel" })).inputs,
    );
    await p.delete(id, outs);
    const schedule = h.emulator.objects.get(id) as any;
    expect(schedule.status).toBe("canceled");
    expect(h.emulator.objects.get(outs.subscription as string)?.status).toBe("canceled");
    expect(h.emulator.count("POST", `/v1/subscription_schedules/${id}/release`)).toBe(0);
  });

  it("keeps the running phase's start and never resends ended phases", async () => {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const three = {
      customer: c.customer,
      phases: [
        { items: [{ price: c.starter }], duration: { interval: "month" } },
        { items: [{ price: c.pro }], duration: { interval: "month" } },
        { items: [{ price: c.pro, quantity: 3 }] },
      ],
    };
    const news = (await p.check({}, three)).inputs;
    const { id, outs } = await p.create(news);
    h.emulator.clock.advance(40 * 86400);
    const read = await p.read(id, outs);
    expect(read.props!.currentPhase).toEqual((read.props!.phaseDates as any)[1]);
    const edited = (
      await p.check(read.props!, {
        ...three,
        phases: [three.phases[0], three.phases[1], { items: [{ price: c.pro, quantity: 4 }] }],
      })
    ).inputs;
    expect(await p.diff(id, read.props!, edited)).toMatchObject({ changes: true, replaces: [] });
    await p.update(id, read.props!, edited);
    const sent = h.emulator.requests({ method: "POST", path: `/v1/subscription_schedules/${id}` }).at(-1)!;
    const phases = sent.params.phases as any[];
    expect(phases).toHaveLength(2);
    expect(Number(phases[0].start_date)).toBe((read.props!.currentPhase as any).startDate);
    const after = await p.read(id, read.props!);
    expect(await p.diff(id, after.props!, edited)).toMatchObject({ changes: false });
  });

  /**
   * Applies `from`, then `to`, and returns what Stripe holds and what was sent: the change must
   * plan in place, apply, and leave nothing for the next preview to change.
   */
  async function switchCollection(from: Record<string, unknown>, to: Record<string, unknown>) {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const base = twoPhases(c);
    const first = (await p.check({}, { ...base, ...from })).inputs;
    const { id, outs } = await p.create(first);
    const read = await p.read(id, outs);
    const next = (await p.check(read.props!, { ...base, ...to })).inputs;
    expect(await p.diff(id, read.props!, next)).toMatchObject({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      detail: expect.not.arrayContaining([expect.objectContaining({ createOnly: true })]),
    });
    const { outs: updated } = await p.update(id, read.props!, next);
    const after = await p.read(id, updated);
    expect(await p.diff(id, after.props!, next)).toMatchObject({ changes: false });
    const sent = h.emulator.requests({ method: "POST", path: `/v1/subscription_schedules/${id}` }).at(-1)!;
    return { stored: h.emulator.objects.get(id) as any, sent: sent.params as any, outs: after.props! };
  }

  const sendInvoice = { collectionMethod: "send_invoice", invoiceSettings: { daysUntilDue: 30 } };

  it("switches the defaults to charge_automatically: Stripe clears daysUntilDue, nothing is sent empty", async () => {
    const { stored, sent, outs } = await switchCollection(
      { defaultSettings: sendInvoice },
      { defaultSettings: { collectionMethod: "charge_automatically" } },
    );
    expect(sent.default_settings).toEqual({ collection_method: "charge_automatically" });
    expect(stored.default_settings.collection_method).toBe("charge_automatically");
    expect(stored.default_settings.invoice_settings.days_until_due).toBeNull();
    expect((outs.defaultSettings as any).invoiceSettings).toBeUndefined();
  });

  it("switches the defaults back to send_invoice with a due date", async () => {
    const { stored } = await switchCollection(
      { defaultSettings: { collectionMethod: "charge_automatically" } },
      { defaultSettings: { ...sendInvoice, invoiceSettings: { daysUntilDue: 14 } } },
    );
    expect(stored.default_settings.collection_method).toBe("send_invoice");
    expect(stored.default_settings.invoice_settings.days_until_due).toBe(14);
  });

  it("switches a phase to charge_automatically and back, its due date following", async () => {
    const c = await catalog(h);
    const phase = (extra: Record<string, unknown>) => ({
      phases: [{ ...twoPhases(c).phases[0], ...extra }, twoPhases(c).phases[1]],
    });
    const off = await switchCollection(
      phase(sendInvoice),
      phase({ collectionMethod: "charge_automatically" }),
    );
    expect(off.stored.phases[0].collection_method).toBe("charge_automatically");
    expect(off.stored.phases[0].invoice_settings?.days_until_due ?? null).toBeNull();
    const on = await switchCollection(
      phase({ collectionMethod: "charge_automatically" }),
      phase(sendInvoice),
    );
    expect(on.stored.phases[0].collection_method).toBe("send_invoice");
    expect(on.stored.phases[0].invoice_settings.days_until_due).toBe(30);
    expect((on.outs.phases as any)[0].invoiceSettings).toEqual({ daysUntilDue: 30 });
  });

  it("still refuses to remove daysUntilDue while the schedule keeps sending invoices", async () => {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const { id, outs } = await p.create(
      (await p.check({}, { ...twoPhases(c), defaultSettings: sendInvoice })).inputs,
    );
    const next = (
      await p.check(outs, { ...twoPhases(c), defaultSettings: { collectionMethod: "send_invoice" } })
    ).inputs;
    await expect(p.diff(id, outs, next)).rejects.toMatchObject({
      message: expect.stringContaining("defaultSettings.invoiceSettings cannot be removed"),
    });
  });

  it("emulates Stripe clearing the due date when a schedule or phase charges automatically", async () => {
    const c = await catalog(h);
    const created = await h.stripe("POST", "/v1/subscription_schedules", {
      customer: c.customer,
      default_settings: { collection_method: "send_invoice", invoice_settings: { days_until_due: 10 } },
      phases: [
        {
          items: [{ price: c.starter }],
          collection_method: "charge_automatically",
          invoice_settings: { days_until_due: 5 },
        },
      ],
    });
    expect(created.default_settings.invoice_settings.days_until_due).toBe(10);
    expect(created.phases[0].invoice_settings.days_until_due).toBeNull();
    const switched = await h.stripe("POST", `/v1/subscription_schedules/${created.id}`, {
      default_settings: { collection_method: "charge_automatically" },
    });
    expect(switched.default_settings.invoice_settings.days_until_due).toBeNull();
  });

  it("explains, instead of attempting, a change to a schedule that has ended", async () => {
    const c = await catalog(h);
    const p = h.provider(subscriptionSchedule);
    const news = (await p.check({}, twoPhases(c))).inputs;
    const { id, outs } = await p.create(news);
    h.emulator.clock.advance(200 * 86400);
    const read = await p.read(id, outs);
    expect(read.props!.status).toBe("released");
    const edited = (await p.check(read.props!, { ...twoPhases(c), metadata: { late: "change" } })).inputs;
    await expect(p.diff(id, read.props!, edited)).rejects.toMatchObject({
      message: expect.stringContaining("is released"),
    });
  });
});
