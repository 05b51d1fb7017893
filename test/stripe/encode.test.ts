import * as path from "node:path";
import { encodeForm, type FormParams, type FormValue } from "../../provider/stripe/encode";

// The official SDK's encoder, loaded from its own files: it is not part of its public exports.
const sdkUtils = require(path.join(path.dirname(require.resolve("stripe")), "utils.js")) as {
  queryStringifyRequestData(data: unknown): string;
};

/** A small seeded generator, so a failure names a corpus entry that can be reproduced. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STRINGS = [
  "",
  "plain",
  "with space",
  "ünïcødé",
  "日本語",
  "emoji 🚚",
  "a&b=c",
  "[brackets]",
  "!*()'",
  "100%",
  "line\nbreak",
  "+plus",
];
const KEYS = [
  "display_name",
  "metadata",
  "fixed_amount",
  "currency_options",
  "eur",
  "order-id",
  "ключ",
  "a b",
  "x[y]",
];

function generate(random: () => number, depth: number): FormValue {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const r = random();
  if (depth <= 0 || r < 0.35) {
    const kind = Math.floor(random() * 6);
    if (kind === 0) return pick(STRINGS);
    if (kind === 1) return Math.floor(random() * 100000) - 500;
    if (kind === 2) return random() < 0.5;
    if (kind === 3) return random() < 0.5 ? null : undefined;
    if (kind === 4) return Math.round(random() * 10000) / 100;
    return pick(STRINGS) + String(Math.floor(random() * 10));
  }
  if (r < 0.6) {
    const length = Math.floor(random() * 4);
    return Array.from({ length }, () => generate(random, depth - 1));
  }
  const out: FormParams = {};
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++)
    out[pick(KEYS) + (random() < 0.3 ? String(i) : "")] = generate(random, depth - 1);
  return out;
}

function corpus(size: number): FormParams[] {
  const random = rng(20261122);
  const items: FormParams[] = [];
  while (items.length < size) {
    const value = generate(random, 4);
    if (value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date))
      items.push(value);
  }
  return items;
}

describe("encodeForm", () => {
  const entries = corpus(300);

  it("matches the official SDK byte for byte on a generated corpus", () => {
    let nonEmpty = 0;
    entries.forEach((params, i) => {
      const ours = encodeForm(params);
      const theirs = sdkUtils.queryStringifyRequestData(params);
      if (ours !== theirs)
        throw new Error(
          `corpus entry ${i} differs:\n${JSON.stringify(params)}\nours:   ${ours}\ntheirs: ${theirs}`,
        );
      if (ours.length > 0) nonEmpty++;
    });
    expect(entries).toHaveLength(300);
    expect(nonEmpty).toBeGreaterThan(200);
  });

  it.each<[string, FormParams, string]>([
    [
      "nested objects",
      { fixed_amount: { amount: 500, currency: "usd" } },
      "fixed_amount[amount]=500&fixed_amount[currency]=usd",
    ],
    [
      "indexed arrays of objects",
      { items: [{ price: "p_1" }, { price: "p_2" }] },
      "items[0][price]=p_1&items[1][price]=p_2",
    ],
    ["empty string unsets", { tax_code: "" }, "tax_code="],
    ["null unsets", { tax_code: null }, "tax_code="],
    ["one metadata key removed", { metadata: { old: "" } }, "metadata[old]="],
    ["undefined dropped", { a: undefined, b: 1 }, "b=1"],
    ["empty array and object send nothing", { a: [], b: {} }, ""],
    ["booleans", { active: false }, "active=false"],
    ["unicode and reserved characters", { name: "Ünï (x)!" }, "name=%C3%9Cn%C3%AF%20%28x%29%21"],
    ["dates as unix seconds", { at: new Date(1700000000123) }, "at=1700000000"],
  ])("%s", (_name, params, expected) => {
    expect(encodeForm(params)).toBe(expected);
    expect(sdkUtils.queryStringifyRequestData(params)).toBe(expected);
  });
});
