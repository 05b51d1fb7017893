/**
 * The real-engine section of `npm run bench`: 200 shipping rates through the Pulumi CLI and
 * engine against the emulator limited to 25 requests/s, once per front end — the dynamic
 * resources (this package's classes, run by Pulumi's Node.js dynamic-provider host) and the
 * provider plugin (./bench-plugin) — printed side by side: `up` (create), `preview` with no
 * change, `refresh`, `up` changing metadata on all, `destroy`; the state's bytes per rate; the
 * provider process's peak memory; the engine's own time per create with no rate limit. Under
 * the table, what bounds each figure, from the same run's measurements.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { startEmulator, type Emulator, type RequestRecord } from "../emulator";
import { ShippingRate, type ShippingRateArgs } from "../provider";
import type { PlainObject } from "../provider/engine/values";
import { providerFor } from "../provider/runtime";
import { localStack, pulumiBin, REPO_ROOT, type LocalStack } from "./local-stack";

const RATES = 200;
const LIMIT = 25;
/** A rate limit no run reaches: what the engine does with the limiter out of the way. */
const UNLIMITED = 100_000;
const KEY = "sk_test_benchengine0000000";
/** Seconds the limiter needs for one request per rate. */
const LIMITER_FLOOR = RATES / LIMIT;

/** One shipping rate as `pulumi stack export` holds it. */
export interface RateState {
  urn: string;
  id: string;
  inputs: PlainObject;
  outputs: PlainObject;
}

/** The provider settings both front ends get, as the stack config `stripe-billing:<key>`. */
export interface ProviderSettings {
  apiKey: string;
  apiBase: string;
  rateLimit: string;
}

/** One way a program declares the rates, and the process that serves them. */
export interface FrontEnd {
  /** Column heading. */
  name: string;
  /** Declares one shipping rate in the running Pulumi program. */
  declare(name: string, props: Record<string, unknown>): void;
  /** Environment for the CLI. */
  env?: Record<string, string>;
  /** Whether a command line (NUL-separated arguments) is this front end's provider process. */
  isProviderProcess(cmdline: string): boolean;
  /** The executable the CLI starts as the provider, timed alone. */
  launcher: string;
  /** Check and Diff of each unchanged rate in this process, as the provider process runs them; how many differ. */
  checkAndDiff(settings: ProviderSettings, rates: RateState[]): Promise<number>;
}

export function dynamicFrontEnd(): FrontEnd {
  return {
    name: "dynamic",
    declare: (name, props) => new ShippingRate(name, props as unknown as ShippingRateArgs),
    // The launcher's own `node -e` that finds the host script names `dynamic-provider` too.
    isProviderProcess: (cmdline) => cmdline.includes(path.join("dynamic-provider", "index.js")),
    launcher: path.join(pulumiBin(), "pulumi-resource-pulumi-nodejs"),
    async checkAndDiff(settings, rates) {
      const provider = providerFor(
        "ShippingRate",
        Object.fromEntries(Object.entries(settings).map(([k, v]) => [`stripe-billing:${k}`, v])),
      );
      let changed = 0;
      for (const rate of rates) {
        const { inputs } = await provider.check(rate.inputs, rate.inputs);
        if ((await provider.diff(rate.id, rate.outputs, inputs)).changes) changed++;
      }
      return changed;
    },
  };
}

function program(front: FrontEnd, count: number) {
  return async () => {
    const tier = new pulumi.Config().get("tier");
    for (let i = 0; i < count; i++) {
      front.declare(`rate-${i}`, {
        displayName: `Rate ${i}`,
        fixedAmount: { amount: 100 + i, currency: "usd" },
        ...(tier ? { metadata: { tier } } : {}),
      });
    }
  };
}

/** What the kernel says of a process: its parent and CPU seconds (the command name may hold spaces). */
function statOf(pid: number): { parent: number; cpuSeconds: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime, in clock ticks; the children's share is left out (they are counted themselves).
  return {
    parent: Number(fields[1]),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond(),
  };
}

