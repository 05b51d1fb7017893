/**
 * The provider host outlives the Pulumi engine that started it: killed with SIGKILL, the CLI
 * leaves the host running, and it would go on sending the writes it had queued, unseen by any
 * state. This watches the host's parent process (Pulumi's engine, not ../engine) and, once it
 * is gone, refuses every further write and ends the host. What was already sent is recovered by the next run:
 * its idempotency keys make Stripe replay those writes.
 */
import * as fs from "node:fs";
import { StripeBillingError } from "../errors";
import { setWriteGate } from "../stripe/client";

export class ParentGoneError extends StripeBillingError {}

export interface ParentWatch {
  /** Whether the parent was seen gone. */
  readonly gone: boolean;
  stop(): void;
}

export interface WatchOptions {
  /** The parent's process id (default: this process's parent at start). */
  parentPid?: number;
  intervalMs?: number;
  /** What happens once the parent is gone (default: exit the host a moment later). */
  onGone?: () => void;
}

let current: ParentWatch | undefined;

/** Starts watching once per process; later calls return the same watch. */
export function watchParent(options: WatchOptions = {}): ParentWatch {
  if (current) return current;
  const parentPid = options.parentPid ?? process.ppid;
  let gone = false;
  const check = () => {
    if (gone || parentAlive(parentPid)) return;
    gone = true;
    clearInterval(timer);
    console.error(
      "pulumi-stripe-billing: the Pulumi engine that started this provider has exited; no further writes are sent to Stripe.",
    );
    (options.onGone ?? (() => setTimeout(() => process.exit(1), 200).unref()))();
  };
  const timer = setInterval(check, options.intervalMs ?? 100);
  timer.unref();
  setWriteGate(() => {
    check();
    if (gone) {
      throw new ParentGoneError(
        "engine_gone",
        "The Pulumi engine that started this provider has exited; the write was not sent. Recover the stack as the README's runbook says.",
      );
    }
  });
  current = {
    get gone() {
      return gone;
    },
    stop() {
      clearInterval(timer);
      setWriteGate(undefined);
      current = undefined;
    },
  };
  return current;
}

/**
 * Whether the parent still runs and is still this process's parent. On Linux the parent is
 * read from /proc (Node's `process.ppid` is fixed at start): an orphaned host is adopted by
 * another process. Elsewhere, whether the process exists.
 */
export function parentAlive(parentPid: number): boolean {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (Number.isInteger(ppid)) return ppid === parentPid;
  } catch {
    // No /proc: fall through.
  }
  try {
    process.kill(parentPid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
