import { stateFigures } from "../../scripts/bench-engine";

/** A `pulumi stack export` holding the given resources. */
const exported = (resources: object[]) => JSON.stringify({ version: 3, deployment: { resources } });

const stack = { urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack" };
const providerResource = {
  urn: "urn:pulumi:s::p::pulumi:providers:stripe-billing::default",
  type: "pulumi:providers:stripe-billing",
  inputs: { apiBase: "http://127.0.0.1:1" },
  outputs: { apiBase: "http://127.0.0.1:1" },
};

describe("stateFigures", () => {
  it("counts a rate's inputs and outputs, and the serialized provider among them", () => {
    const inputs = { __provider: "exports.handler = 1;", displayName: "Rate 0" };
    const outputs = { __provider: "exports.handler = 1;", displayName: "Rate 0", livemode: false };
    const rate = {
      urn: "urn:pulumi:s::p::pulumi-nodejs:dynamic/stripe-billing:ShippingRate::rate-0",
      type: "pulumi-nodejs:dynamic/stripe-billing:ShippingRate",
      id: "shr_1",
      inputs,
      outputs,
      propertyDependencies: { displayName: [] },
    };
    const figures = stateFigures(exported([stack, providerResource, rate]));

    expect(figures.rates).toEqual([{ urn: rate.urn, id: "shr_1", inputs, outputs }]);
    expect(figures.perRate).toBe(JSON.stringify(inputs).length + JSON.stringify(outputs).length);
    expect(figures.provider).toBe(2 * JSON.stringify("exports.handler = 1;").length);
    expect(figures.hasProviderKey).toBe(true);
    expect(figures.entry).toBe(JSON.stringify(rate).length);
  });

  it("averages over the rates and sees no __provider where none is stored", () => {
    const rate = (i: number, name: string) => ({
      urn: `urn:pulumi:s::p::stripe-billing:index:ShippingRate::rate-${i}`,
      type: "stripe-billing:index:ShippingRate",
      id: `shr_${i}`,
      inputs: { displayName: name },
      outputs: { displayName: name },
    });
    const figures = stateFigures(exported([stack, providerResource, rate(0, "A"), rate(1, "Longer")]));

    const bytes = (name: string) => 2 * JSON.stringify({ displayName: name }).length;
    expect(figures.perRate).toBe((bytes("A") + bytes("Longer")) / 2);
    expect(figures.provider).toBe(0);
    expect(figures.hasProviderKey).toBe(false);
  });
});
