/**
 * The HTTP side: one pipeline for every API request — auth, injected faults, rate limit,
 * parameters, idempotency, routing — and a request log tests can assert on.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "./auth";
import type { Clock } from "./clock";
import { errors, StripeError } from "./errors";
import type { Faults } from "./faults";
import { parseForm, type FormTree } from "./form";
import type { IdempotencyStore, StoredResponse } from "./idempotency";
import { routes } from "./objects";
import { parseParams } from "./params";
import type { TokenBuckets } from "./rate-limit";
import { scopeKey, type Scope, type Store } from "./store";
import { STRIPE_API_VERSION } from "./tables";

export interface RequestRecord {
  method: string;
  path: string;
  /** The HTTP status sent, or 0 when the connection was dropped before a response. */
  status: number;
  idempotencyKey?: string;
  stripeAccount?: string;
  stripeVersion?: string;
  /** The client's `User-Agent`, which tells the provider's requests from a test's own. */
  userAgent?: string;
  livemode: boolean;
  params: Record<string, unknown>;
  replayed: boolean;
  at: number;
  /** When the request arrived, in real milliseconds (for throughput figures). */
  receivedMs?: number;
  /** The response body sent. */
  response?: string;
}

export interface ServerState {
  store: Store;
  clock: Clock;
  faults: Faults;
  buckets: TokenBuckets;
  idempotency: IdempotencyStore;
  log: RequestRecord[];
}

export async function handleApi(
  state: ServerState,
  req: IncomingMessage,
  res: ServerResponse,
  body: string,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://emulator");
  const method = (req.method ?? "GET").toUpperCase();
  const path = url.pathname;
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const record: RequestRecord = {
    method,
    path,
    status: 0,
    idempotencyKey: header("idempotency-key"),
    stripeAccount: header("stripe-account"),
    stripeVersion: header("stripe-version"),
    userAgent: header("user-agent"),
    livemode: false,
    params: {},
    replayed: false,
    at: state.clock.now(),
    receivedMs: Date.now(),
  };
  state.log.push(record);
  const send = (status: number, payload: string, extra: Record<string, string> = {}) => {
    record.status = status;
    record.response = payload;
    res.writeHead(status, {
      "content-type": "application/json",
      "request-id": `req_${randomBytes(7).toString("hex")}`,
      "stripe-version": record.stripeVersion ?? STRIPE_API_VERSION,
      ...extra,
    });
    res.end(payload);
  };
  const fail = (err: StripeError) =>
    send(
      err.status,
      JSON.stringify(err.toBody()),
      err.status === 429 && err.code === "lock_timeout" ? { "stripe-should-retry": "true" } : {},
    );

  let params: Record<string, FormTree>;
  let scope: Scope;
  try {
    params = parseForm(method === "POST" ? body : url.search.slice(1));
    record.params = params;
    scope = { ...authenticate(header("authorization")), account: record.stripeAccount };
    record.livemode = scope.livemode;
  } catch (err) {
    return fail(err instanceof StripeError ? err : errors.invalid(String(err)));
  }

  const fault = state.faults.take(method, path);
  if (fault?.type === "reset" && fault.when === "before") {
    req.socket.destroy();
    return;
  }
  if (fault?.type === "status" && fault.when !== "after") return fail(errors.apiError(fault.status));
  if (fault?.type === "lock_timeout") return fail(errors.lockTimeout());
  if (fault?.type === "rate_limit" || !state.buckets.take(scope.livemode ? "live" : "test"))
    return fail(errors.rateLimited());

  // Held unanswered until the client goes away, never run (see Fault).
  const hang = () =>
    new Promise<void>((resolve) => (req.socket.destroyed ? resolve() : req.socket.once("close", resolve)));
  if (fault?.type === "hang" && fault.when === "before") return hang();

  const key = method === "POST" ? record.idempotencyKey : undefined;
  const idemScope = scopeKey(scope);
  let replay: StoredResponse | undefined;
  if (key) {
    try {
      replay = state.idempotency.begin(idemScope, key, `${method} ${path} ${canonical(params)}`);
    } catch (err) {
      return fail(err as StripeError);
    }
  }
  // Latency stands for slow execution: the idempotency key is already in flight meanwhile.
  if (fault?.type === "latency") await new Promise((resolve) => setTimeout(resolve, fault.ms));
  let response: StoredResponse;
  if (replay) {
    record.replayed = true;
    response = replay;
  } else {
    response = execute(state, method, path, params, scope);
    // Only executed requests are remembered: validation failures leave the key free.
    if (key)
      state.idempotency.finish(
        idemScope,
        key,
        response.status >= 400 && response.status < 500 ? undefined : response,
      );
  }
  // Faults after the request ran: the write is committed, only its answer is lost.
  if (fault?.type === "reset" && fault.when === "after") {
    req.socket.destroy();
    return;
  }
  if (fault?.type === "status" && fault.when === "after") return fail(errors.apiError(fault.status));
  if (fault?.type === "hang") return hang();
  if (fault?.type === "timeout") {
    await new Promise((resolve) => setTimeout(resolve, fault.ms ?? 30_000));
    req.socket.destroy();
    return;
  }
  send(response.status, response.body, replay ? { "idempotent-replayed": "true" } : {});
}

function execute(
  state: ServerState,
  method: string,
  path: string,
  params: Record<string, FormTree>,
  scope: Scope,
): StoredResponse {
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    if (route.method !== method) continue;
    try {
      const typed = parseParams(route.endpoint, params, route.rules);
      const result = route.handle(
        { scope, params: typed, store: state.store, clock: state.clock, path },
        ...m.slice(1).map(decodeURIComponent),
      );
      return { status: 200, body: JSON.stringify(result) };
    } catch (err) {
      const error = err instanceof StripeError ? err : errors.apiError(500);
      if (!(err instanceof StripeError)) console.error(err);
      return { status: error.status, body: JSON.stringify(error.toBody()) };
    }
  }
  const error = errors.unrecognizedUrl(method, path);
  return { status: error.status, body: JSON.stringify(error.toBody()) };
}

/** Parameters in a stable order, so the same request always has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
