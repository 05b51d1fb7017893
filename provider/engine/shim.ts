/**
 * The object Pulumi serializes into state as `__provider`, twice per resource. It must stay
 * tiny and stable: it holds only the resource type name and one method. Pulumi's provider
 * host calls `configure` on every provider it deserializes before any other method (SDK
 * >= 3.216, this package's minimum); `configure` loads the installed package's runtime, which
 * keeps the stack config in memory and attaches check, diff, create, read, update and delete.
 * No secret, no module and no schema is ever captured, and upgrading the package changes the
 * code that runs without touching state.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface ProviderShim extends pulumi.dynamic.ResourceProvider {
  /** The Pulumi type name of the resource, e.g. `ShippingRate`. */
  readonly type: string;
  /** This package's stack config, set by `configure`; never serialized. */
  config?: Record<string, unknown>;
}

const shims = new Map<string, ProviderShim>();

/** One shim per resource type, so Pulumi serializes each type once per program. */
export function providerShim(type: string): ProviderShim {
  let shim = shims.get(type);
  if (!shim) {
    shim = makeShim(type);
    shims.set(type, shim);
  }
  return shim;
}

/**
 * The runtime is named by a literal, not a constant: the shim is serialized alone and captures
 * nothing else. The package entry resolves from the Pulumi project's node_modules.
 */
function makeShim(type: string): ProviderShim {
  return {
    type,
    async configure(...a: unknown[]) {
      return require("pulumi-stripe-billing/runtime").attach(this, a[0]);
    },
  } as ProviderShim;
}
