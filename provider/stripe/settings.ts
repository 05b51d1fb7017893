/**
 * Where credentials and client settings come from: the stack config the engine hands to the
 * provider's `configure` (namespace `stripe-billing:`), else `STRIPE_*` environment variables
 * read at call time. Nothing here is ever written to inputs, outputs or state.
 */
import { ConfigurationError } from "../errors";

export const CONFIG_NAMESPACE = "stripe-billing";
/** The Stripe API version this package is written and tested against. */
export const PINNED_API_VERSION = "2026-10-28.endive";
export const DEFAULT_API_BASE = "https://api.stripe.com";
/** Stripe's documented limits: 25 requests/s in test mode, 100 in live mode. */
export const DEFAULT_RATE_LIMITS = { test: 25, live: 100 } as const;

export type Mode = "test" | "live";

export interface StripeSettings {
  apiKey: string;
  mode: Mode;
  apiBase: string;
  apiVersion: string;
  stripeAccount?: string;
  maxRetries?: number;
  /** Requests per second for this process and account. */
  rateLimit: number;
  /** In live mode, replacements and destroys that retire objects are allowed. */
  allowLiveDestroy?: boolean;
}

/** Stack config as `configure` receives it: keys with or without the `stripe-billing:` prefix. */
export type RawConfig = Record<string, unknown>;

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9]+$/;

export function resolveSettings(
  config: RawConfig | undefined,
  env: NodeJS.ProcessEnv = process.env,
  overrides: { stripeAccount?: string } = {},
): StripeSettings {
  const get = (key: string): string | undefined => {
    const value = config?.[`${CONFIG_NAMESPACE}:${key}`] ?? config?.[key];
    if (value === undefined || value === null || value === "") return undefined;
    return typeof value === "string" ? value : JSON.stringify(value);
  };

  const apiKey = get("apiKey") ?? nonEmpty(env.STRIPE_API_KEY);
  if (!apiKey) {
    throw new ConfigurationError(
      "missing_api_key",
      `No Stripe API key: set it with \`pulumi config set --secret ${CONFIG_NAMESPACE}:apiKey <key>\` or the STRIPE_API_KEY environment variable.`,
    );
  }
  const match = KEY_PATTERN.exec(apiKey);
  if (!match) {
    throw new ConfigurationError(
      "invalid_api_key",
      "The Stripe API key does not look like a secret (sk_) or restricted (rk_) key.",
    );
  }
  const mode = match[2] as Mode;
  if (mode === "live" && !parseBoolean(get("allowLiveMode"), "allowLiveMode")) {
    throw new ConfigurationError(
      "live_mode_refused",
      `A live-mode Stripe key was given but live mode is not enabled: set \`${CONFIG_NAMESPACE}:allowLiveMode\` to true to change live billing objects.`,
    );
  }

  return {
    apiKey,
    mode,
    apiBase: (get("apiBase") ?? nonEmpty(env.STRIPE_API_BASE) ?? DEFAULT_API_BASE).replace(/\/+$/, ""),
    apiVersion: get("apiVersion") ?? PINNED_API_VERSION,
    stripeAccount: overrides.stripeAccount ?? get("stripeAccount") ?? nonEmpty(env.STRIPE_ACCOUNT),
    maxRetries: parseCount(get("maxRetries"), "maxRetries"),
    rateLimit: parsePositive(get("rateLimit"), "rateLimit") ?? DEFAULT_RATE_LIMITS[mode],
    allowLiveDestroy: parseBoolean(get("allowLiveDestroy"), "allowLiveDestroy"),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

function parseBoolean(value: string | undefined, key: string): boolean {
  if (value === undefined) return false;
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConfigurationError("invalid_config", `${CONFIG_NAMESPACE}:${key} must be true or false.`, key);
}

function parseCount(value: string | undefined, key: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new ConfigurationError("invalid_config", `${CONFIG_NAMESPACE}:${key} must be a whole number.`, key);
  }
  return n;
}

function parsePositive(value: string | undefined, key: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n > 0)) {
    throw new ConfigurationError(
      "invalid_config",
      `${CONFIG_NAMESPACE}:${key} must be a positive number.`,
      key,
    );
  }
  return n;
}

/** Every stack config key of this package (`stripe-billing:<key>`), for the package schema. */
export const CONFIG_KEYS: Readonly<
  Record<string, { type: "string" | "boolean" | "integer"; secret?: boolean; description: string }>
> = {
  apiKey: {
    type: "string",
    secret: true,
    description:
      "Stripe secret (`sk_…`) or restricted (`rk_…`) key; the `STRIPE_API_KEY` environment variable when unset. A live key also needs `allowLiveMode`.",
  },
  stripeAccount: {
    type: "string",
    description:
      "The Connect account (`acct_…`) every resource acts in unless it sets its own; `STRIPE_ACCOUNT` when unset.",
  },
  apiBase: {
    type: "string",
    description: "The API address, e.g. a local emulator; `STRIPE_API_BASE` when unset, else Stripe's own.",
  },
  apiVersion: {
    type: "string",
    description: `The Stripe API version sent with every request; ${PINNED_API_VERSION} when unset.`,
  },
  allowLiveMode: {
    type: "boolean",
    description: "Set to true to allow a live-mode key; otherwise one is refused before any request.",
  },
  allowLiveDestroy: {
    type: "boolean",
    description:
      "In live mode, set to true to allow replacements and destroys that archive, expire, deactivate, release or cancel an object; otherwise a replacement fails the preview, naming each resource and what would happen to it, and a destroy fails before any write.",
  },
  maxRetries: {
    type: "integer",
    description: "Retries per request on network errors, 409, 429 and 5xx answers (default 6).",
  },
  rateLimit: {
    type: "integer",
    description: `Requests per second for this process and account (default ${DEFAULT_RATE_LIMITS.test} in test mode, ${DEFAULT_RATE_LIMITS.live} in live mode).`,
  },
};
