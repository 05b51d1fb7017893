/**
 * Stripe-shaped errors: `{"error": {type, code, param, message, doc_url}}` with the status
 * Stripe uses for each. Handlers throw these; the server turns them into responses.
 */

export type ErrorType = "invalid_request_error" | "api_error" | "idempotency_error" | "authentication_error";

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly type: ErrorType,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  toBody(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, "-")}`;
    }
    if (this.param) error.param = this.param;
    return { error };
  }
}

export const errors = {
  unknownParameter: (param: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Received unknown parameter: ${param}`,
      "parameter_unknown",
      param,
    ),
  missingParameter: (param: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Missing required param: ${param}.`,
      "parameter_missing",
      param,
    ),
  invalidEmpty: (param: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
      "parameter_invalid_empty",
      param,
    ),
  invalidEnum: (param: string, allowed: readonly string[]) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Invalid ${param}: must be one of ${allowed.join(", ")}`,
      "parameter_invalid_string",
      param,
    ),
  invalidInteger: (param: string, value: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Invalid integer: ${value}`,
      "parameter_invalid_integer",
      param,
    ),
  invalidNumber: (param: string, value: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Invalid decimal: ${value}`,
      "parameter_invalid_decimal",
      param,
    ),
  invalidBoolean: (param: string, value: string) =>
    new StripeError(
      400,
      "invalid_request_error",
      `Invalid boolean: ${value}`,
      "parameter_invalid_boolean",
      param,
    ),
  invalidValue: (param: string, message: string) =>
    new StripeError(400, "invalid_request_error", message, "parameter_invalid_string", param),
  invalid: (message: string, param?: string, code = "invalid_request") =>
    new StripeError(
      400,
      "invalid_request_error",
      message,
      code === "invalid_request" ? undefined : code,
      param,
    ),
  missing: (object: string, id: string, param = "id") =>
    new StripeError(404, "invalid_request_error", `No such ${object}: '${id}'`, "resource_missing", param),
  unrecognizedUrl: (method: string, path: string) =>
    new StripeError(
      404,
      "invalid_request_error",
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    ),
  unauthenticated: (message = "You did not provide an API key.") =>
    new StripeError(401, "authentication_error", message),
  idempotencyMismatch: (key: string) =>
    new StripeError(
      400,
      "idempotency_error",
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
      "idempotency_key_in_use",
    ),
  idempotencyInFlight: () =>
    new StripeError(
      409,
      "invalid_request_error",
      "There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through). Please try again later.",
      "idempotency_key_in_use",
    ),
  rateLimited: () =>
    new StripeError(
      429,
      "invalid_request_error",
      "Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.",
      "rate_limit",
    ),
  lockTimeout: () =>
    new StripeError(
      429,
      "invalid_request_error",
      "This object cannot be accessed right now because another API request or Stripe process is currently accessing it.",
      "lock_timeout",
    ),
  apiError: (status: number) =>
    new StripeError(
      status,
      "api_error",
      "An unknown error occurred while processing the request. Please try again.",
    ),
};
