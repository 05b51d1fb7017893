/**
 * The generic dynamic provider: one declaration in, Pulumi's six operations out. This file
 * knows nothing of any particular Stripe object.
 */
import { ConfigurationError, InputError, PartialCreateError, PlanError, StripeApiError } from "../errors";
import { StripeClient, type ClientDeps } from "../stripe/client";
import { deriveIdempotencyKey, fingerprint } from "../stripe/idempotency";
import type { FormParams } from "../stripe/encode";
import { resolveSettings, type RawConfig, type StripeSettings } from "../stripe/settings";
import { formatIssue, validateInputs } from "./check";
import { inputPathOfParam, snakeCase, toStripeKeys } from "./casing";
import { COMMON_LOCAL_INPUTS, IDENTITY_INPUT } from "./common";
import {
  collectionPath,
  type AnyDeclaration,
  type ObjectApi,
  type OperationContext,
  type StripeList,
  type StripeObject,
} from "./declaration";
import { STRIPE_PARAMS } from "../stripe/stripe-params";
import { diffInputs, emptiesUnset, planDelta, replacingPaths, type Delta, type InputDiff } from "./diff";
import { viewOf } from "./view";
import {
  guardedApi,
  liveDestroyRefused,
  liveDestroyWarning,
  recordingApi,
  type RetiringWrite,
} from "./live-guard";
import { replayableWrite, retired, type ReplayableWrites, type WriteTarget } from "./writes";
import { containsUnknown, isPlainObject, pick, prune, withoutPath, type PlainObject } from "./values";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export interface ProviderEnv {
  config?: RawConfig;
  env?: NodeJS.ProcessEnv;
  /** Where warnings go; the provider host shows stderr lines in the CLI's output. */
  warn?: (message: string) => void;
  /** Where notes go (what an operation did); stderr by default. */
  note?: (message: string) => void;
  /** Retry timing and limiter for the client; tests shorten the waits. */
  clientDeps?: ClientDeps;
  /**
   * The calls on the resource's Stripe object for resolved settings (default: the HTTP client
   * on the declaration's path). Tests pass a fake.
   */
  api?: (settings: StripeSettings, decl: AnyDeclaration) => ObjectApi;
}

export class DeclaredProvider {
  /** One client per account (and key) for the provider's life, not one per operation. */
  private readonly clients = new Map<string, StripeClient | ObjectApi>();

  constructor(
    private readonly decl: AnyDeclaration,
    private readonly env: ProviderEnv = {},
  ) {}

  /** Input keys, in schema order. */
  get inputKeys(): string[] {
    return Object.keys(this.decl.schema().shape);
  }

