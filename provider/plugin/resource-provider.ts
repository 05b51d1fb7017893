/**
 * The provider plugin's front end over the one engine: Pulumi's resource-provider operations
 * (CheckConfig, Configure, Check, Diff, Create, Read, Update, Delete) on protocol values, for
 * every declaration, served by ./grpc-server. It differs from the dynamic front end only where
 * the protocol does:
 * - the resource is known by the URN Pulumi passes, so idempotency keys come from it;
 * - config arrives through Configure (a provider resource's inputs, or the stack config);
 * - secrets arrive and leave marked, per top-level property;
 * - Diff answers with a detailed diff (each changed input leaf, update or replace);
 * - Read without properties is `pulumi import`.
 * Validation, exactly-once keys, the live guard, rate limiting and errors are the engine's.
 */
import { ConfigurationError, PartialCreateError } from "../errors";
import type { AnyDeclaration } from "../engine/declaration";
import { DeclaredProvider, type CheckFailure, type ProviderEnv } from "../engine/provider";
import { validateInputs } from "../engine/check";
import { localKeys, type PathChange } from "../engine/resource-diff";
import { containsUnknown, deepEqual, type PlainObject } from "../engine/values";
import { declarations } from "../resources";
import { minimalInputs } from "../spec/export";
import { resolveSettings, CONFIG_KEYS, CONFIG_NAMESPACE, type RawConfig } from "../stripe/settings";
import { resourceTypeOfUrn } from "./urn";
import { markSecrets, revealProperties } from "./wire-values";

/** How one property changes, in the protocol's words (`PropertyDiff.Kind`). */
export type PropertyDiffKind =
  "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";

export interface PluginDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Top-level inputs that change. */
  diffs: string[];
  /** Each changed input leaf by its Pulumi property path (`fixedAmount.amount`, `metadata["a.b"]`). */
  detailedDiff: Record<string, PropertyDiffKind>;
}

export interface ReadResult {
  /** Empty when the object is gone. */
  id: string;
  props: PlainObject;
  inputs?: PlainObject;
}

export class PluginProvider {
  private config: RawConfig = {};
  private readonly providers = new Map<string, DeclaredProvider>();

  constructor(private readonly env: Omit<ProviderEnv, "config"> = {}) {}

  /**
   * The provider's own inputs (an explicit `pulumi:providers:stripe-billing` resource, or the
   * stack config under `stripe-billing:`): unusable settings fail the preview here, naming
   * the key, before any resource is checked. Unknown values (another resource's output) are
   * judged once known.
   */
  checkConfig(news: PlainObject): { inputs: PlainObject; failures: CheckFailure[] } {
    const { props, secrets } = revealProperties(news);
    const failures: CheckFailure[] = [];
    for (const key of Object.keys(props)) {
      // `version` and `__…` keys are the engine's own, not settings.
      if (!(key in CONFIG_KEYS) && key !== "version" && !key.startsWith("__"))
        failures.push({
          property: key,
          reason: `[unknown_config] ${CONFIG_NAMESPACE}:${key} is not a setting of this provider; expected one of ${Object.keys(CONFIG_KEYS).join(", ")}.`,
        });
    }
    if (failures.length === 0 && !containsUnknown(props)) {
      try {
        resolveSettings(configOf(props), this.env.env ?? process.env);
      } catch (err) {
        if (!(err instanceof ConfigurationError)) throw err;
        // No key anywhere is judged per resource: a program may set STRIPE_API_KEY later, and
        // `pulumi import` reads with the environment's key.
        if (err.code !== "missing_api_key")
          failures.push({ property: err.path ?? "apiKey", reason: `[${err.code}] ${err.message}` });
      }
    }
    // The API key stays secret wherever it came from.
    return { inputs: markSecrets(news, [...secrets, ...secretConfigKeys(props)]), failures };
  }

  /** Keeps the provider's settings; every resource type's provider is made afresh with them. */
  configure(args: PlainObject | undefined, variables: Record<string, string> = {}): void {
    const config: RawConfig = {};
    // Older engines send only `variables`: `stripe-billing:config:apiKey` → JSON-ish strings.
    for (const [key, value] of Object.entries(variables)) {
      const match = /^([^:]+):config:(.+)$/.exec(key);
      if (match && match[1] === CONFIG_NAMESPACE) config[`${CONFIG_NAMESPACE}:${match[2]}`] = value;
    }
    Object.assign(config, configOf(revealProperties(args).props));
    this.config = config;
    this.providers.clear();
  }

