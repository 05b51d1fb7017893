import { taxRegistration } from "../../provider/resources/tax-registration";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/tax-registration";

const h = resourceContract(contract);

describe("TaxRegistration specifics", () => {
  it("keeps activeFrom 'now' stable across refreshes", async () => {
    const p = h.provider(taxRegistration);
    const news = (await p.check({}, create)).inputs;
    const { id, outs } = await p.create(news);
    expect(outs.activeFrom).toBe("now");
    h.emulator.clock.advance(3600);
    const read = await p.read(id, outs);
    expect(read.props!.activeFrom).toBe("now");
    expect(await p.diff(id, read.props!, news)).toMatchObject({ changes: false });
  });

  it("derives status from the clock: scheduled, active, expired", async () => {
    const p = h.provider(taxRegistration);
    const start = h.emulator.clock.now() + 86400;
    const { id, outs } = await p.create(
      (await p.check({}, { ...create, activeFrom: start, expiresAt: start + 86400 })).inputs,
    );
    expect(outs.status).toBe("scheduled");
    h.emulator.clock.advance(86400 + 60);
    expect((await p.read(id, outs)).props!.status).toBe("active");
    h.emulator.clock.advance(86400);
    expect((await p.read(id, outs)).props!.status).toBe("expired");
  });

  it("unsets expiresAt when the input is removed", async () => {
    const p = h.provider(taxRegistration);
    const withEnd = (await p.check({}, { ...create, expiresAt: 4102444800 })).inputs;
    const { id, outs } = await p.create(withEnd);
    const news = (await p.check(outs, create)).inputs;
    await p.update(id, outs, news);
    expect(h.emulator.objects.get(id)?.expires_at).toBeNull();
  });

  it("replaces delete-first: the emulator refuses two live registrations for the same place", async () => {
    const p = h.provider(taxRegistration);
    const news = (await p.check({}, create)).inputs;
    const first = await p.create(news);
    await expect(p.create(news)).rejects.toMatchObject({ statusCode: 400 });
    await p.delete(first.id, first.outs);
    await expect(p.create(news)).resolves.toMatchObject({ id: expect.stringMatching(/^taxreg_/) });
  });

  it("keeps the registration on delete when deletePolicy is keep", async () => {
    const p = h.provider(taxRegistration);
    const { id, outs } = await p.create((await p.check({}, { ...create, deletePolicy: "keep" })).inputs);
    await p.delete(id, outs);
    expect(h.emulator.objects.get(id)?.expires_at).toBeNull();
  });
});
