/**
 * Faults injected by tests: each matches API requests by method and path and is used up
 * after `times` requests. `when: "before"` answers before the request runs; `when: "after"`
 * runs it (a write is committed, its idempotency key stored) and then loses the answer: a 5xx
 * instead of the result, a connection dropped, or no answer until the client gives up.
 */

export type FaultTiming = "before" | "after";

export type FaultAction =
  /** A 5xx; before the request runs unless `when: "after"`. */
  | { type: "status"; status: 500 | 502 | 503; when?: FaultTiming }
  | { type: "lock_timeout" }
  | { type: "rate_limit" }
  | { type: "reset"; when: FaultTiming }
  /** The request runs, then nothing is answered for `ms` (default 30 s) and the connection is dropped. */
  | { type: "timeout"; ms?: number }
  | { type: "latency"; ms: number }
  /**
   * No answer until the client goes away: `before`, the request never runs (a request still on
   * its way when the caller was killed); `after`, it runs (the write commits) and its answer
   * never comes. Lets a test kill a caller exactly between two of its requests.
   */
  | { type: "hang"; when: FaultTiming };

export type Fault = { method?: string; path?: string | RegExp; times?: number } & FaultAction;

export class Faults {
  private queue: { fault: Fault; left: number }[] = [];

  inject(fault: Fault): void {
    this.queue.push({ fault, left: fault.times ?? 1 });
  }

  clear(): void {
    this.queue = [];
  }

  /** The next fault for this request, consumed; undefined when none applies. */
  take(method: string, path: string): Fault | undefined {
    const entry = this.queue.find(({ fault }) => matches(fault, method, path));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.queue.splice(this.queue.indexOf(entry), 1);
    return entry.fault;
  }
}

function matches(fault: Fault, method: string, path: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method) return false;
  if (fault.path === undefined) return true;
  return typeof fault.path === "string" ? fault.path === path : fault.path.test(path);
}
