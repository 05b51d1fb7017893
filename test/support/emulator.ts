/**
 * An in-process emulator per test file, and providers wired to it with short retry waits.
 */
import { startEmulator, type Emulator } from "../../emulator";
import type { ResourceDeclaration } from "../../provider/engine/declaration";
import { DeclaredProvider, type ProviderEnv } from "../../provider/engine/provider";
import type { ClientDeps } from "../../provider/stripe/client";
import { encodeForm, type FormParams } from "../../provider/stripe/encode";
import { RateLimiter } from "../../provider/stripe/rate-limiter";
import { forgetLookupKeys } from "../../provider/resources/references";

export const TEST_KEY = "sk_test_emulatorcontract0000000000";

export interface Harness {
  emulator: Emulator;
  /** A raw API call to the emulator, as a Stripe client would make it. */
  stripe(method: "GET" | "POST", path: string, params?: FormParams): Promise<any>;
  warnings: string[];
  notes: string[];
  /** Stack config (`stripe-billing:<key>`): the test key, the emulator's address, then `extra`. */
  config(extra?: Record<string, string>): Record<string, string>;
  /** What every provider of this harness runs with besides its config: no process environment, warnings and notes kept, short retry waits. */
  env(deps?: ClientDeps): Omit<ProviderEnv, "config">;
  provider(decl: ResourceDeclaration, config?: Record<string, string>, deps?: ClientDeps): DeclaredProvider;
}

/** Starts one emulator for the file and resets it before each test. */
export function useEmulator(): Harness {
  const harness = { warnings: [] as string[], notes: [] as string[] } as Harness & { emulator: Emulator };
  beforeAll(async () => {
    harness.emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await harness.emulator?.close();
  });
  beforeEach(() => {
    harness.emulator.reset();
    // A new account's data: nothing this process learnt of the last one holds.
    forgetLookupKeys();
    harness.warnings.length = 0;
    harness.notes.length = 0;
  });
  harness.stripe = async (method, path, params = {}) => {
    const body = encodeForm(params);
    const res = await fetch(`${harness.emulator.url}${path}${method === "GET" && body ? `?${body}` : ""}`, {
      method,
      headers: { authorization: `Bearer ${TEST_KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: method === "POST" ? body : undefined,
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  harness.config = (extra = {}) => ({
    "stripe-billing:apiKey": TEST_KEY,
    "stripe-billing:apiBase": harness.emulator.url,
    ...extra,
  });
  harness.env = (deps = {}) => ({
    env: {},
    warn: (m) => harness.warnings.push(m),
    note: (m) => harness.notes.push(m),
    clientDeps: {
      limiter: new RateLimiter({ perSecond: 1000 }),
      policy: { initialDelayMs: 5, maxDelayMs: 50 },
      ...deps,
    },
  });
  harness.provider = (decl, config = {}, deps = {}) =>
    new DeclaredProvider(decl, { config: harness.config(config), ...harness.env(deps) });
  return harness;
}
