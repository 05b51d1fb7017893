/**
 * The real-engine section of `npm run bench`: 200 shipping rates through the Pulumi CLI and
 * engine against the emulator limited to 25 requests/s — `up` (create), `preview` with no
 * change, `refresh`, `up` changing metadata on all, `destroy` — then the engine's own cost per
 * resource with no rate limit, the state's bytes per resource, and the provider host's peak
 * memory. One run, printed as a table.
 */
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type Emulator, type RequestRecord } from "../emulator";
import { ShippingRate } from "../provider";
import { localStack, type LocalStack } from "./local-stack";

const RATES = 200;
const LIMIT = 25;
const KEY = "sk_test_benchengine0000000";

function program(count: number) {
  return async () => {
    const tier = new pulumi.Config().get("tier");
    for (let i = 0; i < count; i++) {
      new ShippingRate(`rate-${i}`, {
        displayName: `Rate ${i}`,
        fixedAmount: { amount: 100 + i, currency: "usd" },
        ...(tier ? { metadata: { tier } } : {}),
      });
    }
  };
}

/** Peak resident memory of provider hosts seen while `fn` runs (Linux /proc; 0 elsewhere). */
async function watchHosts<T>(fn: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = 0;
  const sample = () => {
    if (!fs.existsSync("/proc")) return;
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
        if (!cmdline.includes("dynamic-provider")) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${entry}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {
        // Gone meanwhile.
      }
    }
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await fn();
    sample();
    return { result, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

interface Row {
  step: string;
  seconds: number;
  requests: number;
  throttled: number;
  failed: number;
  /** Requests per second over the wall time, and over the first to last request, as fractions of the limit. */
  ofLimitWall?: number;
  ofLimitWindow?: number;
}

async function measure(step: string, emulator: Emulator, fn: () => Promise<unknown>): Promise<Row> {
  const since = emulator.requests().length;
  const started = Date.now();
  await fn();
  const seconds = (Date.now() - started) / 1000;
  const records: RequestRecord[] = emulator.requests().slice(since);
  const requests = records.length;
  const window =
    requests > 1
      ? ((records[requests - 1].receivedMs ?? 0) - (records[0].receivedMs ?? 0)) / 1000
      : undefined;
  return {
    step,
    seconds,
    requests,
    throttled: records.filter((r) => r.status === 429).length,
    failed: records.filter((r) => r.status >= 400 && r.status !== 429).length,
    ofLimitWall: requests > 0 ? requests / seconds / LIMIT : undefined,
    ofLimitWindow: window ? (requests - 1) / window / LIMIT : undefined,
  };
}

function stackOf(emulator: Emulator, name: string, rateLimit: number): Promise<LocalStack> {
  return localStack({
    projectName: name,
    program: program(RATES),
    config: {
      "stripe-billing:apiKey": { value: KEY, secret: true },
      "stripe-billing:apiBase": { value: emulator.url },
      "stripe-billing:rateLimit": { value: String(rateLimit) },
    },
  });
}

/** State bytes per rate, and the part of them the serialized provider takes. */
async function stateFigures(local: LocalStack): Promise<{ perResource: number; provider: number }> {
  const exported = await local.cli(["stack", "export"]);
  const resources = (JSON.parse(exported.stdout).deployment.resources ?? []) as {
    type: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
  }[];
  const rates = resources.filter((r) => r.type.endsWith("ShippingRate"));
  const bytes = rates.reduce((n, r) => n + Buffer.byteLength(JSON.stringify(r)), 0);
  const provider = rates.reduce(
    (n, r) =>
      n +
      Buffer.byteLength(JSON.stringify(r.inputs?.__provider ?? "")) +
      Buffer.byteLength(JSON.stringify(r.outputs?.__provider ?? "")),
    0,
  );
  return { perResource: bytes / rates.length, provider: provider / rates.length };
}

/**
 * The targets next to the figures; where one is missed, the measured reason. The
 * engine issues a create only as fast as it works through resources, so when its own cost per
 * resource (measured with no limit) exceeds 1/limit, no provider can fill the limit.
 */
function explainTargets(
  rows: Row[],
  engineSecondsPerResource: number,
  state: { perResource: number; provider: number },
  peakMiB: number,
): void {
  const create = rows[0];
  const preview = rows[1];
  const engineRate = 1 / engineSecondsPerResource;
  const lines = [
    `create: ${fixed(create.ofLimitWall, 2)} of the limit over wall time (target ≥ 0.75), ${fixed(create.ofLimitWindow, 2)} in the request window (target ≥ 0.95)` +
      (engineRate < LIMIT
        ? ` — the engine alone handles ${engineRate.toFixed(1)} resources/s on this machine with no limit at all, below the ${LIMIT}/s limit, so the limit cannot be filled here`
        : ""),
    `preview: ${fixed(preview.seconds, 1)} s with 0 requests (target ≤ 2 s) — all of it engine and program time: the provider sends nothing and answers check/diff from memory`,
    `state: ${state.perResource.toFixed(0)} bytes per rate (target ≤ 1,500), provider ${state.provider.toFixed(0)} (target ≤ 400) — the engine stores the serialized provider twice (inputs and outputs) and JSON-escapes it; without it a rate takes ${(state.perResource - state.provider).toFixed(0)} bytes`,
    `provider host: ${peakMiB.toFixed(0)} MiB peak (target ≤ 120) — the host is Pulumi's own Node.js dynamic-provider process (the SDK and gRPC); this package adds its runtime to it`,
  ];
  console.log("\nAgainst the targets:");
  for (const line of lines) console.log(`  ${line}`);
}

const fixed = (n: number | undefined, digits: number) => (n === undefined ? "—" : n.toFixed(digits));

export async function benchEngine(): Promise<void> {
  const emulator = await startEmulator({ port: 0, rateLimit: LIMIT });
  const quiet = { onOutput: () => undefined };
  const rows: Row[] = [];
  let local: LocalStack | undefined;
  let free: LocalStack | undefined;
  try {
    local = await stackOf(emulator, "bench", LIMIT);
    const stack = local.stack;
    const { peakMiB } = await watchHosts(async () => {
      rows.push(await measure("up (create)", emulator, () => stack.up(quiet)));
      rows.push(
        await measure("preview (no change)", emulator, () =>
          stack.preview({ ...quiet, expectNoChanges: true }),
        ),
      );
      rows.push(await measure("refresh", emulator, () => stack.refresh(quiet)));
      await stack.setConfig("tier", { value: "gold" });
      rows.push(await measure("up (metadata on all)", emulator, () => stack.up(quiet)));
    });
    const state = await stateFigures(local);
    rows.push(await measure("destroy", emulator, () => stack.destroy(quiet)));

    // The engine's own cost: the same up and destroy with no limit anywhere.
    emulator.setRateLimit(undefined);
    free = await stackOf(emulator, "bench-free", 100_000);
    const upFree = await measure("up, no rate limit", emulator, () => free!.stack.up(quiet));
    const destroyFree = await measure("destroy, no rate limit", emulator, () => free!.stack.destroy(quiet));

    console.log(
      `\nThrough the Pulumi engine: ${RATES} shipping rates, emulator and provider limited to ${LIMIT} req/s`,
    );
    console.log(
      `${"step".padEnd(24)} ${"wall s".padStart(7)} ${"requests".padStart(9)} ${"429s".padStart(5)} ${"failed".padStart(7)} ${"of limit (wall)".padStart(16)} ${"of limit (window)".padStart(18)}`,
    );
    for (const r of rows) {
      console.log(
        `${r.step.padEnd(24)} ${fixed(r.seconds, 1).padStart(7)} ${String(r.requests).padStart(9)} ${String(r.throttled).padStart(5)} ${String(r.failed).padStart(7)} ${fixed(r.ofLimitWall, 2).padStart(16)} ${fixed(r.ofLimitWindow, 2).padStart(18)}`,
      );
    }
    console.log(
      `engine cost per resource, no rate limit: up ${((upFree.seconds * 1000) / RATES).toFixed(0)} ms, destroy ${((destroyFree.seconds * 1000) / RATES).toFixed(0)} ms (${upFree.requests} and ${destroyFree.requests} requests)`,
    );
    console.log(
      `state per shipping rate: ${state.perResource.toFixed(0)} bytes, of which the serialized provider (stored twice) ${state.provider.toFixed(0)} (${((100 * state.provider) / state.perResource).toFixed(0)}%)`,
    );
    console.log(`provider host peak memory (VmHWM): ${peakMiB.toFixed(0)} MiB`);
    explainTargets(rows, upFree.seconds / RATES, state, peakMiB);
  } finally {
    local?.cleanup();
    free?.cleanup();
    await emulator.close();
  }
}
