/**
 * The generic dynamic provider: one declaration in, Pulumi's six operations out. This file
 * knows nothing of any particular Stripe object.
 */
import { ConfigurationError, InputError, PartialCreateError, PlanError, StripeApiError } from "../errors";
import { StripeClient, type ClientDeps, type StripeList } from "../stripe/client";
import { deriveIdempotencyKey, fingerprint } from "../stripe/idempotency";
import type { FormParams } from "../stripe/encode";
import { resolveSettings, type RawConfig, type StripeSettings } from "../stripe/settings";
import { formatCheckIssue, validateInputs } from "./check";
import { inputPathOfParam } from "./casing";
import { IDENTITY_INPUT } from "./common";
import {
  collectionPath,
  type AnyDeclaration,
  type ObjectApi,
  type OperationContext,
  type RemoteObject,
} from "./declaration";
import {
  createParams,
  diffResource,
  inputKeys,
  localKeys,
  managedInputs,
  omit,
  updateParams,
  type PathChange,
} from "./resource-diff";
import { viewOf } from "./view";
import {
  guardedApi,
  liveDestroyRefused,
  liveDestroyWarning,
  recordingApi,
  type RetiringWrite,
} from "./live-guard";
import { replayableWrite, retired, type ReplayableWrites, type WriteTarget } from "./writes";
import { containsUnknown, isPlainObject, pick, prune, type PlainObject } from "./values";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
  /** Each changed input leaf (a provider plugin shows them as a detailed diff). */
  detail: PathChange[];
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

  private get inputKeys(): string[] {
    return inputKeys(this.decl);
  }

  /** Inputs never sent as parameters: this package's own, and those the path carries. */
  private get localKeys(): string[] {
    return localKeys(this.decl);
  }

  /** Output keys the provider keeps itself, carried from one operation's outputs to the next. */
  private get keptKeys(): string[] {
    return [...(this.decl.keptOutputs ?? []), ...(this.decl.partial ? ["managedInputs"] : [])];
  }

  /** Kept outputs written afresh by every create and update: for a partial resource, which inputs it manages. */
  private freshKept(inputs: PlainObject): PlainObject {
    if (!this.decl.partial) return {};
    return { managedInputs: leafPaths(omit(pick(inputs, this.inputKeys) as PlainObject, this.localKeys)) };
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
          reason: `${this.decl.type}: ${formatCheckIssue(issue)}`,
        }));
    // Settings are judged at preview too (a live key without allowLiveMode, no key at all),
    // so a plan that could never apply fails before anything is sent.
    try {
      this.settings(news);
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
   * `identity` is who the resource is in its stack: the URN a provider plugin receives, or for a
   * dynamic resource the internal input its class passes (the dynamic host never sees the URN).
   * Idempotency keys are derived from it.
   */
  async diff(
    id: string,
    olds: PlainObject,
    news: PlainObject,
    identity = identityOf(news),
  ): Promise<DiffResult> {
    const next = pick(news, this.inputKeys) as PlainObject;
    const { changes, replaces, refused } = diffResource(this.decl, olds, news);
    if (refused.length > 0) {
      throw new PlanError(
        "cannot_unset",
        `${this.decl.type}: ${refused.join(", ")} cannot be removed: Stripe has no way to unset ${refused.length === 1 ? "it" : "them"} on an existing ${this.decl.stripeObject}. Keep the input, or set it to the value you want.`,
        refused[0],
      );
    }
    const changed = changes.map((c) => c.path);
    const problems = this.decl.planErrors?.(olds, next, { changed, replaces }) ?? [];
    if (problems.length > 0) {
      throw new PlanError("unsafe_plan", `${this.decl.type}: ${problems.join(" ")}`);
    }
    if (replaces.length > 0) await this.guardLiveReplacement(id, olds, news, identity);
    if (this.decl.previewWarnings && replaces.length > 0) {
      await this.decl.previewWarnings(this.context(withoutInternal(olds)), id, olds, next, { replaces });
    }
    return {
      changes: changes.length > 0,
      replaces,
      deleteBeforeReplace: replaces.length > 0 && this.decl.deleteBeforeReplace === true,
      detail: changes,
    };
  }

  async create(news: PlainObject, identity = identityOf(news)): Promise<{ id: string; outs: PlainObject }> {
    const inputs = withoutInternal(news);
    const ctx = this.context(inputs, {
      step: "create",
      identity,
      // An archived object stands for this create only when the inputs ask for one.
      reusable: (object) => !retired(object) || inputs.active === false,
    });
    const kept: PlainObject = {};
    const object = await this.annotate(async () => {
      if (typeof inputs.adoptId === "string") return this.adopt(ctx, inputs.adoptId, inputs, identity);
      const params = createParams(this.decl, omit(inputs, this.decl.updateOnly ?? []));
      const created = this.decl.create
        ? await this.decl.create(ctx, inputs, params, kept)
        : await ctx.api.create(params as FormParams);
      return this.settle(created, inputs, identity, kept);
    });
    return {
      id: String(object.id),
      outs: this.outputs(object, inputs, { ...kept, ...this.freshKept(inputs) }),
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
    const outs = this.outputs(object, previous, pick(previous, this.keptKeys) as PlainObject);
    return { id: String(object.id ?? id), props: outs, inputs: pick(outs, this.inputKeys) as PlainObject };
  }

  async update(
    id: string,
    olds: PlainObject,
    news: PlainObject,
    identity = identityOf(news),
  ): Promise<{ outs: PlainObject }> {
    const previous = withoutInternal(olds);
    const inputs = withoutInternal(news);
    const ctx = this.context(inputs, {
      step: "update",
      identity,
      base: fingerprint(previous),
    });
    const next = pick(inputs, this.inputKeys) as PlainObject;
    const delta = updateParams(this.decl, managedInputs(this.decl, previous, next), next);
    const object = await this.annotate(() =>
      this.decl.update
        ? this.decl.update(ctx, id, previous, inputs, delta)
        : Object.keys(delta).length > 0
          ? ctx.api.update(id, delta as FormParams)
          : ctx.api.retrieve(id),
    );
    const kept = { ...(pick(previous, this.keptKeys) as PlainObject), ...this.freshKept(inputs) };
    return { outs: this.outputs(object, inputs, kept) };
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
    try {
      const settings = this.settings(outputs);
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
  private async guardLiveReplacement(
    id: string,
    olds: PlainObject,
    news: PlainObject,
    identity: string | undefined,
  ): Promise<void> {
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
    const name = identity?.split("::").pop() ?? id;
    if (!allowed && news.allowLiveDestroy !== true) {
      throw liveDestroyRefused(this.decl.type, name, "replacing", recorded);
    }
    // The delete that follows receives only the old outputs: remember the new inputs' yes.
    if (news.allowLiveDestroy === true) approvedReplacements.add(id);
    ctx.warn(liveDestroyWarning(name, recorded));
  }

  /** Outputs: the object in input shape, the local inputs, kept outputs, and output-only fields. */
  outputs(object: RemoteObject, inputs: PlainObject, kept: PlainObject = {}): PlainObject {
    const view = viewOf(this.decl, object, inputs);
    return prune({ ...view.inputs, ...pick(inputs, this.localKeys), ...kept, ...view.computed });
  }

  private async adopt(
    ctx: OperationContext,
    adoptId: string,
    inputs: PlainObject,
    identity: string | undefined,
  ): Promise<RemoteObject> {
    const existing = await ctx.api.retrieve(adoptId);
    const mismatch = this.adoptionMismatch(existing, inputs);
    if (mismatch) throw mismatch;
    return this.settle(existing, inputs, identity);
  }

  /** The error adopting `existing` would be, when its create-only fields differ from the inputs. */
  private adoptionMismatch(existing: RemoteObject, inputs: PlainObject): InputError | undefined {
    // The object read as outputs, with the inputs' own local settings: only Stripe's side counts.
    const current = { ...viewOf(this.decl, existing, inputs).inputs, ...pick(inputs, this.localKeys) };
    const { changes, unsettable } = diffResource(this.decl, current as PlainObject, inputs);
    const createOnly = changes.filter((c) => c.createOnly).map((c) => c.path[0]);
    // What Stripe cannot remove from it in place would need a replacement too.
    const replaces = [...new Set(createOnly), ...unsettable];
    if (replaces.length === 0) return undefined;
    return new InputError(
      "adopt_mismatch",
      `${this.decl.type}: ${existing.id} cannot be adopted: its create-only ${replaces.join(", ")} differ from the inputs (adopting it would need a replacement). Change the inputs to match the object, or drop adoptId to create a new one.`,
      replaces[0],
    );
  }

  /**
   * Brings a just-created or adopted object to the inputs Stripe did not take at creation;
   * `kept` is what the create kept, recorded with the object if this fails.
   */
  private async settle(
    object: RemoteObject,
    inputs: PlainObject,
    identity: string | undefined,
    kept: PlainObject = {},
  ): Promise<RemoteObject> {
    const ctx = this.context(inputs, { step: "settle", identity });
    const next = pick(inputs, this.inputKeys) as PlainObject;
    const outputs = this.outputs(object, inputs);
    const delta = updateParams(this.decl, managedInputs(this.decl, outputs, next), next);
    if (Object.keys(delta).length === 0) return object;
    const id = String(object.id);
    try {
      return this.decl.update
        ? await this.decl.update(ctx, id, outputs, inputs, delta)
        : await ctx.api.update(id, delta as FormParams);
    } catch (err) {
      // The object exists: report it so Pulumi records it instead of orphaning it.
      throw new PartialCreateError(id, this.outputs(object, inputs, kept), err);
    }
  }

  /** The settings for the account the inputs name; a ConfigurationError when they are unusable. */
  private settings(inputs: PlainObject): StripeSettings {
    const account = typeof inputs.stripeAccount === "string" ? inputs.stripeAccount : undefined;
    return resolveSettings(this.env.config, this.env.env ?? process.env, { stripeAccount: account });
  }

  private context(inputs: PlainObject, writes?: ReplayableWrites): OperationContext {
    const settings = this.settings(inputs);
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
function objectApi(
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
    retrieve: (id) => client.get<RemoteObject>(at(id), withExpand({})),
    create: (params) =>
      write(path, params, { kind: "create", readPath: (created) => at(String(created.id)) }),
    update: (id, params) => write(at(id), params, onObject(at(id))),
    action: (id, action, params = {}) => write(`${at(id)}/${action}`, params, onObject(at(id))),
    get: (p, params = {}) => client.get<RemoteObject>(p, withExpand(params, p)),
    post: (p, params) => write(p, params, onObject(p)),
    firstSeen: async (p) => {
      // Without the resource's identity no key can stand for it: read as it is now.
      if (writes.identity === undefined) return client.get<RemoteObject>(p, withExpand({}, p));
      const idempotencyKey = deriveIdempotencyKey({ ...writes, step: "snapshot" }, "POST", p, {});
      return (await client.send<RemoteObject>("POST", p, withExpand({}, p), { idempotencyKey })).body;
    },
    remove: (id) => client.request<RemoteObject>("DELETE", at(id), {}),
    list: (p, params = {}) => client.get<StripeList<RemoteObject>>(p, params),
  };
}

async function retrieveOrGone(api: ObjectApi, id: string): Promise<RemoteObject | undefined> {
  try {
    return await api.retrieve(id);
  } catch (err) {
    if (err instanceof StripeApiError && err.isNotFound) return undefined;
    throw err;
  }
}

/** Dotted paths of the leaves of an input tree (arrays count as leaves). */
function leafPaths(value: PlainObject, prefix = ""): string[] {
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

/** A dynamic resource's identity in its stack, passed by its class (see ../pulumi/base). */
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
