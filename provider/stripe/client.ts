/**
 * The HTTP client for Stripe's API, on undici. One place for headers, idempotency keys,
 * retries and the shared rate limiter; resources never speak HTTP themselves.
 */
import { randomUUID } from "node:crypto";
import { Agent, request as undiciRequest } from "undici";
import { StripeApiError, StripeConnectionError, redactSecrets, type StripeErrorBody } from "../errors";
import { packageVersion } from "../package-info";
import { encodeForm, type FormParams } from "./encode";
import { RateLimiter, sharedRateLimiter } from "./rate-limiter";
import {
  DEFAULT_RETRY_POLICY,
  isRetryable,
  retryDelayMs,
  type AttemptOutcome,
  type RetryPolicy,
} from "./retry";
import type { StripeSettings } from "./settings";

export type HttpMethod = "GET" | "POST" | "DELETE";

export interface RequestOptions {
  /**
   * Reused across every retry of this request; generated when absent (POST only). Writes of
   * the engine pass a key derived by `./idempotency`, so another process derives the same.
   */
  idempotencyKey?: string;
  /** Overrides the client's Connect account for this request. */
  stripeAccount?: string;
}

export interface ClientDeps {
  limiter?: RateLimiter;
  policy?: Partial<RetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Gives up on an attempt that has no response headers after this long (default 80 s). */
  timeoutMs?: number;
}

/** A response and whether Stripe replayed it for an idempotency key it had already seen. */
export interface Response<T> {
  body: T;
  replayed: boolean;
}

/**
 * Decides, before each write attempt, whether writes may still be sent; throws when not. The
 * provider host sets it to stop writing once the engine that started it is gone.
 */
let writeGate: (() => void) | undefined;
export function setWriteGate(gate: (() => void) | undefined): void {
  writeGate = gate;
}

/** A Stripe list page. */
export interface StripeList<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

let agent: Agent | undefined;
function sharedAgent(): Agent {
  agent ??= new Agent({
    keepAliveTimeout: 10_000,
    connections: 32,
    headersTimeout: 80_000,
    bodyTimeout: 80_000,
  });
  return agent;
}

export class StripeClient {
  private readonly limiter: RateLimiter;
  private readonly policy: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private readonly timeoutMs: number | undefined;

  constructor(
    readonly settings: StripeSettings,
    deps: ClientDeps = {},
  ) {
    this.limiter =
      deps.limiter ??
      sharedRateLimiter(
        `${settings.apiBase}|${settings.mode}|${settings.stripeAccount ?? ""}`,
        settings.rateLimit,
      );
    this.policy = {
      ...DEFAULT_RETRY_POLICY,
      ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
      ...deps.policy,
    };
    this.sleep = deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = deps.random ?? Math.random;
    this.now = deps.now ?? Date.now;
    this.timeoutMs = deps.timeoutMs;
  }

  get<T>(path: string, params: FormParams = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>("GET", path, params, options);
  }

  post<T>(path: string, params: FormParams = {}, options: RequestOptions = {}): Promise<T> {
    return this.request<T>("POST", path, params, options);
  }

  /** Every object of a list endpoint, page by page with `starting_after`. */
  async *list<T extends { id: string }>(
    path: string,
    params: FormParams = {},
    options: RequestOptions = {},
  ): AsyncGenerator<T> {
    let startingAfter: string | undefined;
    for (;;) {
      const page = await this.get<StripeList<T>>(
        path,
        { limit: 100, ...params, starting_after: startingAfter },
        options,
      );
      for (const item of page.data) yield item;
      if (!page.has_more || page.data.length === 0) return;
      startingAfter = page.data[page.data.length - 1].id;
    }
  }

  async request<T>(
    method: HttpMethod,
    path: string,
    params: FormParams,
    options: RequestOptions = {},
  ): Promise<T> {
    return (await this.send<T>(method, path, params, options)).body;
  }

  /** One request with its retries; also says whether the answer was an idempotent replay. */
  async send<T>(
    method: HttpMethod,
    path: string,
    params: FormParams,
    options: RequestOptions = {},
  ): Promise<Response<T>> {
    const body = encodeForm(params);
    const url =
      method === "POST" || !body
        ? `${this.settings.apiBase}${path}`
        : `${this.settings.apiBase}${path}?${body}`;
    const headers = this.headers(method, options);
    const started = this.now();

    for (let retry = 0; ; retry++) {
      await this.limiter.acquire();
      if (method === "POST") writeGate?.();
      let outcome: AttemptOutcome;
      let failure: Error;
      try {
        const res = await undiciRequest(url, {
          method,
          headers,
          body: method === "POST" ? body : undefined,
          dispatcher: sharedAgent(),
          ...(this.timeoutMs !== undefined
            ? { headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs }
            : {}),
        });
        const text = await res.body.text();
        const requestId = header(res.headers["request-id"]);
        if (res.statusCode >= 200 && res.statusCode < 300) {
          this.limiter.reward();
          return {
            body: JSON.parse(text) as T,
            replayed: header(res.headers["idempotent-replayed"]) === "true",
          };
        }
        const errorBody = parseErrorBody(text);
        failure = new StripeApiError(res.statusCode, errorBody, requestId);
        outcome = {
          kind: "response",
          status: res.statusCode,
          code: errorBody.code,
          shouldRetryHeader: header(res.headers["stripe-should-retry"]),
          retryAfterSeconds: numberHeader(res.headers["retry-after"]),
        };
        if (res.statusCode === 429) this.limiter.penalize();
      } catch (err) {
        failure = new StripeConnectionError(
          `Could not reach Stripe at ${this.settings.apiBase} (${method} ${path}): ${redactSecrets(String((err as Error).message ?? err))}`,
          err,
        );
        outcome = { kind: "network" };
      }

      if (retry >= this.policy.maxRetries || !isRetryable(outcome)) throw failure;
      const delay = retryDelayMs(
        retry + 1,
        this.policy,
        this.random,
        outcome.kind === "response" ? outcome.retryAfterSeconds : undefined,
      );
      if (this.now() - started + delay > this.policy.maxElapsedMs) throw failure;
      await this.sleep(delay);
    }
  }

  private headers(method: HttpMethod, options: RequestOptions): Record<string, string> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.settings.apiKey}`,
      "stripe-version": this.settings.apiVersion,
      "user-agent": `pulumi-stripe-billing/${packageVersion()} node/${process.versions.node}`,
      accept: "application/json",
    };
    const account = options.stripeAccount ?? this.settings.stripeAccount;
    if (account) headers["stripe-account"] = account;
    if (method === "POST") {
      headers["content-type"] = "application/x-www-form-urlencoded";
      headers["idempotency-key"] = options.idempotencyKey ?? `psb-${randomUUID()}`;
    }
    return headers;
  }
}

function parseErrorBody(text: string): StripeErrorBody {
  try {
    const parsed = JSON.parse(text) as { error?: StripeErrorBody };
    if (parsed && typeof parsed.error === "object") return parsed.error;
  } catch {
    // Not JSON: a proxy or load balancer answered, not Stripe.
  }
  return { type: "api_error", message: text.slice(0, 200) || "empty response" };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function numberHeader(value: string | string[] | undefined): number | undefined {
  const text = header(value);
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}
