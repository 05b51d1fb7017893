/**
 * Where the API key goes, through the real engine and a file backend. Pulumi stores the stack
 * config a dynamic provider receives as the inputs of the default provider resource: a key set
 * with `--secret` is kept there, encrypted; a key taken from STRIPE_API_KEY is read when an
 * operation runs and never enters state.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { ShippingRate } from "../../provider";
import { localStack, type LocalStack } from "../../scripts/local-stack";

const SECRET_KEY = "sk_test_e2ecredsecret4b8d2f";
const ENV_KEY = "sk_test_e2ecredenviron9c1e7a";

async function program(): Promise<Record<string, unknown>> {
  const rate = new ShippingRate("ground", {
    displayName: "Ground",
    fixedAmount: { amount: 500, currency: "usd" },
  });
  return { id: rate.id };
}

/** Every file of the file backend, as text. */
function rawState(local: LocalStack): string {
  return fs
    .readdirSync(local.stateDir, { recursive: true })
    .map((f) => path.join(local.stateDir, String(f)))
    .filter((f) => fs.statSync(f).isFile())
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
}

/** The inputs of the default dynamic provider in the exported state: where Pulumi keeps stack config. */
async function providerInputs(local: LocalStack, showSecrets: boolean): Promise<Record<string, unknown>> {
  const exported = await local.cli(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
  assert.equal(exported.code, 0, exported.stderr);
  const deployment = JSON.parse(exported.stdout).deployment as {
    resources: { type: string; inputs?: Record<string, unknown> }[];
  };
  const provider = deployment.resources.find((r) => r.type === "pulumi:providers:pulumi-nodejs");
  assert.ok(provider, "no default dynamic provider in state");
  return provider.inputs ?? {};
}

describe("the Stripe API key and Pulumi state", () => {
  let emulator: Emulator;
  const stacks: LocalStack[] = [];

  before(async () => {
    emulator = await startEmulator({ port: 0 });
  });

  after(async () => {
    for (const s of stacks) s.cleanup();
    await emulator?.close();
  });

  it("keeps a key set with --secret in state only as ciphertext", async () => {
    const local = await localStack({
      projectName: "credentials-secret",
      program,
      config: {
        "stripe-billing:apiKey": { value: SECRET_KEY, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
      },
    });
    stacks.push(local);
    await local.stack.up({ onOutput: () => undefined });
    assert.equal(emulator.requests({ method: "POST" }).length > 0, true);

    const state = rawState(local);
    assert.ok(!state.includes(SECRET_KEY), "the key is in state in plain text");
    const stored = (await providerInputs(local, false))["stripe-billing:apiKey"] as Record<string, unknown>;
    // Pulumi's secret envelope, holding ciphertext only.
    assert.equal(stored?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(typeof stored?.ciphertext, "string");
    assert.ok(!JSON.stringify(stored).includes(SECRET_KEY));
    // It is the key, encrypted: decrypted with the stack's passphrase it is the key again.
    const shown = (await providerInputs(local, true))["stripe-billing:apiKey"] as { plaintext?: string };
    assert.equal(JSON.parse(String(shown?.plaintext)), SECRET_KEY);
  });

  it("never stores a key taken from STRIPE_API_KEY, not even encrypted", async () => {
    const local = await localStack({
      projectName: "credentials-env",
      program,
      config: { "stripe-billing:apiBase": { value: emulator.url } },
      env: { STRIPE_API_KEY: ENV_KEY },
    });
    stacks.push(local);
    const before = emulator.requests({ method: "POST" }).length;
    await local.stack.up({ onOutput: () => undefined });
    const writes = emulator.requests({ method: "POST" }).slice(before);
    assert.ok(writes.length > 0, "the key from the environment did not reach Stripe");

    assert.ok(!rawState(local).includes(ENV_KEY), "the key is in state");
    const inputs = await providerInputs(local, true);
    assert.ok(!("stripe-billing:apiKey" in inputs), "an apiKey is in the provider's inputs");
    assert.ok(!JSON.stringify(inputs).includes(ENV_KEY), "the key is in the provider's inputs");
    // Refresh and destroy read the key from the environment too.
    await local.stack.refresh({ onOutput: () => undefined });
    await local.stack.destroy({ onOutput: () => undefined });
  });
});
