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
import { alive } from "./processes";

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
    spawn(script: string, env: Record<string, string>) {
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
  };
}

/**
 * The README's recovery runbook on `local`, as a CI job runs it: `pulumi cancel --yes`,
 * `pulumi refresh --clear-pending-creates --yes --skip-preview`, then `pulumi up --yes` (the
 * program runs in this process, as the Automation API runs it). Returns the output options
 * for later operations and the text they collect.
 */
export async function runbook(local: LocalStack) {
  const cancel = await local.cli(["cancel", "--yes"]);
  assert.equal(cancel.code, 0, cancel.stderr);
  const refresh = await local.cli(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
  assert.equal(refresh.code, 0, refresh.stderr + refresh.stdout);
  const out = { text: "" };
  const run = { onOutput: (t: string) => (out.text += t), onError: (t: string) => (out.text += t) };
  const up = await local.stack.up(run);
  assert.equal(up.summary.result, "succeeded", out.text);
  return { run, out };
}
