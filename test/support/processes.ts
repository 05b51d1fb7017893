/**
 * The processes a killed `pulumi up` leaves behind, read from Linux's /proc: what the
 * crash-recovery suites kill and then check.
 */
import * as fs from "node:fs";
import type { LocalStack } from "../../scripts/local-stack";

/** Process ids whose parent is `pid`, with their command names. */
export function children(pid: number): { pid: number; comm: string }[] {
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

/** Whether `pid` runs (a zombie does not). */
export function alive(pid: number): boolean {
  try {
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kills an `up` run by the Automation API in process `pid` as a lost CI runner would: it and
 * the CLI it runs get SIGKILL, the provider hosts the CLI started are left alone. Returns those
 * hosts' process ids.
 */
export function killUp(pid: number): number[] {
  const cli = children(pid).filter((p) => p.comm === "pulumi");
  if (cli.length !== 1) throw new Error(`expected one Pulumi CLI under ${pid}, found ${cli.length}`);
  const hosts = children(cli[0].pid).filter((p) => p.comm !== "pulumi");
  if (hosts.length === 0) throw new Error("the CLI runs no provider host");
  process.kill(pid, "SIGKILL");
  process.kill(cli[0].pid, "SIGKILL");
  return hosts.map((h) => h.pid);
}

/** `pulumi up` of a stack as this process's whole work (for a test to kill), then exit. */
export function upAndExit(opening: Promise<LocalStack>): void {
  opening
    .then((local) => local.stack.up({ onOutput: (s) => process.stdout.write(s) }))
    .then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
}