  /** Inputs never sent as parameters: this package's own, and those the path carries. */
  private get localKeys(): string[] {
    const inPath = [...this.decl.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    return [...COMMON_LOCAL_INPUTS, ...(this.decl.local ?? []), ...inPath];
  }

  /** Output keys the provider keeps itself, carried from state to state. */
  private get stateKeys(): string[] {
    return [...(this.decl.state ?? []), ...(this.decl.partial ? ["managedInputs"] : [])];
  }

  /** State written with every create and update: for a partial resource, which inputs it manages. */
  private freshState(inputs: PlainObject): PlainObject {
    if (!this.decl.partial) return {};
    return { managedInputs: leafPaths(omit(pick(inputs, this.inputKeys) as PlainObject, this.localKeys)) };
  }

  private get createOnly(): string[] {
    return ["stripeAccount", ...this.decl.createOnly];
  }

  async check(
    olds: PlainObject,
    news: PlainObject,
  ): Promise<{ inputs: PlainObject; failures: CheckFailure[] }> {
    const outcome = validateInputs(this.decl.schema(), withoutInternal(news));
    const failures: CheckFailure[] = outcome.ok
      ? []
      : outcome.issues.map((issue) => ({
          property: issue.path.split(".")[0] || "",
          reason: `${this.decl.type}: ${formatIssue(issue)}`,
        }));
    // Settings are judged at preview too (a live key without allowLiveMode, no key at all),
    // so a plan that could never apply fails before anything is sent.
    const account = typeof news.stripeAccount === "string" ? news.stripeAccount : undefined;
    try {
      resolveSettings(this.env.config, this.env.env ?? process.env, { stripeAccount: account });
    } catch (err) {
      if (!(err instanceof ConfigurationError)) throw err;
      failures.push({ property: err.path ?? "", reason: `${this.decl.type}: [${err.code}] ${err.message}` });
    }
    if (!outcome.ok || failures.length > 0) return { inputs: news, failures };
    const adoption = typeof news.adoptId === "string" && olds.adoptId !== news.adoptId;
    if (adoption && !containsUnknown(outcome.inputs))
      failures.push(...(await this.checkAdoption(outcome.inputs)));
    if (failures.length > 0) return { inputs: news, failures };
    let inputs = outcome.inputs;
    if (this.decl.resolve) {
      try {
        inputs = await this.decl.resolve(this.context(inputs), inputs);
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        const path = err.path ?? "";
        const reason = `${this.decl.type}: [${err.code}] ${path || "(inputs)"}: ${err.message}`;
        return { inputs: news, failures: [{ property: path.split(".")[0], reason }] };
      }
    }
    return { inputs: { ...inputs, ...internal(news) }, failures: [] };
  }

  /**
   * Adopting an object whose create-only fields differ from the inputs would need a
   * replacement, which adoption must never do: say so at preview, naming the fields.
   */
  private async checkAdoption(inputs: PlainObject): Promise<CheckFailure[]> {
    const adoptId = String(inputs.adoptId);
    try {
      const existing = await this.context(inputs).api.retrieve(adoptId);
      const mismatch = this.adoptionMismatch(existing, inputs);
      return mismatch
        ? [
            {
              property: "adoptId",
              reason: `${this.decl.type}: [adopt_mismatch] adoptId: ${mismatch.message}`,
            },
          ]
        : [];
    } catch (err) {
      if (err instanceof StripeApiError && err.isNotFound) {
        return [
          {
            property: "adoptId",
            reason: `${this.decl.type}: [adopt_missing] adoptId: no ${this.decl.stripeObject} ${adoptId} in this account.`,
          },
        ];
      }
      throw err;
    }
  }

  /**
   * What changes from the old outputs to the new inputs, input leaf by leaf, and which
   * changed paths force a replacement: what diff decides on and a reviewer's plan shows.
   */
  changes(olds: PlainObject, news: PlainObject): InputDiff & { replacing: string[][] } {
    const keys = this.inputKeys;
    const next = pick(news, keys) as PlainObject;
    const diff = diffInputs(this.managed(olds, next), next, keys, this.createOnly);
    return { ...diff, replacing: replacingPaths(diff.changed, this.createOnly) };
  }

  async diff(id: string, olds: PlainObject, news: PlainObject): Promise<DiffResult> {
    const keys = this.inputKeys;
    const next = pick(news, keys) as PlainObject;
    const managed = this.managed(olds, next);
    const { changed, replaces } = diffInputs(managed, next, keys, this.createOnly);
    // A removal Stripe cannot carry out in place replaces the object where the declaration
    // says so, and otherwise fails the preview, naming the input (unless it is replaced anyway).
    const cannotUnset = changed.length > 0 ? this.unsettableInputs(this.delta(managed, next)) : [];
    const replaceOnRemove = (this.decl.replaceOnRemove ?? []).map((p) => p.split("."));
    const refused: string[] = [];
    for (const path of cannotUnset) {
      const segments = path.split(".");
      if (replaceOnRemove.some((r) => matchesPattern(segments, r))) replaces.push(segments[0]);
      else refused.push(path);
    }
    if (refused.length > 0 && replaces.length === 0) {
      throw new PlanError(
        "cannot_unset",
        `${this.decl.type}: ${refused.join(", ")} cannot be removed: Stripe has no way to unset ${refused.length === 1 ? "it" : "them"} on an existing ${this.decl.stripeObject}. Keep the input, or set it to the value you want.`,
        refused[0],
      );
    }
    if (!containsUnknown(next)) replaces.push(...(this.decl.replaceWhen?.(olds, next) ?? []));
    const replacing = [...new Set(replaces)];
    const problems = this.decl.planErrors?.(olds, next, { changed, replaces: replacing }) ?? [];
    if (problems.length > 0) {
      throw new PlanError("unsafe_plan", `${this.decl.type}: ${problems.join(" ")}`);
    }
    if (replaces.length > 0) await this.guardLiveReplacement(id, olds, news);
    if (this.decl.previewWarnings && replaces.length > 0) {
      await this.decl.previewWarnings(this.context(withoutInternal(olds)), id, olds, next, { replaces });
    }
    return {
      changes: changed.length > 0,
      replaces: replacing,
      deleteBeforeReplace: replacing.length > 0 && this.decl.deleteBeforeReplace === true,
    };
  }

  async create(news: PlainObject): Promise<{ id: string; outs: PlainObject }> {
    const inputs = withoutInternal(news);
    const identity = identityOf(news);
    const ctx = this.context(inputs, {
      step: "create",
      identity,
      // An archived object stands for this create only when the inputs ask for one.
      reusable: (object) => !retired(object) || inputs.active === false,
    });
    const state: PlainObject = {};
    const object = await this.annotate(async () => {
      if (typeof inputs.adoptId === "string") return this.adopt(ctx, inputs.adoptId, inputs, identity);
      const params = this.createParams(omit(inputs, this.decl.updateOnly ?? []));
      const created = this.decl.create
        ? await this.decl.create(ctx, inputs, params, state)
        : await ctx.api.create(params as FormParams);
      return this.settle(created, inputs, identity);
    });
    return {
      id: String(object.id),
      outs: this.outputs(object, inputs, { ...state, ...this.freshState(inputs) }),
    };
  }

  async read(
    id: string,
    props: PlainObject,
  ): Promise<{ id?: string; props?: PlainObject; inputs?: PlainObject }> {
    const previous = withoutInternal(props);
    const ctx = this.context(previous);
    const object = await this.annotate(() =>
      this.decl.read ? this.decl.read(ctx, id, previous) : retrieveOrGone(ctx.api, id),
    );
    if (!object) return { id: "", props: {} };
    const outs = this.outputs(object, previous, pick(previous, this.stateKeys) as PlainObject);
    return { id: String(object.id ?? id), props: outs, inputs: pick(outs, this.inputKeys) as PlainObject };
  }

  async update(id: string, olds: PlainObject, news: PlainObject): Promise<{ outs: PlainObject }> {
    const previous = withoutInternal(olds);
    const inputs = withoutInternal(news);
    const ctx = this.context(inputs, {
      step: "update",
      identity: identityOf(news),
      base: fingerprint(previous),
    });
    const next = pick(inputs, this.inputKeys) as PlainObject;
    const delta = this.updateParams(this.managed(previous, next), next);
    const object = await this.annotate(() =>
      this.decl.update
        ? this.decl.update(ctx, id, previous, inputs, delta)
        : Object.keys(delta).length > 0
          ? ctx.api.update(id, delta as FormParams)
          : ctx.api.retrieve(id),
    );
    const state = { ...(pick(previous, this.stateKeys) as PlainObject), ...this.freshState(inputs) };
    return { outs: this.outputs(object, inputs, state) };
  }

  async delete(id: string, props: PlainObject): Promise<void> {
    const previous = withoutInternal(props);
    const ctx = this.context(previous, { step: "delete", base: fingerprint(previous) });
    const live = this.liveDestroy(previous);
    if (live.live && !live.allowed && !approvedReplacements.has(id)) {
      ctx.api = guardedApi(ctx.api, collectionPath(this.decl, previous), (write) =>
        liveDestroyRefused(this.decl.type, id, "destroying", [write]),
      );
    }
    await this.annotate(async () => {
      try {
        await this.decl.delete(ctx, id, previous);
      } catch (err) {
        // Already gone counts as deleted: every delete is safe to run twice.
        if (err instanceof StripeApiError && err.isNotFound) return;
        throw err;
      }
    });
  }

  /**
   * Whether the resource lives in live mode, and whether retiring its object is allowed there
   * (the stack config or the resource's own `allowLiveDestroy`).
   */
  private liveDestroy(outputs: PlainObject): { live: boolean; allowed: boolean } {
    const account = typeof outputs.stripeAccount === "string" ? outputs.stripeAccount : undefined;
    try {
      const settings = resolveSettings(this.env.config, this.env.env ?? process.env, {
        stripeAccount: account,
      });
      return {
        live: settings.mode === "live",
        allowed: settings.allowLiveDestroy === true || outputs.allowLiveDestroy === true,
      };
    } catch (err) {
      // No usable settings: check reports it, and no write can be sent anyway.
      if (err instanceof ConfigurationError) return { live: false, allowed: false };
      throw err;
    }
  }

  /**
   * A replacement in live mode: what the old object's delete would retire, learnt by running it
   * with its writes recorded and not sent. Refused without allowLiveDestroy (the stack config,
   * or the resource's opt-in in the old outputs or in the new inputs).
   */
  private async guardLiveReplacement(id: string, olds: PlainObject, news: PlainObject): Promise<void> {
    const previous = withoutInternal(olds);
    const { live, allowed } = this.liveDestroy(previous);
    if (!live) return;
    const ctx = this.context(previous);
    const recorded: RetiringWrite[] = [];
    try {
      await this.decl.delete(
        { ...ctx, api: recordingApi(ctx.api, collectionPath(this.decl, previous), recorded) },
        id,
        previous,
      );
    } catch (err) {
      if (!(err instanceof StripeApiError && err.isNotFound)) throw err;
    }
    if (recorded.length === 0) return;
    const name = identityOf(news)?.split("::").pop() ?? id;
    if (!allowed && news.allowLiveDestroy !== true) {
      throw liveDestroyRefused(this.decl.type, name, "replacing", recorded);
    }
    // The delete that follows receives only the old outputs: remember the new inputs' yes.
    if (news.allowLiveDestroy === true) approvedReplacements.add(id);
    ctx.warn(liveDestroyWarning(name, recorded));
  }

  /** Stripe parameters for the Stripe-side inputs. */
  toParams(inputs: PlainObject): PlainObject {
    const remote = omit(inputs, this.localKeys);
    return this.decl.toParams
      ? this.decl.toParams(remote)
      : (toStripeKeys(remote, this.decl.maps) as PlainObject);
  }

  /** The create parameters: an empty list is sent as `""` where Stripe's types allow it. */
  createParams(inputs: PlainObject): PlainObject {
    const tree = stripeParams(`POST ${this.decl.path}`);
    return emptiesUnset(this.toParams(inputs), tree) as PlainObject;
  }

  /**
   * From old to new inputs, the update parameters and what Stripe cannot unset; create-only
   * fields are never sent. Removals follow the update endpoint's parameter table.
   */
  delta(olds: PlainObject, news: PlainObject): Delta {
    return planDelta(this.toParams(this.clearedByStripe(olds, news)), this.toParams(news), {
      exclude: this.decl.createOnly.map(stripePath),
      whole: (this.decl.sendWhole ?? []).map(stripePath),
      values: (this.decl.wholeValues ?? []).map(stripePath),
      tree: stripeParams(`POST ${this.decl.path}/{id}`) ?? stripeParams(`POST ${this.decl.path}`),
    });
  }

  /**
   * The old inputs as Stripe will hold them once the new ones apply: values Stripe clears
   * itself under the new inputs are gone, so their removal is neither sent nor refused.
   */
  private clearedByStripe(olds: PlainObject, news: PlainObject): PlainObject {
    let out = olds;
    for (const rule of this.decl.clearedByStripe ?? []) {
      if (rule.when(news)) {
        out = withoutPath(out, String(rule.path).split(".")) as PlainObject;
      }
    }
    return out;
  }

  /** The update parameters; a removal Stripe cannot do is an error here (diff refuses it first). */
  updateParams(olds: PlainObject, news: PlainObject): PlainObject {
    const delta = this.delta(olds, news);
    const refused = this.unsettableInputs(delta);
    if (refused.length > 0) {
      throw new PlanError(
        "cannot_unset",
        `${this.decl.type}: ${refused.join(", ")} cannot be removed in place: Stripe has no way to unset ${refused.length === 1 ? "it" : "them"}.`,
        refused[0],
      );
    }
    return delta.params;
  }

  /** Input paths (dotted camelCase) of what a delta could not unset. */
  private unsettableInputs(delta: Delta): string[] {
    return delta.unsettable.map(
      (segments) =>
        inputPathOfParam(segments.map((s, i) => (i === 0 ? s : `[${s}]`)).join(""), this.decl.maps) ??
        segments.join("."),
    );
  }

  /** Outputs: the object in input shape, the local inputs, kept state, and output-only fields. */
  outputs(object: StripeObject, inputs: PlainObject, state: PlainObject = {}): PlainObject {
    const view = viewOf(this.decl, object, inputs);
    return prune({ ...view.inputs, ...pick(inputs, this.localKeys), ...state, ...view.computed });
  }

  /** The old inputs this provider manages: all of them, or for a partial resource what the new inputs give. */
  private managed(olds: PlainObject, news: PlainObject): PlainObject {
    const inputs = pick(olds, this.inputKeys) as PlainObject;
    return this.decl.partial ? restrictTo(inputs, news) : inputs;
  }

  private async adopt(
    ctx: OperationContext,
    adoptId: string,
    inputs: PlainObject,
    identity: string | undefined,
  ): Promise<StripeObject> {
    const existing = await ctx.api.retrieve(adoptId);
    const mismatch = this.adoptionMismatch(existing, inputs);
    if (mismatch) throw mismatch;
    return this.settle(existing, inputs, identity);
  }

  /** The error adopting `existing` would be, when its create-only fields differ from the inputs. */
  private adoptionMismatch(existing: StripeObject, inputs: PlainObject): InputError | undefined {
    const current = viewOf(this.decl, existing, inputs).inputs;
    const remoteKeys = this.inputKeys.filter((k) => !this.localKeys.includes(k));
    const { replaces } = diffInputs(current, inputs, remoteKeys, this.decl.createOnly);
    // What Stripe cannot remove from it in place would need a replacement too.
    const next = pick(inputs, this.inputKeys) as PlainObject;
    replaces.push(...this.unsettableInputs(this.delta(this.managed(current, next), next)));
    if (replaces.length === 0) return undefined;
    return new InputError(
      "adopt_mismatch",
      `${this.decl.type}: ${existing.id} cannot be adopted: its create-only ${replaces.join(", ")} differ from the inputs (adopting it would need a replacement). Change the inputs to match the object, or drop adoptId to create a new one.`,
      replaces[0],
    );
  }

  /** Brings a just-created or adopted object to the inputs Stripe did not take at creation. */
  private async settle(
    object: StripeObject,
    inputs: PlainObject,
    identity: string | undefined,
  ): Promise<StripeObject> {
    const ctx = this.context(inputs, { step: "settle", identity });
    const next = pick(inputs, this.inputKeys) as PlainObject;
    const current = this.managed(viewOf(this.decl, object, inputs).inputs, next);
    const delta = this.updateParams(current, next);
    if (Object.keys(delta).length === 0) return object;
    const id = String(object.id);
    try {
      return this.decl.update
        ? await this.decl.update(ctx, id, this.outputs(object, inputs), inputs, delta)
        : await ctx.api.update(id, delta as FormParams);
    } catch (err) {
      // The object exists: report it so Pulumi records it instead of orphaning it.
      throw new PartialCreateError(id, this.outputs(object, inputs), err);
    }
  }

  private context(inputs: PlainObject, writes?: ReplayableWrites): OperationContext {
    const account = typeof inputs.stripeAccount === "string" ? inputs.stripeAccount : undefined;
    const settings = resolveSettings(this.env.config, this.env.env ?? process.env, {
      stripeAccount: account,
    });
    const key = [settings.apiBase, settings.apiKey, settings.apiVersion, settings.stripeAccount ?? ""].join(
      "|",
    );
    const warn = this.env.warn ?? ((message: string) => console.error(`warning: ${message}`));
    const note = this.env.note ?? ((message: string) => console.error(message));
    return {
      api: this.apiFor(key, settings, writes, inputs),
      scope: fingerprint(key),
      warn: (m) => warn(`${this.decl.type}: ${m}`),
      note: (m) => note(`${this.decl.type}: ${m}`),
    };
  }

  /** The object API for these settings: the environment's, or the HTTP client's (kept per key). */
  private apiFor(
    key: string,
    settings: StripeSettings,
    writes: ReplayableWrites | undefined,
    inputs: PlainObject,
  ): ObjectApi {
    let held = this.clients.get(key);
    if (!held) {
      held = this.env.api
        ? this.env.api(settings, this.decl)
        : new StripeClient(settings, this.env.clientDeps);
      this.clients.set(key, held);
    }
    return held instanceof StripeClient
      ? objectApi(held, collectionPath(this.decl, inputs), this.decl.expand, writes)
      : held;
  }

  /** Errors from Stripe name the input the user wrote, not only Stripe's parameter. */
  private async annotate<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StripeApiError) throw err.withPath(inputPathOfParam(err.param, this.decl.maps));
      throw err;
    }
  }
}

