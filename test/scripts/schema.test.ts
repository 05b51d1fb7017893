import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchema } from "../../scripts/schema";

describe("schema.json", () => {
  it("is up to date with the resource declarations (regenerate with `npm run schema`)", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(packageSchema())));
  });

  it("marks create-only inputs as replaceOnChanges", () => {
    const shippingRate = (packageSchema().resources as any)["stripe-billing:index:ShippingRate"];
    expect(shippingRate.inputProperties.displayName.replaceOnChanges).toBe(true);
    expect(shippingRate.inputProperties.metadata.replaceOnChanges).toBeUndefined();
    expect(shippingRate.requiredInputs).toEqual(["displayName", "fixedAmount"]);
  });
});
