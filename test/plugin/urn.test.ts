import { PACKAGE, resourceNameOfUrn, resourceTypeOfUrn, typeToken } from "../../provider/plugin/urn";

describe("URNs", () => {
  it("names the package's types as schema.json does", () => {
    expect(PACKAGE).toBe("stripe-billing");
    expect(typeToken("ShippingRate")).toBe("stripe-billing:index:ShippingRate");
  });

  it.each([
    [
      "a top-level resource",
      "urn:pulumi:dev::shop::stripe-billing:index:ShippingRate::ground",
      "ShippingRate",
      "ground",
    ],
    [
      "a resource under a component",
      "urn:pulumi:dev::shop::stripe-billing:index:BillingSetup$stripe-billing:index:Price::billing-pro-monthly",
      "Price",
      "billing-pro-monthly",
    ],
    [
      "a resource under a component of another package",
      "urn:pulumi:dev::shop::my:index:Shop$stripe-billing:index:Product::pro",
      "Product",
      "pro",
    ],
    [
      "a name holding the separator",
      "urn:pulumi:dev::shop::stripe-billing:index:Coupon::a::b",
      "Coupon",
      "a::b",
    ],
  ])("reads the type and the name of %s", (_what, urn, type, name) => {
    expect(resourceTypeOfUrn(urn)).toBe(type);
    expect(resourceNameOfUrn(urn)).toBe(name);
  });

  it("reads no type from what is not a URN", () => {
    expect(resourceTypeOfUrn("")).toBe("");
    expect(resourceTypeOfUrn("ShippingRate")).toBe("");
  });
});
