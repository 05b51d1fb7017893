/**
 * Every error this package raises, in one place. Each carries a stable `code` so that
 * callers and tests match on codes rather than on message text, and, where it concerns
 * a user's input, the camelCase `path` of that input.
 */

/** Base class: a stable code plus, where known, the input path the error is about. */
export class StripeBillingError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(redactSecrets(message));
    this.name = new.target.name;
  }
}

/** Settings are missing or unsafe (no API key, a live key without `allowLiveMode`, ...). */
export class ConfigurationError extends StripeBillingError {}

/** An input failed validation; raised at check time, before any Stripe call. */
export class InputError extends StripeBillingError {}

/** A plan that cannot be carried out safely (e.g. updating a canceled subscription schedule). */
export class PlanError extends StripeBillingError {}

/**
 * The object was created (or adopted) in Stripe, but bringing it to the inputs afterwards
 * failed. It carries the object's id and outputs, which Pulumi's dynamic provider host reads
 * to record the object (an initialization failure) rather than orphan it; the next `up`
 * retries the update.
 */
export class PartialCreateError extends StripeBillingError {
  /** Why the object is not settled, as Pulumi shows it. */
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      "partial_create",
      `${why} (${id} was created and is kept in state; the next update applies the rest)`,
      cause instanceof StripeBillingError ? cause.path : undefined,
    );
    this.reasons = [why];
  }
}

/** The request never got an answer from Stripe (connection refused, reset, timeout). */
export class StripeConnectionError extends StripeBillingError {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super("connection_error", message);
  }
}

export interface StripeErrorBody {
  type?: string;
  code?: string;
  param?: string;
  message?: string;
  decline_code?: string;
  doc_url?: string;
}

/** An error answer from the Stripe API, with everything Stripe said about it. */
export class StripeApiError extends StripeBillingError {
  readonly type: string;
  readonly param?: string;
  readonly statusCode: number;
  readonly requestId?: string;
  /** Stripe's own message, without the prefix and suffixes added here. */
  readonly stripeMessage: string;

  constructor(statusCode: number, body: StripeErrorBody, requestId: string | undefined, path?: string) {
    const code = body.code ?? body.type ?? `http_${statusCode}`;
    const where = path ? ` (input ${path})` : body.param ? ` (param ${body.param})` : "";
    const req = requestId ? ` [${requestId}]` : "";
    super(code, `Stripe ${statusCode} ${code}: ${body.message ?? "no message"}${where}${req}`, path);
    this.type = body.type ?? "api_error";
    this.param = body.param;
    this.statusCode = statusCode;
    this.requestId = requestId;
    this.stripeMessage = redactSecrets(body.message ?? "");
  }

  /** The same error, annotated with the camelCase input path that Stripe's `param` refers to. */
  withPath(path: string | undefined): StripeApiError {
    if (!path) return this;
    return new StripeApiError(
      this.statusCode,
      { type: this.type, code: this.code, param: this.param, message: this.stripeMessage },
      this.requestId,
      path,
    );
  }

  get isNotFound(): boolean {
    return (
      this.statusCode === 404 && (this.code === "resource_missing" || this.type === "invalid_request_error")
    );
  }
}

const SECRET_PATTERN = /\b((?:sk|rk)_(?:test|live)_)[A-Za-z0-9]+/g;

/** Keeps API keys out of every message this package prints or throws. */
export function redactSecrets(text: string): string {
  return text.replace(SECRET_PATTERN, (_m, prefix: string) => `${prefix}***`);
}