/**
 * Calls on one collection path; `expand` is added to every read and write of an object. Every
 * write's idempotency key is derived from `writes` and the request, so it can be replayed.
 */
export function objectApi(
  client: StripeClient,
  path: string,
  expand: readonly string[] = [],
  writes: ReplayableWrites = { step: "update" },
): ObjectApi {
  const at = (id: string) => `${path}/${encodeURIComponent(id)}`;
  // Expansions name fields of this object: other objects' endpoints get none.
  const expandsAt = (p: string) => p === path || p.startsWith(`${path}/`);
  const withExpand = (params: FormParams, p = path): FormParams =>
    expand.length > 0 && expandsAt(p) ? { ...params, expand: [...expand] } : params;
  const write = (p: string, params: FormParams, target: WriteTarget) =>
    replayableWrite(client, writes, p, withExpand(params, p), target, withExpand({}, p));
  const onObject = (p: string): WriteTarget => ({ kind: "object", readPath: () => p });
  return {
    retrieve: (id) => client.get<StripeObject>(at(id), withExpand({})),
    create: (params) =>
      write(path, params, { kind: "create", readPath: (created) => at(String(created.id)) }),
    update: (id, params) => write(at(id), params, onObject(at(id))),
    action: (id, action, params = {}) => write(`${at(id)}/${action}`, params, onObject(at(id))),
    get: (p, params = {}) => client.get<StripeObject>(p, withExpand(params, p)),
    post: (p, params) => write(p, params, onObject(p)),
    firstSeen: async (p) => {
      // Without the resource's identity no key can stand for it: read as it is now.
      if (writes.identity === undefined) return client.get<StripeObject>(p, withExpand({}, p));
      const idempotencyKey = deriveIdempotencyKey({ ...writes, step: "snapshot" }, "POST", p, {});
      return (await client.send<StripeObject>("POST", p, withExpand({}, p), { idempotencyKey })).body;
    },
    remove: (id) => client.request<StripeObject>("DELETE", at(id), {}),
    list: (p, params = {}) => client.get<StripeList>(p, params),
  };
}