  async check(
    urn: string,
    olds: PlainObject,
    news: PlainObject,
  ): Promise<{ inputs: PlainObject; failures: CheckFailure[] }> {
    const old = revealProperties(olds);
    const next = revealProperties(news);
    const { inputs, failures } = await this.providerOf(urn).check(old.props, next.props);
    return { inputs: markSecrets(inputs, next.secrets), failures };
  }

  async diff(urn: string, id: string, olds: PlainObject, news: PlainObject): Promise<PluginDiff> {
    const result = await this.providerOf(urn).diff(
      id,
      revealProperties(olds).props,
      revealProperties(news).props,
      urn,
    );
    const replaced = new Set(result.replaces);
    const detailedDiff: Record<string, PropertyDiffKind> = {};
    for (const change of result.detail) {
      const spellable = spellablePath(change.path);
      // A change inside a key Pulumi cannot spell shows as an update of what holds it.
      const shown =
        spellable.length === change.path.length ? change : { ...change, kind: "changed" as const };
      detailedDiff[propertyPath(spellable)] = kindOf(shown, replaced.has(change.path[0]));
    }
    return {
      changes: result.changes,
      replaces: result.replaces,
      deleteBeforeReplace: result.deleteBeforeReplace,
      diffs: [...new Set(result.detail.map((c) => c.path[0]))],
      detailedDiff,
    };
  }

  async create(urn: string, news: PlainObject): Promise<{ id: string; outs: PlainObject }> {
    const next = revealProperties(news);
    try {
      const { id, outs } = await this.providerOf(urn).create(next.props, urn);
      return { id, outs: this.withSecrets(urn, outs, next.secrets) };
    } catch (err) {
      // Created but not settled: recorded in state with its outputs, secrets marked like any.
      if (err instanceof PartialCreateError)
        throw new PartialCreateError(
          err.id,
          this.withSecrets(urn, err.properties as PlainObject, next.secrets),
          err.cause,
        );
      throw err;
    }
  }

  /**
   * Refresh, reading by id (`get`), and `pulumi import`, which sends no properties: the object
   * is read from Stripe alone, and its inputs are what the import writes into the program. An
   * object nested under another (a product's feature) is imported as `<parent id>/<id>`.
   */
  async read(urn: string, id: string, props?: PlainObject, inputs?: PlainObject): Promise<ReadResult> {
    const decl = this.declarationOf(urn);
    const old = revealProperties(props);
    const oldInputs = revealProperties(inputs);
    let previous = old.props;
    let objectId = id;
    const importing = Object.keys(previous).length === 0;
    if (importing) {
      ({ previous, objectId } = importTarget(decl, id, oldInputs.props));
      previous = { ...importedPrevious(decl, objectId), ...previous };
    }
    const result = await this.providerOf(urn).read(objectId, previous);
    if (!result.id) return { id: "", props: {} };
    // The engine checks the inputs read (filling their defaults) and refuses the import if its
    // diff against these outputs then shows changes; the inputs stay what a program would write.
    const outs = importing
      ? { ...result.props, ...localDefaults(decl, result.inputs ?? {}) }
      : (result.props ?? {});
    const secrets = new Set([...old.secrets, ...oldInputs.secrets]);
    // What `pulumi import` prints as code: only what differs from the defaults, as export writes it.
    const read = importing && result.inputs ? minimalInputs(result.inputs, decl.schema()) : result.inputs;
    return {
      id: result.id,
      props: this.withSecrets(urn, outs, secrets),
      inputs: read && markSecrets(read, secrets),
    };
  }

  async update(
    urn: string,
    id: string,
    olds: PlainObject,
    news: PlainObject,
  ): Promise<{ outs: PlainObject }> {
    const next = revealProperties(news);
    const { outs } = await this.providerOf(urn).update(id, revealProperties(olds).props, next.props, urn);
    return { outs: this.withSecrets(urn, outs, next.secrets) };
  }

  async delete(urn: string, id: string, props: PlainObject): Promise<void> {
    await this.providerOf(urn).delete(id, revealProperties(props).props);
  }

  /** Outputs marked secret: what was secret in the inputs, and what the declaration says Stripe hands back secret. */
  private withSecrets(urn: string, outs: PlainObject, secrets: Iterable<string>): PlainObject {
    return markSecrets(outs, [...secrets, ...(this.declarationOf(urn).secretOutputs ?? [])]);
  }

  private declarationOf(urn: string): AnyDeclaration {
    const type = resourceTypeOfUrn(urn);
    const decl = declarations[type];
    if (!decl)
      throw new ConfigurationError(
        "unknown_resource_type",
        `This version of pulumi-stripe-billing has no resource type ${type} (${urn}).`,
      );
    return decl;
  }

