import { taxRate } from "../../provider/resources/tax-rate";
import { resourceContract } from "./contract";
import { contract, create } from "./cases/tax-rate";

const h = resourceContract(contract);

describe("TaxRate specifics", () => {
  it("replaces when inclusiveness changes, and updates every other field in place", async () => {
    const provider = h.provider(taxRate);
    const { id, outs } = await provider.create((await provider.check({}, create)).inputs);
    const inclusive = (await provider.check(outs, { ...create, inclusive: true })).inputs;
    expect((await provider.diff(id, outs, inclusive)).replaces).toEqual(["inclusive"]);
    const edited = (
      await provider.check(outs, { ...create, state: "BY", taxType: "sales_tax", active: false })
    ).inputs;
    expect(await provider.diff(id, outs, edited)).toMatchObject({ changes: true, replaces: [] });
    await provider.update(id, outs, edited);
    expect(h.emulator.objects.get(id)).toMatchObject({ state: "BY", tax_type: "sales_tax", active: false });
  });

  it("refuses at preview to remove a field Stripe cannot unset, naming it", async () => {
    const provider = h.provider(taxRate);
    const withDescription = { ...create, description: "German VAT" };
    const { id, outs } = await provider.create((await provider.check({}, withDescription)).inputs);
    const news = (await provider.check(outs, create)).inputs;
    await expect(provider.diff(id, outs, news)).rejects.toMatchObject({
      code: "cannot_unset",
      message: expect.stringContaining("description"),
    });
  });

  it.each([
    [{ ...create, percentage: 101 }, "percentage"],
    [{ ...create, percentage: -1 }, "percentage"],
    [{ ...create, inclusive: undefined }, "inclusive"],
    [{ ...create, state: "New York" }, "state"],
    [{ ...create, country: "Germany" }, "country"],
  ])("rejects bad input %# at check, naming the field, with no request", async (inputs, property) => {
    const result = await h.provider(taxRate).check({}, inputs);
    expect(result.failures.map((f) => f.property)).toContain(property);
    expect(h.emulator.requests()).toHaveLength(0);
  });

  it("is named the same in every account by its name, place, percentage and inclusiveness", () => {
    const name = taxRate.identity!.name!;
    const object = { display_name: "VAT", country: "DE", state: null, jurisdiction: null, percentage: 19 };
    expect(name({ ...object, inclusive: false }, {})).toBe("VAT DE 19% exclusive");
    expect(name({ ...object, jurisdiction: "DE-BY", percentage: 7.5, inclusive: true }, {})).toBe(
      "VAT DE-BY 7.5% inclusive",
    );
  });
});