let clockTicks: number | undefined;
/** The kernel's CPU time unit, per second (asked once, where there is a /proc to read). */
const ticksPerSecond = () =>
  (clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" })));

function highWaterMiB(pid: number): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return hwm ? Number(hwm[1]) / 1024 : 0;
}

/** Peak memory of the provider process, and CPU seconds by process, while a command runs. */
export interface ProcessFigures {
  /** VmHWM of the provider process (0 where there is no /proc). */
  peakMiB: number;
  /** CPU seconds of the Pulumi CLI (the engine), the provider process, and this process (program, emulator). */
  cpu: { engine: number; provider: number; here: number };
}

/**
 * Samples this process's descendants while `fn` runs: the Pulumi CLI and the provider it
 * starts, found by command line. Other checkouts on the machine may run the same provider, so
 * only descendants count. The CLI ends the provider as the command ends: sampled often, the
 * growth missed at the very end is small.
 */
async function watchProcesses<T>(
  front: FrontEnd,
  fn: () => Promise<T>,
): Promise<{ result: T; figures: ProcessFigures }> {
  const figures: ProcessFigures = { peakMiB: 0, cpu: { engine: 0, provider: 0, here: 0 } };
  const foreign = new Set<number>();
  const lastCpu = new Map<number, { kind: "engine" | "provider"; seconds: number }>();
  const descends = (pid: number) => {
    for (let p = pid, hops = 0; p > 1 && hops < 16; hops++) {
      p = statOf(p).parent;
      if (p === process.pid) return true;
    }
    return false;
  };
  const sample = () => {
    if (!fs.existsSync("/proc")) return;
    for (const entry of fs.readdirSync("/proc")) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || foreign.has(pid)) continue;
      try {
        if (!descends(pid)) {
          foreign.add(pid);
          continue;
        }
        // Read every time: a launcher script execs the provider under the same process id.
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
        const kind = front.isProviderProcess(cmdline)
          ? "provider"
          : path.basename(cmdline.split("\0")[0]) === "pulumi"
            ? "engine"
            : undefined;
        if (!kind) continue;
        lastCpu.set(pid, { kind, seconds: statOf(pid).cpuSeconds });
        if (kind === "provider") figures.peakMiB = Math.max(figures.peakMiB, highWaterMiB(pid));
      } catch {
        // Gone meanwhile.
      }
    }
  };
  const before = process.cpuUsage();
  const timer = setInterval(sample, 50);
  try {
    const result = await fn();
    sample();
    const here = process.cpuUsage(before);
    figures.cpu.here = (here.user + here.system) / 1e6;
    for (const { kind, seconds } of lastCpu.values()) figures.cpu[kind] += seconds;
    return { result, figures };
  } finally {
    clearInterval(timer);
  }
}

/**
 * The provider executable started alone, as the CLI starts it (an engine address argument; the
 * engine is not contacted before a request): seconds until it prints its port, and its memory
 * then, before any resource. The median of three starts.
 */
async function providerStart(front: FrontEnd): Promise<{ seconds: number; idleMiB: number }> {
  const runs: { seconds: number; idleMiB: number }[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const child = spawn(front.launcher, ["127.0.0.1:1"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "ignore"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.once("data", () => resolve());
        child.once("error", reject);
        child.once("exit", (code) =>
          reject(new Error(`${front.launcher} exited (${code}) before printing its port`)),
        );
      });
      runs.push({ seconds: (performance.now() - started) / 1000, idleMiB: highWaterMiB(child.pid!) });
    } finally {
      child.kill();
    }
  }
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[1];
}

interface Row extends ProcessFigures {
  seconds: number;
  requests: number;
  throttled: number;
  failed: number;
  /** Requests per second over the wall time, and over the first to last request, as fractions of the limit. */
  ofLimitWall?: number;
  ofLimitWindow?: number;
}

