#!/usr/bin/env node
/**
 * `pulumi-resource-stripe-billing`: the provider plugin the Pulumi CLI starts for programs in
 * any language (Pulumi YAML, Go, Python …) and for `pulumi import`. It serves the same
 * declarations and engine as the TypeScript dynamic resources.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { watchParent } from "../host/parent-watch";
import { packageRoot, packageVersion } from "../package-info";
import { serve } from "./grpc-server";
import { typeToken } from "./urn";

const BILLING_SETUP = typeToken("BillingSetup");

/** schema.json as shipped, with this package's version. */
function schema(): string {
  const spec = JSON.parse(fs.readFileSync(path.join(packageRoot(), "schema.json"), "utf8")) as Record<
    string,
    unknown
  >;
  return JSON.stringify({ ...spec, version: packageVersion() });
}

// Writes stop once the engine that started this process is gone (a killed `pulumi up`).
watchParent();
serve(process.argv.slice(2), {
  version: packageVersion(),
  schema,
  construct: async (name, type, inputs, opts) => {
    if (type !== BILLING_SETUP) throw new Error(`unknown component resource type ${type}`);
    // Loaded with the first component: it needs all of Pulumi's SDK (about 60 MiB and a second
    // to load), which serving resources does not.
    const { constructBillingSetup } = await import("./billing-setup");
    return constructBillingSetup(name, inputs, opts as never);
  },
}).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
