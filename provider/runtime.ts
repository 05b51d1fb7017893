/**
 * The entry the serialized provider shim loads when Pulumi calls it: `require("pulumi-stripe-billing/runtime")`.
 * Everything heavy (zod, undici, the declarations) lives behind this, in the installed
 * package, so state holds only the shim and upgrades of the package take effect at once.
 */
import { watchParent } from "./host/parent-watch";
import { ConfigurationError } from "./errors";
import { DeclaredProvider } from "./engine/provider";
import type { RawConfig } from "./stripe/settings";
import { CONFIG_NAMESPACE } from "./stripe/settings";
import { declarations } from "./resources";
import type { ProviderShim } from "./engine/shim";

export type Operation = "check" | "diff" | "create" | "read" | "update" | "delete";

/** Keeps only this package's keys of the stack config handed to `configure`. */
export function ownConfig(config: unknown): RawConfig {
  const raw = (config as { rawConfig?: Record<string, unknown> } | undefined)?.rawConfig ?? config ?? {};
  const out: RawConfig = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key.startsWith(`${CONFIG_NAMESPACE}:`)) out[key] = value;
  }
  return out;
}

export function providerFor(type: string, config: RawConfig | undefined): DeclaredProvider {
  const declaration = declarations[type];
  if (!declaration) {
    throw new ConfigurationError(
      "unknown_resource_type",
      `This version of pulumi-stripe-billing has no resource type ${type}; the state was written by another version.`,
    );
  }
  return new DeclaredProvider(declaration, { config });
}

const OPERATIONS: readonly Operation[] = ["check", "diff", "create", "read", "update", "delete"];

/**
 * Called by the shim's `configure`: keeps this package's stack config on the deserialized
 * provider object (in memory only) and gives it the six operations.
 */
export function attach(shim: ProviderShim, request: { config?: unknown } | undefined): void {
  // `configure` runs only in Pulumi's provider host: from now on, writes stop once its parent,
  // Pulumi's engine, is gone.
  watchParent();
  const config = ownConfig(request?.config);
  const target = shim as unknown as Record<string, unknown>;
  target.config = config;
  // One provider (and so one Stripe client per account) for every operation of this resource type.
  let provider: Record<Operation, (...a: unknown[]) => Promise<unknown>> | undefined;
  for (const operation of OPERATIONS) {
    target[operation] = (...args: unknown[]) => {
      provider ??= providerFor(shim.type, config) as unknown as Record<
        Operation,
        (...a: unknown[]) => Promise<unknown>
      >;
      return provider[operation](...args);
    };
  }
}