async function measure(front: FrontEnd, emulator: Emulator, fn: () => Promise<unknown>): Promise<Row> {
  const since = emulator.requests().length;
  const started = performance.now();
  const { figures } = await watchProcesses(front, fn);
  const seconds = (performance.now() - started) / 1000;
  const records: RequestRecord[] = emulator.requests().slice(since);
  const requests = records.length;
  const window =
    requests > 1
      ? ((records[requests - 1].receivedMs ?? 0) - (records[0].receivedMs ?? 0)) / 1000
      : undefined;
  return {
    ...figures,
    seconds,
    requests,
    throttled: records.filter((r) => r.status === 429).length,
    failed: records.filter((r) => r.status >= 400 && r.status !== 429).length,
    ofLimitWall: requests > 0 ? requests / seconds / LIMIT : undefined,
    ofLimitWindow: window ? (requests - 1) / window / LIMIT : undefined,
  };
}

function settingsOf(emulator: Emulator, rateLimit: number): ProviderSettings {
  return { apiKey: KEY, apiBase: emulator.url, rateLimit: String(rateLimit) };
}

function stackOf(
  front: FrontEnd,
  settings: ProviderSettings,
  name: string,
  count: number,
  env: Record<string, string> = {},
): Promise<LocalStack> {
  return localStack({
    projectName: `bench-${front.name}-${name}`,
    program: program(front, count),
    env: { ...front.env, ...env },
    config: {
      "stripe-billing:apiKey": { value: settings.apiKey, secret: true },
      "stripe-billing:apiBase": { value: settings.apiBase },
      "stripe-billing:rateLimit": { value: settings.rateLimit },
    },
  });
}

export interface StateFigures {
  rates: RateState[];
  /** Bytes of a rate's inputs and outputs in `pulumi stack export`, on average. */
  perRate: number;
  /** The part of them the serialized provider (`__provider`, in inputs and outputs) takes. */
  provider: number;
  /** Whether any rate holds a `__provider` key at all. */
  hasProviderKey: boolean;
  /** Bytes of a rate's whole entry: also its URN, provider reference, dependencies, source position. */
  entry: number;
}

/** Per-rate state figures from `pulumi stack export` output. */
export function stateFigures(exported: string): StateFigures {
  const resources = (JSON.parse(exported).deployment.resources ?? []) as {
    urn: string;
    type: string;
    id?: string;
    inputs?: PlainObject;
    outputs?: PlainObject;
  }[];
  const entries = resources.filter((r) => r.type.endsWith("ShippingRate"));
  const rates = entries.map((r) => ({
    urn: r.urn,
    id: r.id ?? "",
    inputs: r.inputs ?? {},
    outputs: r.outputs ?? {},
  }));
  const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));
  const sum = (f: (r: RateState) => number) => rates.reduce((n, r) => n + f(r), 0) / (rates.length || 1);
  return {
    rates,
    perRate: sum((r) => bytes(r.inputs) + bytes(r.outputs)),
    provider: sum((r) => bytes(r.inputs.__provider) + bytes(r.outputs.__provider)),
    hasProviderKey: rates.some((r) => "__provider" in r.inputs || "__provider" in r.outputs),
    entry: entries.reduce((n, r) => n + bytes(r), 0) / (entries.length || 1),
  };
}

/** Everything measured for one front end. */
interface Column {
  front: FrontEnd;
  up: Row;
  preview: Row;
  refresh: Row;
  update: Row;
  destroy: Row;
  start: { seconds: number; idleMiB: number };
  state: StateFigures;
  /** Check + Diff per unchanged rate inside the provider, in this process. */
  checkDiffMs: number;
  checkDiffChanged: number;
  emptyUp: Row;
  emptyPreview: Row;
  upFree: Row;
  /** The same with the file backend writing state once at the end instead of after every step. */
  upFreeOneCheckpoint: Row;
}

