/**
 * The real-engine section of `npm run bench`: 200 shipping rates through the Pulumi CLI and
 * engine against the emulator limited to 25 requests/s, once per front end — the dynamic
 * resources (this package's classes, run by Pulumi's Node.js dynamic-provider host) and the
 * provider plugin (./bench-plugin) — printed side by side: `up` (create), `preview` with no
 * change, `refresh`, `up` changing metadata on all, `destroy`; CPU seconds of the engine, the
 * program and the provider process; the state's bytes per rate; the provider process's peak
 * memory; the engine's own time per create with no rate limit. Under the table, what bounds
 * each figure, from the same run's measurements. Figures only: nothing here passes or fails.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
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
function statOf(pid: number): { parent: number; cpuSeconds: number; childrenCpuSeconds: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const seconds = (...at: number[]) => at.reduce((n, i) => n + Number(fields[i]), 0) / ticksPerSecond();
  // utime and stime, then cutime and cstime: the CPU of its children that have ended.
  return { parent: Number(fields[1]), cpuSeconds: seconds(11, 12), childrenCpuSeconds: seconds(13, 14) };
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
interface ProviderStart {
  seconds: number;
  /** CPU seconds, a launcher's own helper processes included. */
  cpuSeconds: number;
  idleMiB: number;
}

async function providerStart(front: FrontEnd): Promise<ProviderStart> {
  const runs: ProviderStart[] = [];
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
      const seconds = (performance.now() - started) / 1000;
      const { cpuSeconds, childrenCpuSeconds } = statOf(child.pid!);
      runs.push({ seconds, cpuSeconds: cpuSeconds + childrenCpuSeconds, idleMiB: highWaterMiB(child.pid!) });
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
  /** Seconds from the command's start to the first request, and from the last request to its end. */
  lead?: number;
  tail?: number;
}

