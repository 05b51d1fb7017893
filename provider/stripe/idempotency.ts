/**
 * Idempotency keys derived from what makes a write the same write, so a process that re-runs
 * an operation a killed one had started gets Stripe to replay the first result instead of
 * doing it twice (https://docs.stripe.com/api/idempotent_requests: keys up to 255 characters,
 * kept for at least 24 hours, replayed only for the same parameters).
 *
 * A key is a hash of: the resource's identity in its stack (project, stack, parent, type,
 * logical name), the operation step (`create`, `settle`, `update`, `delete`), for writes on an
 * existing object a fingerprint of the state the operation started from, the exact request
 * (method, path, parameters) and a generation counter. Neither the API key nor any other
 * setting enters it, and the hash reveals nothing of the parameters.
 */
import { createHash, randomUUID } from "node:crypto";

/** The version of the key format; bumping it changes every key. */
const KEY_FORMAT = "psb1";

/** Stripe's limit on an idempotency key's length. */
export const MAX_KEY_LENGTH = 255;

export type WriteStep = "create" | "settle" | "update" | "delete" | "snapshot";

/** Everything about one write except the request itself. */
export interface WriteScope {
  step: WriteStep;
  /** The resource's identity in its stack; absent for callers outside a Pulumi program. */
  identity?: string;
  /** A fingerprint of the state an operation on an existing object started from. */
  base?: string;
  /**
   * Raised when Stripe replays a result that no longer describes the object (a previous
   * generation of the same write): the next generation is a new write.
   */
  generation?: number;
}

/**
 * The key for one write. A create with no identity cannot be told apart from another
 * resource's identical create, so it gets a random key (the behaviour within one process).
 */
export function deriveIdempotencyKey(
  scope: WriteScope,
  method: string,
  path: string,
  params: unknown,
): string {
  const material = canonicalJson({
    format: KEY_FORMAT,
    identity: scope.identity ?? (scope.step === "create" ? `anonymous:${randomUUID()}` : null),
    step: scope.step,
    base: scope.base ?? null,
    generation: scope.generation ?? 0,
    method,
    path,
    params,
  });
  const digest = createHash("sha256").update(material).digest("base64url");
  return `${KEY_FORMAT}-${scope.step}-${scope.generation ?? 0}-${digest}`;
}

/** A short, stable fingerprint of a value (e.g. the outputs an update starts from). */
export function fingerprint(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, 22);
}

/** JSON with object keys sorted at every level and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