async function measureFrontEnd(front: FrontEnd, emulator: Emulator): Promise<Column> {
  const quiet = { onOutput: () => undefined };
  const run = (fn: () => Promise<unknown>) => measure(front, emulator, fn);
  const stacks: LocalStack[] = [];
  try {
    emulator.setRateLimit(LIMIT);
    const limited = settingsOf(emulator, LIMIT);
    const local = await stackOf(front, limited, "limited", RATES);
    stacks.push(local);
    const stack = local.stack;
    const up = await run(() => stack.up(quiet));
    const state = stateFigures((await local.cli(["stack", "export"])).stdout);
    const preview = await run(() => stack.preview({ ...quiet, expectNoChanges: true }));
    const refresh = await run(() => stack.refresh(quiet));
    await stack.setConfig("tier", { value: "gold" });
    const update = await run(() => stack.up(quiet));
    const destroy = await run(() => stack.destroy(quiet));

    const started = performance.now();
    const checkDiffChanged = await front.checkAndDiff(limited, state.rates);
    const checkDiffMs = (performance.now() - started) / state.rates.length;
    const start = await providerStart(front);

    // The engine's own cost: the same up with no limit anywhere, against an up with no resources.
    emulator.setRateLimit(undefined);
    const free = settingsOf(emulator, UNLIMITED);
    const empty = await stackOf(front, free, "empty", 0);
    stacks.push(empty);
    const emptyUp = await run(() => empty.stack.up(quiet));
    const emptyPreview = await run(() => empty.stack.preview(quiet));
    const unlimited = await stackOf(front, free, "unlimited", RATES);
    stacks.push(unlimited);
    const upFree = await run(() => unlimited.stack.up(quiet));
    const once = await stackOf(front, free, "one-checkpoint", RATES, { PULUMI_SKIP_CHECKPOINTS: "true" });
    stacks.push(once);
    const upFreeOneCheckpoint = await run(() => once.stack.up(quiet));
    return {
      front,
      up,
      preview,
      refresh,
      update,
      destroy,
      start,
      state,
      checkDiffMs,
      checkDiffChanged,
      emptyUp,
      emptyPreview,
      upFree,
      upFreeOneCheckpoint,
    };
  } finally {
    for (const s of stacks) s.cleanup();
  }
}

const fixed = (n: number | undefined, digits: number) => (n === undefined ? "—" : n.toFixed(digits));
const ms = (seconds: number) => (seconds * 1000).toFixed(0);
const cpu = (r: Row) => [r.cpu.engine, r.cpu.here, r.cpu.provider].map((n) => n.toFixed(1)).join(" / ");

/** Milliseconds per rate of a preview that the engine start and the provider start do not explain. */
const previewPerRate = (c: Column) =>
  ((c.preview.seconds - c.emptyPreview.seconds - c.start.seconds) * 1000) / RATES;
const enginePerCreate = (c: Column, up = c.upFree) => ((up.seconds - c.emptyUp.seconds) * 1000) / RATES;
/** The best fraction of the limit an up can reach over its wall time, given the start-up it cannot avoid. */
const ceiling = (c: Column) => LIMITER_FLOOR / (LIMITER_FLOOR + c.emptyUp.seconds + c.start.seconds);

