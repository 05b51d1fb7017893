/**
 * Idempotency keys as Stripe keeps them: per mode and account, the first executed result is
 * replayed for the same key and parameters; other parameters under the same key are an
 * `idempotency_error`; a key still in flight answers 409.
 */
import { errors } from "./errors";

export interface StoredResponse {
  status: number;
  body: string;
}

interface Entry {
  fingerprint: string;
  response?: StoredResponse;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  /**
   * Called before executing: returns a stored response to replay, or undefined after
   * marking the key in flight. Throws for mismatched parameters or a key in flight.
   */
  begin(scope: string, key: string, fingerprint: string): StoredResponse | undefined {
    const id = `${scope}|${key}`;
    const entry = this.entries.get(id);
    if (!entry) {
      this.entries.set(id, { fingerprint });
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
