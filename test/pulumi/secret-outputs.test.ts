/**
 * Outputs a declaration marks secret are secret in a program: the resource class registers
 * them as `additionalSecretOutputs`, which the Pulumi engine encrypts in state and masks in
 * previews. Under Pulumi's mocks the engine is absent, so the mock monitor below does what the
 * engine does with that list, from the registration request itself.
 */
import * as pulumi from "@pulumi/pulumi";

const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as {
  MockMonitor: { prototype: { registerResource(req: any, callback: unknown): Promise<void> } };
};

/** The additional secret outputs each registration asked for, by resource name. */
const asked = new Map<string, string[]>();
const register = MockMonitor.prototype.registerResource;
MockMonitor.prototype.registerResource = function (req, callback) {
  asked.set(req.getName(), req.getAdditionalsecretoutputsList());
  return register.call(this, req, callback);
};

const SIGNING_SECRET = "whsec_programcanary0000";

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      // What the provider answers, then what the engine does with the secret outputs asked for.
      const state: Record<string, unknown> = { ...args.inputs, secret: SIGNING_SECRET, livemode: false };
      for (const key of asked.get(args.name) ?? []) state[key] = pulumi.secret(state[key]);
      return { id: `${args.name}-id`, state };
    },
    call: () => ({}),
  },
  "project",
  "stack",
  false,
);

// Loaded after the mocks are in place, as Pulumi's testing guide prescribes.
const billing = require("../../provider/index") as typeof import("../../provider/index");

const settled = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("secret outputs in a program", () => {
  it("a webhook endpoint's signing secret is registered secret, and the program reads it as one", async () => {
    const hook = new billing.WebhookEndpoint(
      "billing-events",
      { url: "https://example.com/stripe/webhooks", enabledEvents: ["invoice.paid"] },
      { additionalSecretOutputs: ["url"] },
    );
    expect(await pulumi.isSecret(hook.secret)).toBe(true);
    expect(await settled(hook.secret)).toBe(SIGNING_SECRET);
    // The program's own list is kept, the declaration's added.
    expect(asked.get("billing-events")).toEqual(["url", "secret"]);
    expect(await pulumi.isSecret(hook.livemode)).toBe(false);
  });

  it("resources with no secret output ask for none", async () => {
    const rate = new billing.TaxRate("vat", { displayName: "VAT", percentage: 19, inclusive: false });
    await settled(rate.id);
    expect(asked.get("vat")).toEqual([]);
  });
});