function printTable(columns: Column[]): void {
  const rows: [string, (c: Column) => string][] = [
    ["up, create 200: wall s", (c) => fixed(c.up.seconds, 1)],
    ["  requests sent (429s, failed)", (c) => `${c.up.requests} (${c.up.throttled}, ${c.up.failed})`],
    ["  of the limit over wall time", (c) => fixed(c.up.ofLimitWall, 2)],
    ["    ceiling set by start-up", (c) => fixed(ceiling(c), 2)],
    ["  of the limit, first to last request", (c) => fixed(c.up.ofLimitWindow, 2)],
    ["  CPU s: engine / program / provider", (c) => cpu(c.up)],
    ["preview, 200 unchanged: wall s (≤ 2)", (c) => fixed(c.preview.seconds, 1)],
    ["  requests sent", (c) => String(c.preview.requests)],
    ["  engine start (empty preview) s", (c) => fixed(c.emptyPreview.seconds, 1)],
    ["  provider process start s", (c) => fixed(c.start.seconds, 2)],
    ["  per rate, the rest / 200: ms", (c) => previewPerRate(c).toFixed(1)],
    ["    provider's own Check + Diff ms", (c) => c.checkDiffMs.toFixed(2)],
    ["  CPU s: engine / program / provider", (c) => cpu(c.preview)],
    ["refresh: wall s (requests)", (c) => `${fixed(c.refresh.seconds, 1)} (${c.refresh.requests})`],
    ["up, metadata on all: wall s (requests)", (c) => `${fixed(c.update.seconds, 1)} (${c.update.requests})`],
    ["  of the limit, first to last request", (c) => fixed(c.update.ofLimitWindow, 2)],
    ["destroy: wall s (requests)", (c) => `${fixed(c.destroy.seconds, 1)} (${c.destroy.requests})`],
    ["state per rate: inputs + outputs B (≤ 1200)", (c) => c.state.perRate.toFixed(0)],
    ["  of which __provider B", (c) => (c.state.hasProviderKey ? c.state.provider.toFixed(0) : "no key")],
    ["  without __provider B", (c) => (c.state.perRate - c.state.provider).toFixed(0)],
    ["  whole entry in state B", (c) => c.state.entry.toFixed(0)],
    ["provider process peak MiB, up (≤ 120)", (c) => c.up.peakMiB.toFixed(0)],
    [
      "  peak over preview, refresh, update",
      (c) => Math.max(c.preview.peakMiB, c.refresh.peakMiB, c.update.peakMiB).toFixed(0),
    ],
    ["  right after start, idle", (c) => c.start.idleMiB.toFixed(0)],
    ["engine per create, no limit: ms", (c) => enginePerCreate(c).toFixed(0)],
    ["  up of 200, no limit s", (c) => fixed(c.upFree.seconds, 1)],
    ["  empty up s", (c) => fixed(c.emptyUp.seconds, 1)],
    ["  CPU s: engine / program / provider", (c) => cpu(c.upFree)],
    ["  state written once, not per step: ms", (c) => enginePerCreate(c, c.upFreeOneCheckpoint).toFixed(0)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  console.log(
    `\nThrough the Pulumi engine: ${RATES} shipping rates per front end, emulator and provider limited to ${LIMIT} req/s`,
  );
  console.log(`${"".padEnd(width)}${columns.map((c) => c.front.name.padStart(14)).join("")}`);
  for (const [label, cell] of rows) {
    console.log(`${label.padEnd(width)}${columns.map((c) => cell(c).padStart(14)).join("")}`);
  }
}

/** "a / b" over the columns, in column order. */
const each = (columns: Column[], f: (c: Column) => string) => columns.map(f).join(" / ");

/** What bounds each figure, in this run's numbers. */
function printBounds(columns: Column[]): void {
  const names = columns.map((c) => c.front.name).join(" / ");
  const engineBound = columns.filter((c) => enginePerCreate(c) > 1000 / LIMIT).map((c) => c.front.name);
  const lines = [
    `up wall: ${RATES} requests at ${LIMIT}/s take ${LIMITER_FLOOR.toFixed(1)} s (the rate limiter); on top, start-up: an empty up ${each(columns, (c) => fixed(c.emptyUp.seconds, 1))} s (CLI, engine, program) and the provider process ${each(columns, (c) => fixed(c.start.seconds, 2))} s (Node.js start and module loading). ` +
      (engineBound.length === 0
        ? `The engine alone creates faster than the limit (${each(columns, (c) => enginePerCreate(c).toFixed(0))} ms per rate against ${1000 / LIMIT} ms), so the limiter bounds the rest.`
        : `The engine alone takes ${each(columns, (c) => enginePerCreate(c).toFixed(0))} ms per rate, more than the limit's ${1000 / LIMIT} ms for ${engineBound.join(" and ")}: there the engine, not the limiter, bounds it.`),
    `of the limit over wall time: at most ${LIMITER_FLOOR.toFixed(1)} / (${LIMITER_FLOOR.toFixed(1)} + start-up) = ${each(columns, (c) => fixed(ceiling(c), 2))}; the ceiling is the engine's and the provider's start-up, not the provider's pacing, which the first-to-last-request figure shows (${each(columns, (c) => fixed(c.up.ofLimitWindow, 2))}; over 1.00 is the emulator's bucket, which starts full).`,
    `preview: engine start (an empty preview: CLI, engine, program) ${each(columns, (c) => fixed(c.emptyPreview.seconds, 1))} s + provider start ${each(columns, (c) => fixed(c.start.seconds, 2))} s + ${RATES} × ${each(columns, (c) => previewPerRate(c).toFixed(1))} ms per rate (${names}). Of a rate's share the provider's own Check + Diff is ${each(columns, (c) => c.checkDiffMs.toFixed(2))} ms (${each(columns, (c) => String(c.checkDiffChanged))} of ${RATES} seen changed); the rest is the engine's steps, gRPC round trips and the program registering the rate. CPU seconds in the preview, engine / program / provider: ${each(columns, (c) => `${cpu(c.preview)} in ${fixed(c.preview.seconds, 1)} s`)} (${names}): the engine's share is its start and its steps, the program's is registering ${RATES} resources through the SDK, the provider's is its start (the idle start alone takes about ${each(columns, (c) => fixed(c.start.seconds, 1))} s of a core) and its Check and Diff. No request is sent.`,
    `state: ${each(columns, (c) => c.state.perRate.toFixed(0))} bytes per rate (${names}): the inputs, and the outputs repeating them with Stripe's fields; ` +
      columns
        .map((c) =>
          c.state.hasProviderKey
            ? `${c.front.name}: the serialized provider takes ${c.state.provider.toFixed(0)} of them (inputs and outputs each hold a copy)`
            : `${c.front.name}: no __provider key in any rate`,
        )
        .join("; ") +
      ".",
    `provider memory: ${each(columns, (c) => c.start.idleMiB.toFixed(0))} MiB right after start, before any resource (Node.js and the modules it loads to serve: Pulumi's SDK, gRPC, protobuf); the up adds ${each(columns, (c) => (c.up.peakMiB - c.start.idleMiB).toFixed(0))} MiB (this package's runtime, zod schemas, the HTTP client, ${RATES} requests in flight through the limiter).`,
    `engine per create, no limit: (up of ${RATES} − empty up) / ${RATES}: the engine's step per resource, the program's registration, the Check and Create round trips and the emulator's answer; it includes the provider's start once (${each(columns, (c) => ms(c.start.seconds / RATES))} ms per rate). CPU in that up, engine / program (and emulator) / provider: ${each(columns, (c) => cpu(c.upFree))} s. The file backend writes the whole state after every step, so each write grows with the stack: with the state written once at the end (PULUMI_SKIP_CHECKPOINTS) a create takes ${each(columns, (c) => enginePerCreate(c, c.upFreeOneCheckpoint).toFixed(0))} ms instead of ${each(columns, (c) => enginePerCreate(c).toFixed(0))}.`,
  ];
  console.log("\nWhere each figure is bound:");
  for (const line of lines) console.log(`  - ${line}`);
}

export async function benchEngine(frontEnds: FrontEnd[]): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const columns: Column[] = [];
    for (const front of frontEnds) columns.push(await measureFrontEnd(front, emulator));
    printTable(columns);
    printBounds(columns);
  } finally {
    await emulator.close();
  }
}
