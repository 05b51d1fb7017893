import { execFileSync } from "node:child_process";
import * as pulumi from "@pulumi/pulumi";
// The compiled shim, as users get it: its serialized text depends on the compiler's output.
const { providerShim } =
  require("../../dist/provider/engine/shim") as typeof import("../../provider/engine/shim");
import { declarations } from "../../provider/resources";
import { assertBuilt, makeProjectDir } from "../support/project";

/** Serializes a provider exactly as `pulumi.dynamic.Resource` does. */
async function serialize(provider: pulumi.dynamic.ResourceProvider): Promise<string> {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return sf.text;
}

const SECRET = "sk_test_shimcanary000000000000";

describe("the serialized provider shim", () => {
  beforeAll(assertBuilt);

  it.each(Object.keys(declarations))("%s stays under 2 KB and captures no secret or module", async (type) => {
    process.env.STRIPE_API_KEY = SECRET;
    const text = await serialize(providerShim(type));
    delete process.env.STRIPE_API_KEY;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/zod|undici|__awaiter.*require\("\.\//);
    expect(text).toContain('require("pulumi-stripe-billing/runtime")');
  });

  it("loads in a fresh Node process as the provider host does, then runs check with config from configure", async () => {
    const text = await serialize(providerShim("ShippingRate"));
    const project = makeProjectDir();
    try {
      const script = `
        const requireFromString = require(${JSON.stringify(require.resolve("require-from-string", { paths: [require.resolve("@pulumi/pulumi")] }))});
        const provider = requireFromString(process.env.SHIM_TEXT).handler();
        (async () => {
          await provider.configure({ config: { rawConfig: { "stripe-billing:apiKey": "sk_test_x", "other:secret": "nope" } } });
          if (typeof provider.create !== "function") throw new Error("configure attached no operations");
          const ok = await provider.check({}, { displayName: "Ground", fixedAmount: { amount: 500, currency: "USD" }, __provider: "p" });
          const bad = await provider.check({}, { displayName: "", fixedAmount: { amount: -1, currency: "usd" } });
          process.stdout.write(JSON.stringify({ ok, bad, config: provider.config }));
        })().catch((e) => { console.error(e); process.exit(1); });`;
      const out = execFileSync(process.execPath, ["-e", script], {
        cwd: project.dir,
        env: { ...process.env, SHIM_TEXT: text },
        encoding: "utf8",
      });
      const result = JSON.parse(out);
      expect(result.config).toEqual({ "stripe-billing:apiKey": "sk_test_x" });
      expect(result.ok.failures).toEqual([]);
      expect(result.ok.inputs).toMatchObject({
        fixedAmount: { currency: "usd" },
        active: true,
        __provider: "p",
      });
      expect(result.bad.failures.map((f: { property: string }) => f.property).sort()).toEqual([
        "displayName",
        "fixedAmount",
      ]);
      expect(result.bad.failures[0].reason).toMatch(
        /ShippingRate: \[\w+\] (displayName|fixedAmount\.amount):/,
      );
    } finally {
      project.cleanup();
    }
  });
});