/** The parameter tree of an endpoint, whatever its path's placeholders are named. */
function stripeParams(endpoint: string): (typeof STRIPE_PARAMS)[string] | undefined {
  const shape = (e: string) => e.replace(/\{\w+\}/g, "{}");
  return (
    STRIPE_PARAMS[endpoint] ??
    Object.entries(STRIPE_PARAMS).find(([key]) => shape(key) === shape(endpoint))?.[1]
  );
}

async function retrieveOrGone(api: ObjectApi, id: string): Promise<StripeObject | undefined> {
  try {
    return await api.retrieve(id);
  } catch (err) {
    if (err instanceof StripeApiError && err.isNotFound) return undefined;
    throw err;
  }
}

/** A path matches a pattern that is a prefix of it (`*` standing for any one key). */
function matchesPattern(path: readonly string[], pattern: readonly string[]): boolean {
  return path.length >= pattern.length && pattern.every((p, i) => p === "*" || p === path[i]);
}

/** An input path (`fixedAmount.amount`) in Stripe's spelling (`fixed_amount.amount`). */
function stripePath(path: string): string {
  return path
    .split(".")
    .map((s) => (s === "*" ? s : snakeCase(s)))
    .join(".");
}

/** The parts of `value` that `shape` also has, level by level (arrays and leaves whole). */
function restrictTo(value: PlainObject, shape: PlainObject): PlainObject {
  const out: PlainObject = {};
  for (const key of Object.keys(shape)) {
    const v = value[key];
    if (v === undefined) continue;
    const s = shape[key];
    out[key] = isPlainObject(v) && isPlainObject(s) ? restrictTo(v, s) : v;
  }
  return out;
}

/** Dotted paths of the leaves of an input tree (arrays count as leaves). */
export function leafPaths(value: PlainObject, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return isPlainObject(child) ? leafPaths(child, path) : [path];
  });
}

/**
 * Objects whose replacement the new inputs allowed in live mode (`allowLiveDestroy: true`),
 * seen by diff in this provider host: their delete, which receives only the old outputs, is
 * allowed too.
 */
const approvedReplacements = new Set<string>();

/** The resource's identity in its stack, passed by the resource class (see ../pulumi/base). */
function identityOf(props: PlainObject): string | undefined {
  return typeof props[IDENTITY_INPUT] === "string" ? (props[IDENTITY_INPUT] as string) : undefined;
}

function internal(props: PlainObject): PlainObject {
  return Object.fromEntries(Object.entries(props).filter(([k]) => k.startsWith("__")));
}

function withoutInternal(props: PlainObject): PlainObject {
  return isPlainObject(props)
    ? Object.fromEntries(Object.entries(props).filter(([k]) => !k.startsWith("__")))
    : {};
}

function omit(value: PlainObject, keys: readonly string[]): PlainObject {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k)));
}
