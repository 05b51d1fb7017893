/**
 * `npm run bench`: figures, not pass/fail.
 *  1. Bytes of the serialized provider (`__provider`, kept twice per resource in state).
 *  2. 200 shipping-rate creates, 16 at a time, through the provider against the emulator
 *     limited to 25 requests/s: achieved rate as a fraction of the limit, 429s seen, failures.
 *  3. The same load through the official `stripe` SDK with its default settings.
 *  4. 200 shipping rates through the real Pulumi engine, declared as the dynamic resources and
 *     as the provider plugin's, side by side (see ./bench-engine and ./bench-plugin).
 *  5. Validating a 500-entry YAML billing spec offline (see ./bench-spec).
 *  6. Exporting an account of 500 objects as a spec: requests and time (see ./bench-export).
 * Ratios are measured in one run: the machine is shared and its speed varies.
 */
import * as pulumi from "@pulumi/pulumi";
import Stripe from "stripe";
import { startEmulator, type Emulator } from "../emulator";
import { providerShim } from "../provider/engine/shim";
import { DeclaredProvider } from "../provider/engine/provider";
import { declarations } from "../provider/resources";
import { shippingRate } from "../provider/resources/shipping-rate";
import { benchEngine, dynamicFrontEnd } from "./bench-engine";
import { benchExport } from "./bench-export";
import { pluginFrontEnd } from "./bench-plugin";
import { benchSpec } from "./bench-spec";

const LIMIT = 25;
const CREATES = 200;
const PARALLEL = 16;
const KEY = "sk_test_benchmark000000000000";

async function pool<T>(
  count: number,
  parallel: number,
  task: (i: number) => Promise<T>,
): Promise<PromiseSettledResult<T>[]> {
  const results: PromiseSettledResult<T>[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i).then(
          (value) => ({ status: "fulfilled", value }) as const,
          (reason) => ({ status: "rejected", reason }) as const,
        );
      }
    }),
  );
  return results;
}

async function load(name: string, emulator: Emulator, create: (i: number) => Promise<unknown>) {
  emulator.reset();
  emulator.setRateLimit(LIMIT);
  const started = performance.now();
  const results = await pool(CREATES, PARALLEL, create);
  const seconds = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.status === "fulfilled").length;
  const throttled = emulator.requests().filter((r) => r.status === 429).length;
  const rate = ok / seconds;
  console.log(
    `${name.padEnd(28)} ${ok}/${CREATES} created in ${seconds.toFixed(1)} s: ${rate.toFixed(1)} creates/s = ${(rate / LIMIT).toFixed(2)} of the limit; ` +
      `${throttled} requests answered 429; ${CREATES - ok} creates failed`,
  );
}

async function main() {
  console.log("Serialized provider (__provider) per resource type:");
  for (const type of Object.keys(declarations)) {
    // Serialized exactly as `pulumi.dynamic.Resource` does: a closure returning the provider object.
    const provider = providerShim(type);
    const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
    console.log(`  ${type.padEnd(24)} ${Buffer.byteLength(text)} bytes`);
  }

  const emulator = await startEmulator({ port: 0 });
  try {
    console.log(
      `\n${CREATES} shipping-rate creates, ${PARALLEL} in parallel, emulator limited to ${LIMIT} req/s:`,
    );
    const provider = new DeclaredProvider(shippingRate, {
      config: {
        "stripe-billing:apiKey": KEY,
        "stripe-billing:apiBase": emulator.url,
        "stripe-billing:rateLimit": String(LIMIT),
      },
      env: {},
    });
    await load("pulumi-stripe-billing", emulator, async (i) => {
      const { inputs } = await provider.check(
        {},
        { displayName: `Rate ${i}`, fixedAmount: { amount: 100 + i, currency: "usd" } },
      );
      return provider.create(inputs);
    });

    const url = new URL(emulator.url);
    const sdk = new Stripe(KEY, { host: url.hostname, port: Number(url.port), protocol: "http" });
    await load("stripe SDK (defaults)", emulator, (i) =>
      sdk.shippingRates.create({
        display_name: `Rate ${i}`,
        type: "fixed_amount",
        fixed_amount: { amount: 100 + i, currency: "usd" },
      }),
    );
  } finally {
    await emulator.close();
  }
  await benchEngine([dynamicFrontEnd(), pluginFrontEnd()]);
  benchSpec();
  await benchExport();
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
