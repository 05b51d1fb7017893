/**
 * The two front ends over the one engine, driven the same way by the suites that run every
 * resource (the contract, the faults):
 * - the dynamic resource: a `DeclaredProvider` as Pulumi's dynamic provider host calls it, the
 *   resource known by the `__identity` input its class adds to the inputs;
 * - the provider plugin: a `PluginProvider` as ../../provider/plugin/grpc-server calls it, the
 *   resource known by its URN, its settings given through CheckConfig and Configure, and every
 *   value carried as a protocol Struct (so what JSON cannot carry is lost as on the wire).
 * Both answer the same six operations on plain values, so a step runs unchanged through either.
 */
import * as path from "node:path";
import type { AnyDeclaration } from "../../provider/engine/declaration";
import { IDENTITY_INPUT } from "../../provider/engine/common";
import type { CheckFailure, DiffResult } from "../../provider/engine/provider";
import { inputKeys } from "../../provider/engine/resource-diff";
import type { PlainObject } from "../../provider/engine/values";
import { PluginProvider, type PluginDiff } from "../../provider/plugin/resource-provider";
import { typeToken } from "../../provider/plugin/urn";
import { secretValue } from "../../provider/plugin/wire-values";
import type { ClientDeps } from "../../provider/stripe/client";
import { CONFIG_KEYS, CONFIG_NAMESPACE } from "../../provider/stripe/settings";
import type { Harness } from "./emulator";

/** The stack every resource of these suites lives in. */
export const PROJECT = "proj";
export const STACK = "test";