  private providerOf(urn: string): DeclaredProvider {
    const decl = this.declarationOf(urn);
    let provider = this.providers.get(decl.type);
    if (!provider) {
      provider = new DeclaredProvider(decl, { ...this.env, config: this.config });
      this.providers.set(decl.type, provider);
    }
    return provider;
  }
}

/** A provider's inputs as the settings read them (`stripe-billing:<key>`). */
function configOf(props: PlainObject): RawConfig {
  return Object.fromEntries(
    Object.entries(props)
      .filter(([key, value]) => key in CONFIG_KEYS && value !== undefined)
      .map(([key, value]) => [`${CONFIG_NAMESPACE}:${key}`, value]),
  );
}

function secretConfigKeys(props: PlainObject): string[] {
  return Object.keys(props).filter((key) => CONFIG_KEYS[key]?.secret);
}

/**
 * What `pulumi import <type> <name> <id>` names: the object, and for one whose Stripe path
 * carries other ids (`/v1/products/{product}/features`), those ids first, `/`-separated.
 */
function importTarget(
  decl: AnyDeclaration,
  id: string,
  inputs: PlainObject,
): { previous: PlainObject; objectId: string } {
  const placeholders = [...decl.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  if (placeholders.length === 0) return { previous: {}, objectId: id };
  const parts = id.split("/");
  if (parts.length === placeholders.length + 1) {
    const previous = Object.fromEntries(placeholders.map((name, i) => [name, parts[i]]));
    return { previous, objectId: parts[placeholders.length] };
  }
  // A refresh of a resource written without properties (rare): its inputs still name the path.
  if (placeholders.every((name) => typeof inputs[name] === "string"))
    return { previous: inputs, objectId: id };
  throw new ConfigurationError(
    "invalid_import_id",
    `${decl.type} lives under ${decl.path}: import it as ${placeholders.map((p) => `<${p}>`).join("/")}/<id>.`,
  );
}

/**
 * The id a program chose, as its input, for an object known only by its id: a product's
 * `productId` when it is not one Stripe generated, a coupon's `couponId`, as the declaration's
 * export rule says of an object found in an account. Without it a program that declares the id
 * (the `import` resource option) would plan a replacement, and the engine refuses the import.
 * The rule sees the id alone here; everything else is read as Stripe holds it.
 */
function importedPrevious(decl: AnyDeclaration, objectId: string): PlainObject {
  const input = decl.identity?.input;
  if (!input) return {};
  const prepared = decl.export?.prepare?.({ id: objectId }, { get: () => undefined });
  const chosen = typeof prepared === "object" ? prepared.previous?.[input] : undefined;
  return chosen === undefined ? {} : { [input]: chosen };
}

/**
 * The defaults of the inputs only this package keeps (a schedule's `deletePolicy` …), as the
 * outputs of an imported object: Stripe's object cannot say what they were, and a program that
 * leaves them out has their defaults.
 */
function localDefaults(decl: AnyDeclaration, inputs: PlainObject): PlainObject {
  const outcome = validateInputs(decl.schema(), inputs);
  if (!outcome.ok) return {};
  return Object.fromEntries(
    localKeys(decl)
      .filter((key) => inputs[key] === undefined && outcome.inputs[key] !== undefined)
      .map((key) => [key, outcome.inputs[key]]),
  );
}

/**
 * The path up to the first key Pulumi's path grammar cannot spell: one ending in a backslash
 * (inside `["…"]`, `\"` is a quote, so nothing can end a key with a backslash).
 */
export function spellablePath(path: readonly string[]): readonly string[] {
  const cut = path.findIndex((key, i) => i > 0 && key.endsWith("\\"));
  return cut === -1 ? path : path.slice(0, cut);
}

/**
 * A Pulumi property path: `a.b`, with keys that are not identifiers quoted (`metadata["x-y"]`).
 * Inside the quotes Pulumi reads `\"` as a quote and every other character as itself, so only
 * quotes are escaped (JSON's escapes would come back as a backslash and a letter).
 */
export function propertyPath(path: readonly string[]): string {
  return path
    .map((key, i) =>
      /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? (i === 0 ? key : `.${key}`) : `["${key.replace(/"/g, '\\"')}"]`,
    )
    .join("");
}

function kindOf(change: PathChange, replaced: boolean): PropertyDiffKind {
  const base = change.kind === "added" ? "ADD" : change.kind === "removed" ? "DELETE" : "UPDATE";
  return replaced || change.createOnly ? `${base}_REPLACE` : base;
}

/** Whether two sets of provider inputs differ (DiffConfig): a new key or account re-reads nothing, so no replace. */
export function configChanged(olds: PlainObject, news: PlainObject): string[] {
  const a = revealProperties(olds).props;
  const b = revealProperties(news).props;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !deepEqual(a[k], b[k]));
}
