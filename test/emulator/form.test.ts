import { parseForm } from "../../emulator/form";

describe("parseForm", () => {
  it.each([
    ["a=1&b=two", { a: "1", b: "two" }],
    [
      "fixed_amount[amount]=500&fixed_amount[currency]=usd",
      { fixed_amount: { amount: "500", currency: "usd" } },
    ],
    ["items[0][price]=p1&items[1][price]=p2", { items: [{ price: "p1" }, { price: "p2" }] }],
    ["expand[]=a&expand[]=b", { expand: ["a", "b"] }],
    ["items[1][q]=2&items[0][q]=1", { items: [{ q: "1" }, { q: "2" }] }],
    ["metadata[key]=&tax_code=", { metadata: { key: "" }, tax_code: "" }],
    ["name=%C3%9Cn%C3%AF+%28x%29%21", { name: "Ünï (x)!" }],
    ["a%5Bb%5D=1", { a: { b: "1" } }],
    ["", {}],
  ])("%s", (text, expected) => {
    expect(parseForm(text)).toEqual(expected);
  });
});
