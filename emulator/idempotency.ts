/**
 * Idempotency keys as Stripe keeps them: per mode and account, the first executed result is
 * replayed for the same key and parameters; other parameters under the same key are an
 * `idempotency_error`; a key still in flight answers 409. A key is forgotten once it is 24
 * hours old on the emulator's clock, after which it runs as a new request
 * (https://docs.stripe.com/api/idempotent_requests).
 */
import { errors } from "./errors";

/** How long a key is kept, in seconds. */
export const KEY_LIFETIME_SECONDS = 24 * 60 * 60;

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  fingerprint: string;
  /** When the key was first seen, in the emulator's unix seconds. */
  at: number;
  response?: StoredResponse;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /**
   * Called before executing: returns a stored response to replay, or undefined after
   * marking the key in flight. Throws for mismatched parameters or a key in flight.
   */
  begin(scope: string, key: string, fingerprint: string): StoredResponse | undefined {
    const id = `${scope}|${key}`;
    const entry = this.entries.get(id);
    if (!entry || this.now() - entry.at >= KEY_LIFETIME_SECONDS) {
      this.entries.set(id, { fingerprint, at: this.now() });
      return undefined;
    }
    if (entry.fingerprint !== fingerprint) throw errors.idempotencyMismatch(key);
    if (!entry.response) throw errors.idempotencyInFlight();
    return entry.response;
  }

  /** Stores the executed result; validation failures are forgotten so the key can be reused. */
  finish(scope: string, key: string, response: StoredResponse | undefined): void {
    const id = `${scope}|${key}`;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (!response) this.entries.delete(id);
    else entry.response = response;
  }

  clear(): void {
    this.entries.clear();
  }
}