async function measure(front: FrontEnd, emulator: Emulator, fn: () => Promise<unknown>): Promise<Row> {
  const since = emulator.requests().length;
  const started = performance.now();
  const startedAt = Date.now();
  const { figures } = await watchProcesses(front, fn);
  const seconds = (performance.now() - started) / 1000;
  const endedAt = Date.now();
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
    lead: requests > 0 ? ((records[0].receivedMs ?? startedAt) - startedAt) / 1000 : undefined,
    tail: requests > 0 ? (endedAt - (records[requests - 1].receivedMs ?? endedAt)) / 1000 : undefined,
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
  start: ProviderStart;
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
const cpu = (r: Row) => [r.cpu.engine, r.cpu.here, r.cpu.provider].map((n) => n.toFixed(1)).join(" / ");

/** Milliseconds per rate of a preview that the engine start and the provider start do not explain. */
const previewPerRate = (c: Column) =>
  ((c.preview.seconds - c.emptyPreview.seconds - c.start.seconds) * 1000) / RATES;
const enginePerCreate = (c: Column, up = c.upFree) => ((up.seconds - c.emptyUp.seconds) * 1000) / RATES;
/** The best fraction of the limit an up can reach over its wall time, given the start-up it cannot avoid. */
const ceiling = (c: Column) => LIMITER_FLOOR / (LIMITER_FLOOR + c.emptyUp.seconds + c.start.seconds);
/** CPU seconds of the provider process in the preview beyond its start and its own Check + Diff. */
const previewRpcCpu = (c: Column) =>
  c.preview.cpu.provider - c.start.cpuSeconds - (c.checkDiffMs * RATES) / 1000;

function printTable(columns: Column[], load: { before: number; after: number }): void {
  const rows: [string, (c: Column) => string][] = [
    ["up, create 200: wall s", (c) => fixed(c.up.seconds, 1)],
    ["  requests sent (429s, failed)", (c) => `${c.up.requests} (${c.up.throttled}, ${c.up.failed})`],
    ["  before first request / after last: s", (c) => `${fixed(c.up.lead, 1)} / ${fixed(c.up.tail, 1)}`],
    ["  of the limit over wall time", (c) => fixed(c.up.ofLimitWall, 2)],
    ["    ceiling set by start-up", (c) => fixed(ceiling(c), 2)],
    ["  of the limit, first to last request", (c) => fixed(c.up.ofLimitWindow, 2)],
    ["  CPU s: engine / this process / provider", (c) => cpu(c.up)],
    ["preview, 200 unchanged: wall s (≤ 2)", (c) => fixed(c.preview.seconds, 1)],
    ["  requests sent", (c) => String(c.preview.requests)],
    ["  engine start (empty preview) s", (c) => fixed(c.emptyPreview.seconds, 1)],
    ["  provider process start s", (c) => fixed(c.start.seconds, 2)],
    ["  per rate, the rest / 200: ms", (c) => previewPerRate(c).toFixed(1)],
    ["    provider's own Check + Diff ms", (c) => c.checkDiffMs.toFixed(2)],
    ["  CPU s: engine / this process / provider", (c) => cpu(c.preview)],
    ["    provider start CPU s", (c) => c.start.cpuSeconds.toFixed(2)],
    ["refresh: wall s (requests)", (c) => `${fixed(c.refresh.seconds, 1)} (${c.refresh.requests})`],
    ["up, metadata on all: wall s (requests)", (c) => `${fixed(c.update.seconds, 1)} (${c.update.requests})`],
    ["  of the limit, first to last request", (c) => fixed(c.update.ofLimitWindow, 2)],
    ["  CPU s: engine / this process / provider", (c) => cpu(c.update)],
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
    ["  CPU s: engine / this process / provider", (c) => cpu(c.upFree)],
    ["  state written once, not per step: ms", (c) => enginePerCreate(c, c.upFreeOneCheckpoint).toFixed(0)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const cell = 18;
  console.log(
    `\nThrough the Pulumi engine: ${RATES} shipping rates per front end, emulator and provider limited to ${LIMIT} req/s`,
  );
  console.log(
    `(${os.cpus().length} cores; load average ${load.before.toFixed(1)} before, ${load.after.toFixed(1)} after: other work on the machine moves these figures between runs)`,
  );
  console.log(`${"".padEnd(width)}${columns.map((c) => c.front.name.padStart(cell)).join("")}`);
  for (const [label, value] of rows) {
    console.log(`${label.padEnd(width)}${columns.map((c) => value(c).padStart(cell)).join("")}`);
  }
}

/** "a / b" over the columns, in column order. */
const each = (columns: Column[], f: (c: Column) => string) => columns.map(f).join(" / ");
/** "name: a; name: b" over the columns, for figures that are themselves lists. */
const per = (columns: Column[], f: (c: Column) => string) =>
  columns.map((c) => `${c.front.name} ${f(c)}`).join("; ");

/** Whether the preview's three processes worked or waited, and how the provider's own work compares. */
function previewBound(columns: Column[]): string {
  const total = (r: Row) => r.cpu.engine + r.cpu.here + r.cpu.provider;
  const busy = columns.every((c) => total(c.preview) >= 0.8 * c.preview.seconds);
  const smallest = columns.every(
    (c) => (c.checkDiffMs * RATES) / 1000 < Math.min(c.preview.cpu.engine, c.preview.cpu.here),
  );
  return (
    `Their CPU adds up to ${each(columns, (c) => total(c.preview).toFixed(1))} s in ${each(columns, (c) => fixed(c.preview.seconds, 1))} s of wall on ${os.cpus().length} cores shared with other work: ` +
    (busy
      ? "the preview is bound by CPU work in these processes, not by waiting"
      : "for much of the preview none of them runs: each waits for another's answer, or for a core (see the load average above)") +
    (smallest ? ", and the provider's own Check + Diff is the smallest part of it." : ".")
  );
}

/** What bounds each figure, in this run's numbers. */
function printBounds(columns: Column[]): void {
  const names = columns.map((c) => c.front.name).join(" / ");
  const msPerRequest = 1000 / LIMIT;
  const lines = [
    `up wall (${names}): the limiter lets ${RATES} requests through in ${LIMITER_FLOOR.toFixed(1)} s at best. From first to last request they flowed at ${each(columns, (c) => fixed(c.up.ofLimitWindow, 2))} of the limit (over 1.00: the emulator's bucket starts full): ${per(
      columns,
      (c) =>
        (c.up.ofLimitWindow ?? 0) >= 0.95
          ? "bound by the limiter"
          : `below it: the requests came slower than the limiter allows (with no limit the engine needs ${enginePerCreate(c).toFixed(0)} ms per create; the limit allows one every ${msPerRequest} ms)`,
    )}. Before the first request ${each(columns, (c) => fixed(c.up.lead, 1))} s: engine start-up (an empty up takes ${each(columns, (c) => fixed(c.emptyUp.seconds, 1))} s: CLI, engine, program, state) and the provider's start (${each(columns, (c) => fixed(c.start.seconds, 2))} s alone: Node.js and module loading${columns.some((c) => c.front.name === "dynamic") ? "; the dynamic host's launcher starts Node.js twice, once to find the host script" : ""}); after the last, ${each(columns, (c) => fixed(c.up.tail, 1))} s (the last checkpoint, the CLI's exit).`,
    `up, metadata on all (${names}): one update request per rate, at ${each(columns, (c) => fixed(c.update.ofLimitWindow, 2))} of the limit from first to last (CPU seconds, engine / this process / provider: ${per(columns, (c) => cpu(c.update))})${
      columns.some((c) => (c.update.ofLimitWindow ?? 0) < 0.95)
        ? `; below 0.95 the requests came slower than the limiter allows, so the limiter is not what bounds it (${columns
            .filter((c) => (c.update.ofLimitWindow ?? 0) < 0.95)
            .map((c) => c.front.name)
            .join(", ")})`
        : ": bound by the limiter"
    }.`,
    `of the limit over wall time: at most ${LIMITER_FLOOR.toFixed(1)} / (${LIMITER_FLOOR.toFixed(1)} + empty up + provider start) = ${each(columns, (c) => fixed(ceiling(c), 2))}: the ceiling is set by start-up, not by the provider's pacing.`,
    `preview (${names}): engine start (an empty preview: CLI, engine, program) ${each(columns, (c) => fixed(c.emptyPreview.seconds, 1))} s + provider start ${each(columns, (c) => fixed(c.start.seconds, 2))} s + ${RATES} × ${each(columns, (c) => previewPerRate(c).toFixed(1))} ms per rate. No request is sent. Of a rate's share the provider's own Check + Diff is ${each(columns, (c) => c.checkDiffMs.toFixed(2))} ms (timed in this process; ${each(columns, (c) => String(c.checkDiffChanged))} of ${RATES} seen changed). CPU seconds, engine / this process (the program; the emulator is idle) / provider: ${per(columns, (c) => `${cpu(c.preview)} in ${fixed(c.preview.seconds, 1)} s wall`)}. The provider's CPU beyond its start (${each(columns, (c) => c.start.cpuSeconds.toFixed(2))} s) and its own Check + Diff is about ${each(columns, (c) => previewRpcCpu(c).toFixed(1))} s: the gRPC server and protobuf conversion of ${2 * RATES} calls. The program's is the SDK registering ${RATES} resources; the engine's, its start and its steps. ${previewBound(columns)}`,
    `state (${names}): ${each(columns, (c) => c.state.perRate.toFixed(0))} bytes of inputs and outputs per rate; the outputs repeat the inputs with Stripe's fields. ` +
      columns
        .map((c) =>
          c.state.hasProviderKey
            ? `${c.front.name}: the serialized provider takes ${c.state.provider.toFixed(0)} of them, a copy in the inputs and one in the outputs`
            : `${c.front.name}: no __provider key in any rate`,
        )
        .join("; ") +
      `. The whole entry (${each(columns, (c) => c.state.entry.toFixed(0))} bytes) adds the URN, the provider reference, the property dependencies and the SDK's record of where the program declared the resource.`,
    `provider memory (${names}): ${each(columns, (c) => c.start.idleMiB.toFixed(0))} MiB right after start, before any resource: Node.js and the modules loaded to serve${columns.some((c) => c.front.name === "dynamic") ? " (the dynamic host loads all of Pulumi's SDK, to deserialize providers; the plugin its provider server, gRPC and protobuf, and this package's engine with zod and the HTTP client)" : ""}. The up adds ${each(columns, (c) => (c.up.peakMiB - c.start.idleMiB).toFixed(0))} MiB: ${columns.some((c) => c.front.name === "dynamic") ? "for the dynamic host this package's runtime, loaded at the first call; for both, " : ""}the heap of ${RATES} operations in flight (gRPC calls, protobuf values, requests waiting at the limiter) and compiled code.`,
    `engine per create, no limit: (up of ${RATES} − empty up) / ${RATES} = ${each(columns, (c) => enginePerCreate(c).toFixed(0))} ms: the engine's step per resource, the program's registration, the Check and Create round trips and the emulator's answer, plus the provider's start once (${each(columns, (c) => ((c.start.seconds * 1000) / RATES).toFixed(0))} ms per rate). CPU seconds in that up, engine / this process (program and emulator) / provider: ${per(columns, (c) => cpu(c.upFree))}.${columns.every((c) => c.upFree.cpu.engine > Math.max(c.upFree.cpu.here, c.upFree.cpu.provider)) ? " The engine's share is the largest." : ""} The file backend writes the whole state after every step, so each write grows with the stack (and with the bytes per entry); with the state written once at the end (PULUMI_SKIP_CHECKPOINTS) a create takes ${each(columns, (c) => enginePerCreate(c, c.upFreeOneCheckpoint).toFixed(0))} ms.`,
  ];
  console.log("\nWhere each figure is bound:");
  for (const line of lines) console.log(`  - ${line}`);
}

export async function benchEngine(frontEnds: FrontEnd[]): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const columns: Column[] = [];
    const before = os.loadavg()[0];
    for (const front of frontEnds) columns.push(await measureFrontEnd(front, emulator));
    printTable(columns, { before, after: os.loadavg()[0] });
    printBounds(columns);
  } finally {
    await emulator.close();
  }
}