/** What a diff plans, the same from either front end. */
export interface Plan {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** The operations on one resource, as the engine sends them. */
export interface ResourceOps {
  check(olds: PlainObject, news: PlainObject): Promise<{ inputs: PlainObject; failures: CheckFailure[] }>;
  diff(id: string, olds: PlainObject, news: PlainObject): Promise<Plan>;
  create(news: PlainObject): Promise<{ id: string; outs: PlainObject }>;
  read(id: string, props: PlainObject): Promise<{ id?: string; props?: PlainObject; inputs?: PlainObject }>;
  update(id: string, olds: PlainObject, news: PlainObject): Promise<{ outs: PlainObject }>;
  delete(id: string, props: PlainObject): Promise<void>;
  /**
   * `pulumi import <type> <name> <importId>`: a Read with no properties. Only the plugin has it
   * (the engine never imports a dynamic resource; it adopts by `adoptId`).
   */
  import?(importId: string): Promise<{ id: string; props: PlainObject; inputs?: PlainObject }>;
}

export interface ResourceOptions {
  /** Stack config beyond the key and the emulator's address (`stripe-billing:<key>`). */
  config?: Record<string, string>;
  deps?: ClientDeps;
  /** The resource's logical name in the stack. */
  name?: string;
}

export interface FrontEnd {
  /** How test titles name it ("as a dynamic resource"). */
  title: string;
  /** Contract steps that do not apply through this front end, and why. */
  notApplicable: Record<string, string>;
  /** One resource of `decl` in the test stack, wired to the harness's emulator. */
  resource(h: Harness, decl: AnyDeclaration, options?: ResourceOptions): ResourceOps;
}

/** The identity a dynamic resource's class passes: project, stack, parent URN, type, name. */
export function dynamicIdentity(type: string, name: string): string {
  return [PROJECT, STACK, "", type, name].join("::");
}

/** The URN the engine passes the plugin for a top-level resource. */
export function pluginUrn(type: string, name: string): string {
  return `urn:pulumi:${STACK}::${PROJECT}::${typeToken(type)}::${name}`;
}

const DEFAULT_NAME = "subject";

export const dynamicResource: FrontEnd = {
  title: "as a dynamic resource",
  notApplicable: { import: "Pulumi imports no dynamic resource; adoptId adopts instead" },
  resource(h, decl, { config, deps, name = DEFAULT_NAME } = {}) {
    const provider = h.provider(decl, config, deps);
    const identity = dynamicIdentity(decl.type, name);
    return {
      // The class adds the identity to the inputs it registers; check keeps it for the rest.
      check: (olds, news) => provider.check(olds, { [IDENTITY_INPUT]: identity, ...news }),
      diff: async (id, olds, news) => planOf(await provider.diff(id, olds, news)),
      create: (news) => provider.create(news),
      read: (id, props) => provider.read(id, props),
      update: (id, olds, news) => provider.update(id, olds, news),
      delete: (id, props) => provider.delete(id, props),
    };
  },
};

export const providerPlugin: FrontEnd = {
  title: "through the provider plugin",
  notApplicable: {},
  resource(h, decl, { config, deps, name = DEFAULT_NAME } = {}) {
    const plugin = configuredPlugin(h, config, deps);
    const urn = pluginUrn(decl.type, name);
    return {
      check: async (olds, news) => {
        const { inputs, failures } = await plugin.check(urn, wire(olds), wire(news));
        return { inputs: wire(inputs), failures };
      },
      diff: async (id, olds, news) =>
        detailedPlanOf(decl, await plugin.diff(urn, id, wire(olds), wire(news))),
      create: async (news) => {
        const { id, outs } = await plugin.create(urn, wire(news));
        return { id, outs: wire(outs) };
      },
      read: async (id, props) => wired(await plugin.read(urn, id, wire(props))),
      update: async (id, olds, news) => ({
        outs: wire((await plugin.update(urn, id, wire(olds), wire(news))).outs),
      }),
      delete: (id, props) => plugin.delete(urn, id, wire(props)),
      import: async (importId) => wired(await plugin.read(urn, importId)),
    };
  },
};

export const FRONT_ENDS: readonly FrontEnd[] = [dynamicResource, providerPlugin];

/**
 * A plugin configured as the engine does it: the stack config (namespace dropped, the key
 * secret) through CheckConfig, which must pass, then its checked inputs through Configure.
 */
export function configuredPlugin(
  h: Harness,
  config?: Record<string, string>,
  deps?: ClientDeps,
): PluginProvider {
  const plugin = new PluginProvider(h.env(deps));
  const args: PlainObject = {};
  for (const [key, value] of Object.entries(h.config(config))) {
    const name = key.startsWith(`${CONFIG_NAMESPACE}:`) ? key.slice(CONFIG_NAMESPACE.length + 1) : key;
    args[name] = CONFIG_KEYS[name]?.secret ? secretValue(value) : value;
  }
  const checked = plugin.checkConfig(wire(args));
  if (checked.failures.length > 0)
    throw new Error(`CheckConfig refused the test config: ${JSON.stringify(checked.failures)}`);
  plugin.configure(wire(checked.inputs));
  return plugin;
}

/** The dynamic provider's diff as a plan (its per-leaf detail is what the plugin shows). */
function planOf({ changes, replaces, deleteBeforeReplace }: DiffResult | PluginDiff): Plan {
  return { changes, replaces, deleteBeforeReplace };
}

/**
 * The plugin's diff as a plan, once its detailed diff is seen to agree with it: entries exactly
 * when there are changes, each under an input (never an output-only field), `diffs` their
 * top-level inputs, and a replacing kind exactly for the inputs that replace.
 */
export function detailedPlanOf(decl: AnyDeclaration, diff: PluginDiff): Plan {
  const inputs = new Set(inputKeys(decl));
  const paths = Object.entries(diff.detailedDiff);
  const problems: string[] = [];
  if (diff.changes !== paths.length > 0)
    problems.push(`changes is ${diff.changes} with ${paths.length} detailed entries`);
  const roots = new Set(paths.map(([p]) => rootOf(p)));
  for (const root of roots) if (!inputs.has(root)) problems.push(`${root} is not an input`);
  if (!sameSet(roots, diff.diffs)) problems.push(`diffs ${diff.diffs} are not the detailed roots`);
  const replacing = new Set(paths.filter(([, kind]) => kind.endsWith("_REPLACE")).map(([p]) => rootOf(p)));
  if (!sameSet(replacing, diff.replaces))
    problems.push(`replaces ${diff.replaces} but the replacing kinds are under ${[...replacing]}`);
  for (const [p, kind] of paths)
    if (diff.replaces.includes(rootOf(p)) && !kind.endsWith("_REPLACE"))
      problems.push(`${p} is ${kind} under a replaced input`);
  if (problems.length > 0)
    throw new Error(`${decl.type}: the detailed diff disagrees with the plan: ${problems.join("; ")}`);
  return planOf(diff);
}

/** The top-level property of a Pulumi property path (`fixedAmount.amount`, `metadata["a.b"]`). */
export function rootOf(propertyPath: string): string {
  return /^[^.[]*/.exec(propertyPath)![0];
}

function sameSet(a: Set<string>, b: readonly string[]): boolean {
  return a.size === new Set(b).size && b.every((x) => a.has(x));
}

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }),
) as { Struct: { fromJavaScript(v: unknown): { toJavaScript(): PlainObject } } };

/** A property map as it arrives on the other side of the wire (as ../../provider/plugin/grpc-server sends it). */
export function wire(value: PlainObject | undefined): PlainObject {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value ?? {}))).toJavaScript();
}

function wired<T extends { id: string; props: PlainObject; inputs?: PlainObject }>(result: T): T {
  return { ...result, props: wire(result.props), ...(result.inputs && { inputs: wire(result.inputs) }) };
}
