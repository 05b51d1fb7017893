/**
 * A local Stripe for tests and examples: a stateful HTTP server on 127.0.0.1 that speaks
 * Stripe's wire format, errors, idempotency, pagination and rate limits for the objects this
 * package manages. It imports nothing from the provider, so a mistake there cannot hide here.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Clock } from "./clock";
import { handleControl } from "./control";
import { Faults, type Fault } from "./faults";
import { IdempotencyStore } from "./idempotency";
import { TokenBuckets } from "./rate-limit";
import { handleApi, type RequestRecord, type ServerState } from "./server";
import { Store } from "./store";

export type { Fault } from "./faults";
export type { RequestRecord } from "./server";
export { validateRequest, type RequestViolation } from "./params";
export { shapeViolations } from "./shapes";
export { STRIPE_API_VERSION } from "./tables";

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Requests per second per mode before 429 `rate_limit`; unlimited by default. */
  rateLimit?: number;
  /** The clock's start, in unix seconds; real time by default. */
  now?: number;
}

export interface Emulator {
  readonly url: string;
  close(): Promise<void>;
  /** Forgets all data, faults, idempotency keys and the request log. */
  reset(): void;
  inject(fault: Fault): void;
  clearFaults(): void;
  setRateLimit(perSecond: number | undefined): void;
  /** API requests (not control ones), in arrival order. */
  requests(filter?: { method?: string; path?: string | RegExp }): RequestRecord[];
  count(method: string, path: string | RegExp): number;
  clock: { now(): number; advance(seconds: number): void; set(unixSeconds: number): void };
  objects: {
    get(id: string): Record<string, unknown> | undefined;
    /** Deleted out of band: later retrieves answer 404. */
    remove(id: string): boolean;
    /** Changed out of band. */
    patch(id: string, fields: Record<string, unknown>): void;
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new Clock(options.now);
  const state: ServerState = {
    store: new Store(),
    clock,
    faults: new Faults(),
    buckets: new TokenBuckets(options.rateLimit),
    idempotency: new IdempotencyStore(() => clock.now()),
    log: [],
  };
  const matches = (r: RequestRecord, filter: { method?: string; path?: string | RegExp }) =>
    (!filter.method || r.method === filter.method.toUpperCase()) &&
    (filter.path === undefined ||
      (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path)));

  let url = "";
  const emulator: Emulator = {
    get url() {
      return url;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    reset() {
      state.store.clear();
      state.faults.clear();
      state.idempotency.clear();
      state.log.length = 0;
    },
    inject: (fault) => state.faults.inject(fault),
    clearFaults: () => state.faults.clear(),
    setRateLimit: (perSecond) => state.buckets.setRate(perSecond),
    requests: (filter = {}) => state.log.filter((r) => matches(r, filter)),
    count: (method, path) => state.log.filter((r) => matches(r, { method, path })).length,
    clock: state.clock,
    objects: {
      get: (id) => state.store.find(id),
      remove: (id) => state.store.remove(id),
      patch(id, fields) {
        const object = state.store.find(id);
        if (!object) throw new Error(`no object ${id}`);
        Object.assign(object, fields);
      },
    },
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if ((req.url ?? "").startsWith("/_emulator/")) return handleControl(emulator, req, res, body);
      handleApi(state, req, res, body).catch((err) => {
        console.error(err);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${address.address}:${address.port}`;
  // Idle keep-alive sockets must not hold close() open.
  const close = emulator.close;
  emulator.close = () => {
    server.closeIdleConnections();
    return close();
  };
  return emulator;
}
