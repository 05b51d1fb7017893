/**
 * What the crash-recovery suites share: an emulator and a stack folder for the file, and
 * `up` runs in child processes a test can kill.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, before } from "node:test";
import { startEmulator, type Emulator } from "../../emulator";
import { REPO_ROOT, type LocalStack } from "../../scripts/local-stack";
import { alive, killUp, sleep } from "./processes";

/** An `up` running in a child process. */
export interface KillableUp {
  child: ChildProcess;
  exited: Promise<unknown>;
  /** Its output so far, for failure messages. */
  log(): string;
}

/**
 * For a node:test suite: an emulator and a stack folder for the file, and `up` runs in child
 * processes (a compiled script under dist/test/support) that a test can kill; cleaned up after.
 */
export function killableUps(prefix: string) {
  const state = {} as { emulator: Emulator; root: string; children: ChildProcess[] };
  before(async () => {
    state.emulator = await startEmulator({ port: 0 });
    state.root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    state.children = [];
  });
  after(async () => {
    for (const child of state.children) if (child.pid && alive(child.pid)) child.kill("SIGKILL");
    fs.rmSync(state.root, { recursive: true, force: true });
    await state.emulator?.close();
  });
  return {
    get emulator() {
      return state.emulator;
    },
    get root() {
      return state.root;
    },
    /** Starts `script` with `env`; its output is collected for failure messages. */
    spawn(script: string, env: Record<string, string>): KillableUp {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist", "test", "support", script)], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      state.children.push(child);
      let log = "";
      child.stdout?.on("data", (d) => (log += d));
      child.stderr?.on("data", (d) => (log += d));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      return { child, exited, log: () => log };
    },
    /**
     * Waits until `ready()` holds for a run `spawn` started (failing when it ends first or takes
     * two minutes), kills it as a lost CI runner dies (see killUp), and checks that the provider
     * hosts it left behind have ended.
     */
    async killWhen(run: KillableUp, ready: () => boolean | Promise<boolean>) {
      const { child, exited, log } = run;
      for (let waited = 0; !(await ready()); waited += 20) {
        assert.ok(waited < 120_000, `the up never got there:\n${log()}`);
        if (child.exitCode !== null) assert.fail(`the up ended before it was killed:\n${log()}`);
        await sleep(20);
      }
      const hosts = killUp(child.pid!);
      await exited;
      await sleep(1_000);
      for (const host of hosts) assert.equal(alive(host), false, "the provider host has ended");
    },
  };
}

/**
 * The runbook's first two steps: `pulumi cancel --yes`, then `pulumi refresh
 * --clear-pending-creates --yes --skip-preview`, which forgets the creates a killed `up` left
 * pending (the next `up` sends them again, under the same idempotency keys).
 */
export async function clearPending(local: LocalStack) {
  const cancel = await local.cli(["cancel", "--yes"]);
  assert.equal(cancel.code, 0, cancel.stderr);
  const refresh = await local.cli(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
  assert.equal(refresh.code, 0, refresh.stderr + refresh.stdout);
}

/**
 * The README's recovery runbook on `local`, as a CI job runs it: `pulumi cancel --yes`,
 * `pulumi refresh --clear-pending-creates --yes --skip-preview`, then `pulumi up --yes` (the
 * program runs in this process, as the Automation API runs it). Returns the output options
 * for later operations and the text they collect.
 */
export async function runbook(local: LocalStack) {
  await clearPending(local);
  const out = { text: "" };
  const run = { onOutput: (t: string) => (out.text += t), onError: (t: string) => (out.text += t) };
  const up = await local.stack.up(run);
  assert.equal(up.summary.result, "succeeded", out.text);
  return { run, out };
}
