/**
 * A `pulumi up` killed midway, on the real engine: the Automation API process and the CLI get
 * SIGKILL while the creates are under way (the provider host is left alone, as a lost CI
 * runner leaves it), then the README's recovery runbook runs. Exactly the declared objects
 * exist in Stripe afterwards and no pending operation is left in state.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { REPO_ROOT } from "../../scripts/local-stack";
import { openRatesStack } from "../support/rates-stack";

const COUNT = 50;
/** Creates Stripe has received when the run is killed. */
const KILL_AFTER = 20;

/** Process ids whose parent is `pid`, with their command names (Linux /proc). */
function children(pid: number): { pid: number; comm: string }[] {
  const found: { pid: number; comm: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) found.push({ pid: Number(entry), comm });
    } catch {
      // The process ended meanwhile.
    }
  }
  return found;
}

const alive = (pid: number) =>
  fs.existsSync(`/proc/${pid}`) && !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("recovery after a killed pulumi up", { skip: process.platform !== "linux" && "needs /proc" }, () => {
  let emulator: Emulator;
  let root: string;
  let child: ChildProcess | undefined;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    root = fs.mkdtempSync(path.join(os.tmpdir(), "psb-crash-"));
  });

  after(async () => {
    if (child?.pid && alive(child.pid)) child.kill("SIGKILL");
    fs.rmSync(root, { recursive: true, force: true });
    await emulator?.close();
  });

  it(`SIGKILL midway through ${COUNT} creates, then the runbook: exactly ${COUNT} objects, no pending operation`, async () => {
    const creates = () => emulator.count("POST", "/v1/shipping_rates");
    let log = "";
    child = spawn(process.execPath, [path.join(REPO_ROOT, "dist", "test", "support", "rates-stack.js")], {
      env: { ...process.env, RATES_ROOT: root, RATES_COUNT: String(COUNT), RATES_API_BASE: emulator.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => (log += d));
    child.stderr?.on("data", (d) => (log += d));
    const exited = new Promise((resolve) => child!.once("exit", resolve));

    // Kill once Stripe has seen KILL_AFTER creates: the run is midway.
    for (let waited = 0; creates() < KILL_AFTER; waited += 10) {
      assert.ok(waited < 300_000, `the up never reached ${KILL_AFTER} creates:\n${log}`);
      if (child.exitCode !== null) assert.fail(`the up ended before it was killed:\n${log}`);
      await sleep(10);
    }
    const cli = children(child.pid!).filter((p) => p.comm === "pulumi");
    assert.equal(cli.length, 1, "the Automation API runs one CLI");
    const hosts = children(cli[0].pid).filter((p) => p.comm !== "pulumi");
    assert.ok(hosts.length >= 1, "the CLI runs the provider host");
    child.kill("SIGKILL");
    process.kill(cli[0].pid, "SIGKILL");
    const atKill = creates();
    await exited;

    // The provider host notices the engine is gone: it sends no further write and ends.
    await sleep(2_000);
    const afterKill = creates() - atKill;
    console.log(`# ${atKill} creates at the kill; ${afterKill} more reached Stripe after it`);
    assert.ok(afterKill <= 3, `${afterKill} creates reached Stripe after the kill`);
    for (const host of hosts) assert.equal(alive(host.pid), false, "the provider host has ended");
    assert.ok(emulator.requests({ method: "POST" }).length < COUNT, "the up was killed midway");

    // The runbook, as a CI job runs it.
    const local = await openRatesStack(root, COUNT, emulator.url);
    const cancel = await local.cli(["cancel", "--yes"]);
    assert.equal(cancel.code, 0, cancel.stderr);
    const refresh = await local.cli(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
    assert.equal(refresh.code, 0, refresh.stderr + refresh.stdout);
    // `pulumi up --yes` (the program runs in this process, as the Automation API runs it).
    let output = "";
    const run = { onOutput: (t: string) => (output += t), onError: (t: string) => (output += t) };
    const up = await local.stack.up(run);
    assert.equal(up.summary.result, "succeeded");

    const list = (await (
      await fetch(`${emulator.url}/v1/shipping_rates?limit=100`, {
        headers: { authorization: "Bearer sk_test_ratesstack0000" },
      })
    ).json()) as { data: { id: string; active: boolean }[] };
    assert.equal(list.data.length, COUNT, `${list.data.length} shipping rates for ${COUNT} declared`);
    assert.ok(list.data.every((r) => r.active));

    const exported = await local.cli(["stack", "export"]);
    assert.equal(exported.code, 0, exported.stderr);
    const deployment = JSON.parse(exported.stdout).deployment;
    assert.deepEqual(deployment.pending_operations ?? [], []);
    const managed = new Set(
      deployment.resources
        .filter((r: { type: string }) => r.type.endsWith("ShippingRate"))
        .map((r: { id: string }) => r.id),
    );
    assert.equal(managed.size, COUNT);
    assert.deepEqual([...managed].sort(), list.data.map((r) => r.id).sort());

    // A later preview finds nothing to do and warns about nothing pending.
    output = "";
    await local.stack.preview({ ...run, expectNoChanges: true });
    assert.doesNotMatch(output, /pending/i);
  });
});
