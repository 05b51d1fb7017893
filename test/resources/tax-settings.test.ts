import { taxSettings } from "../../provider/resources/tax-settings";
import { resourceContract } from "./contract";
import { contract, create, settings } from "./cases/tax-settings";

const h = resourceContract(contract);

describe("TaxSettings specifics", () => {
  it("adopts the account's settings: snapshot first, then applies the inputs, and reports status", async () => {
    await h.stripe("POST", "/v1/tax/settings", {
      defaults: { tax_behavior: "inclusive", tax_code: "txcd_99999999" },
    });
    const p = h.provider(taxSettings);
    const { outs } = await p.create((await p.check({}, create)).inputs);
    expect(outs.snapshot).toEqual({ defaults: { taxBehavior: "inclusive", taxCode: "txcd_99999999" } });
    expect(outs).toMatchObject({ status: "active", missingFields: [] });
    expect((await settings(h)).defaults).toMatchObject({
      tax_behavior: "exclusive",
      tax_code: "txcd_10000000",
    });
  });

  it("sends no write when the account already holds the inputs (adopting settings as they are)", async () => {
    await h.stripe("POST", "/v1/tax/settings", {
      defaults: { tax_behavior: "exclusive", tax_code: "txcd_10000000" },
      head_office: { address: { line1: "1 Main St", city: "Dublin", postal_code: "D01", country: "IE" } },
    });
    const writes = h.emulator.count("POST", "/v1/tax/settings");
    const p = h.provider(taxSettings);
    const { outs } = await p.create((await p.check({}, create)).inputs);
    expect(h.emulator.count("POST", "/v1/tax/settings")).toBe(writes);
    expect(outs).toMatchObject({ defaults: create.defaults, status: "active" });
    // One field off, and the inputs are written.
    const other = { ...create, defaults: { ...create.defaults, taxBehavior: "inclusive" } };
    await p.create((await p.check({}, other)).inputs);
    expect(h.emulator.count("POST", "/v1/tax/settings")).toBe(writes + 1);
  });

  it("restores the snapshot on delete where Stripe allows it", async () => {
    await h.stripe("POST", "/v1/tax/settings", {
      defaults: { tax_behavior: "inclusive", tax_code: "txcd_99999999" },
    });
    const p = h.provider(taxSettings);
    const { id, outs } = await p.create((await p.check({}, { defaults: create.defaults })).inputs);
    await p.delete(id, outs);
    expect((await settings(h)).defaults).toMatchObject({
      tax_behavior: "inclusive",
      tax_code: "txcd_99999999",
    });
    expect(h.warnings).toEqual([]);
  });

  it("shows pending status and the missing head office", async () => {
    const p = h.provider(taxSettings);
    const { outs } = await p.create((await p.check({}, { defaults: create.defaults })).inputs);
    expect(outs).toMatchObject({ status: "pending", missingFields: ["head_office"] });
  });

  it("leaves undeclared settings alone", async () => {
    await h.stripe("POST", "/v1/tax/settings", { head_office: { address: { country: "US", state: "CA" } } });
    const headOffice = (await settings(h)).head_office;
    expect(headOffice.address).toMatchObject({ country: "US", state: "CA" });
    const sent = h.emulator.requests({ method: "POST" }).length;
    const p = h.provider(taxSettings);
    const news = (await p.check({}, { defaults: create.defaults })).inputs;
    const { id, outs } = await p.create(news);
    const read = await p.read(id, outs);
    expect(await p.diff(id, read.props!, news)).toMatchObject({ changes: false });
    // An update of what is declared still leaves the rest as it was.
    const changed = (
      await p.check(read.props!, { defaults: { ...create.defaults, taxBehavior: "inclusive" } })
    ).inputs;
    await p.update(id, read.props!, changed);
    const now = await settings(h);
    expect(now.defaults).toMatchObject({ tax_behavior: "inclusive", tax_code: "txcd_10000000" });
    expect(now.head_office).toEqual(headOffice);
    const writes = h.emulator.requests({ method: "POST" }).slice(sent);
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) expect(write.params).not.toHaveProperty("head_office");
  });
});
