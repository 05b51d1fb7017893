import type { Plain } from "../../provider/engine/values";
import {
  isSecretValue,
  markSecrets,
  revealed,
  revealProperties,
  secretValue,
} from "../../provider/plugin/wire-values";

/** Pulumi's envelope for a secret, written out as the engine sends it. */
const SECRET = (value: Plain) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

describe("protocol values", () => {
  it("marks a secret with Pulumi's signature, and knows one", () => {
    expect(secretValue("x")).toEqual(SECRET("x"));
    expect(isSecretValue(SECRET({ a: 1 }))).toBe(true);
    expect(isSecretValue({ value: "x" })).toBe(false);
    expect(isSecretValue({ "4dabf18193072939515e22adb298388d": "other", value: "x" })).toBe(false);
    expect(isSecretValue("x")).toBe(false);
  });

  it("reveals secrets at any depth, in objects and lists, and says there was one", () => {
    expect(revealed({ a: [1, SECRET("b")], c: { d: SECRET(SECRET("e")) } })).toEqual({
      value: { a: [1, "b"], c: { d: "e" } },
      secret: true,
    });
    expect(revealed({ a: [1, "b"] })).toEqual({ value: { a: [1, "b"] }, secret: false });
  });

  it("reveals properties, naming each top-level key that held a secret and dropping nulls", () => {
    const { props, secrets } = revealProperties({
      apiKey: SECRET("k"),
      metadata: { team: SECRET("ops"), tier: "gold" },
      description: null,
      name: "plain",
    });
    expect(props).toEqual({ apiKey: "k", metadata: { team: "ops", tier: "gold" }, name: "plain" });
    expect([...secrets].sort()).toEqual(["apiKey", "metadata"]);
    expect(revealProperties(undefined)).toEqual({ props: {}, secrets: new Set() });
  });

  it("marks the named top-level keys, leaving absent and undefined ones out", () => {
    const marked = markSecrets({ a: 1, b: { c: 2 }, d: undefined, e: "plain" }, ["a", "b", "d", "z"]);
    expect(marked).toEqual({ a: SECRET(1), b: SECRET({ c: 2 }), d: undefined, e: "plain" });
    expect(marked).not.toHaveProperty("z");
  });

  it("marks a key once, however often it is named and whether it arrived marked already", () => {
    // A secret input that the declaration also hands back secret, and config the engine sent marked.
    expect(markSecrets({ secret: "whsec_1" }, ["secret", "secret"])).toEqual({ secret: SECRET("whsec_1") });
    expect(markSecrets({ apiKey: SECRET("k") }, ["apiKey"])).toEqual({ apiKey: SECRET("k") });
  });

  it("round-trips: what is revealed and marked again is what arrived, per top-level key", () => {
    const sent = { a: SECRET("x"), b: { c: 1 }, d: SECRET([1, 2]) };
    const { props, secrets } = revealProperties(sent);
    expect(markSecrets(props, secrets)).toEqual(sent);
  });
});
