import {
  formatPath,
  parsePath,
  pathStartsWith,
  pathsOverlap,
  sitesAt,
  withoutPath,
} from "../../provider/engine/paths";
import type { PlainObject } from "../../provider/engine/values";

describe("path grammar", () => {
  it.each([
    ["", []],
    ["metadata", ["metadata"]],
    ["fixedAmount.currencyOptions.*", ["fixedAmount", "currencyOptions", "*"]],
    ["phases[].items[].price", ["phases", "[]", "items", "[]", "price"]],
    [
      "features.subscriptionUpdate.products[].prices[]",
      ["features", "subscriptionUpdate", "products", "[]", "prices", "[]"],
    ],
    ["grid[][]", ["grid", "[]", "[]"]],
  ])("parses %j", (written, segments) => {
    expect(parsePath(written)).toEqual(segments);
    expect(formatPath(segments)).toBe(written);
  });
});

describe("pathStartsWith", () => {
  it.each([
    [["fixedAmount", "currencyOptions", "eur", "amount"], "fixedAmount.currencyOptions.*", true],
    [["fixedAmount", "currencyOptions"], "fixedAmount.currencyOptions.*", false],
    [["phases", "0", "items", "1", "metadata"], "phases[].items[].metadata", true],
    // `[]` stands for a list index, not for a map key.
    [["phases", "eur", "items", "1", "metadata"], "phases[].items[].metadata", false],
    [["metadata", "7"], "metadata.*", true],
    [["nickname"], "lookupKey", false],
    // A path written for every element matches the pattern too (a mapper converting one phase).
    [["phases", "[]", "metadata"], "phases[].metadata", true],
  ])("%j under %s: %s", (path, pattern, expected) => {
    expect(pathStartsWith(path, parsePath(pattern))).toBe(expected);
  });

  it("with exact, asks for the whole path", () => {
    expect(pathStartsWith(["metadata", "a"], ["metadata"], true)).toBe(false);
    expect(pathStartsWith(["metadata", "a"], ["metadata", "*"], true)).toBe(true);
  });
});

describe("pathsOverlap", () => {
  it.each([
    [["recurring"], "recurring.interval", true],
    [["recurring", "interval"], "recurring", true],
    [["recurring", "interval"], "recurring.usageType", false],
    [["currencyOptions", "eur", "unitAmount"], "currencyOptions.*", true],
    [["currencyOptions"], "currencyOptions.*.unitAmount", true],
    [["nickname"], "currencyOptions", false],
  ])("%j and %s: %s", (path, pattern, expected) => {
    expect(pathsOverlap(path, parsePath(pattern))).toBe(expected);
  });
});

describe("sitesAt", () => {
  const schedule = (): PlainObject => ({
    phases: [
      { items: [{ price: "price_a" }, { quantity: 2 }] },
      { items: [{ price: { lookupKey: "pro" } }] },
      { metadata: { a: "1" } },
    ],
    metadata: { a: "1", b: "2" },
  });

  it("reaches each element of each list, skipping absent values", () => {
    const sites = sitesAt(schedule(), parsePath("phases[].items[].price"));
    expect(sites.map((s) => [s.path, s.value])).toEqual([
      [["phases", "0", "items", "0", "price"], "price_a"],
      [["phases", "1", "items", "0", "price"], { lookupKey: "pro" }],
    ]);
  });

  it("reaches every key of a map with *", () => {
    expect(sitesAt(schedule(), parsePath("metadata.*")).map((s) => s.path)).toEqual([
      ["metadata", "a"],
      ["metadata", "b"],
    ]);
  });

  it("reaches nothing where the pattern does not fit the value's shape", () => {
    expect(sitesAt(schedule(), parsePath("phases.items"))).toEqual([]);
    expect(sitesAt(schedule(), parsePath("metadata[]"))).toEqual([]);
  });

  it("replaces a value in place", () => {
    const value = schedule();
    for (const site of sitesAt(value, parsePath("phases[].items[].price"))) site.set("price_x");
    expect(sitesAt(value, parsePath("phases[].items[].price")).map((s) => s.value)).toEqual([
      "price_x",
      "price_x",
    ]);
  });
});

describe("withoutPath", () => {
  it("drops what the pattern reaches and objects left empty, leaving the input untouched", () => {
    const value = { settings: { invoice: { daysUntilDue: 30 } }, name: "a" };
    expect(withoutPath(value, parsePath("settings.invoice.daysUntilDue"))).toEqual({ name: "a" });
    expect(value.settings.invoice.daysUntilDue).toBe(30);
  });

  it("drops every key of a map, and the elements of each list", () => {
    const value = { metadata: { a: "1" }, phases: [{ metadata: { b: "2" }, n: 1 }] };
    expect(withoutPath(value, parsePath("phases[].metadata.*"))).toEqual({
      metadata: { a: "1" },
      phases: [{ n: 1 }],
    });
    expect(withoutPath(value, parsePath("phases[]"))).toEqual({ metadata: { a: "1" }, phases: [] });
  });
});
