import { z } from "zod";
import { validateInputs } from "../../provider/engine/check";
import { UNKNOWN } from "../../provider/engine/values";

const schema = z.strictObject({
  name: z.string().min(1),
  amount: z.object({ value: z.number().int(), currency: z.string().length(3) }),
  active: z.boolean().default(true),
  metadata: z.record(z.string(), z.string()).optional(),
});

describe("validateInputs", () => {
  it("applies defaults and prunes empty values", () => {
    const outcome = validateInputs(schema, {
      name: "a",
      amount: { value: 1, currency: "usd" },
      metadata: {},
    });
    expect(outcome).toEqual({
      ok: true,
      inputs: { name: "a", amount: { value: 1, currency: "usd" }, active: true },
    });
  });

  it("names the nested input path and a code", () => {
    const outcome = validateInputs(schema, { name: "a", amount: { value: 1.5, currency: "usd" } });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.issues).toEqual([
        expect.objectContaining({ path: "amount.value", code: "invalid_type" }),
      ]);
  });

  it("names unknown keys", () => {
    const outcome = validateInputs(schema, {
      name: "a",
      amount: { value: 1, currency: "usd" },
      colour: "red",
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok)
      expect(outcome.issues[0]).toMatchObject({
        code: "unrecognized_keys",
        message: expect.stringContaining("colour"),
      });
  });

  it("does not judge values that are unknown at preview", () => {
    expect(validateInputs(schema, { name: UNKNOWN, amount: UNKNOWN }).ok).toBe(true);
    expect(validateInputs(schema, { name: "a", amount: { value: UNKNOWN, currency: "usd" } }).ok).toBe(true);
  });

  it("puts inputs holding unknowns in canonical form: defaults filled in, unknowns where they were", () => {
    const wider = schema.extend({
      limit: z.number().int().optional(),
      tags: z.array(z.string().regex(/^t_/)),
    });
    const amount = { value: 1, currency: "usd" };
    const outcome = validateInputs(wider, { name: "a", amount, limit: UNKNOWN, tags: ["t_1", UNKNOWN] });
    expect(outcome).toEqual({
      ok: true,
      inputs: { name: "a", amount, active: true, limit: UNKNOWN, tags: ["t_1", UNKNOWN] },
    });
  });

  it("keeps inputs as given when the known values alone do not parse", () => {
    const news = { name: "a", amount: { value: UNKNOWN, currency: "usd" } };
    expect(validateInputs(schema, news)).toEqual({ ok: true, inputs: news });
  });

  it("still judges the known values beside unknown ones", () => {
    const outcome = validateInputs(schema, { name: "", amount: UNKNOWN });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.issues.map((i) => i.path)).toEqual(["name"]);
  });
});
