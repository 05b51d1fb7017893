/**
 * In live mode, a write that retires an object — archives or deactivates it (`active: false`),
 * expires it (`expires_at`), releases or cancels it — needs a second yes: the stack config
 * `stripe-billing:allowLiveDestroy: true` or the resource's own `allowLiveDestroy` input. A
 * replacement is judged at preview by running the resource's delete against the live account
 * with its writes recorded, not sent; a destroy fails at its first such write, before it is
 * sent. Test mode is never guarded.
 */
import { PlanError } from "../errors";
import type { FormParams } from "../stripe/encode";
import type { ObjectApi, RemoteObject } from "./declaration";

/** What a write would do to the object it is sent to, when it retires it. */
export function retirement(path: string, params: FormParams): string | undefined {
  const action = /\/(release|cancel|deactivate)$/.exec(path)?.[1];
  if (action) return action;
  if (params.active === false || params.active === "false") return "archive (deactivate)";
  if (params.expires_at !== undefined) return "expire";
  return undefined;
}

/** One write the delete would send, described. */
export interface RetiringWrite {
  effect: string;
  /** The object's id, from the path. */
  object: string;
}

function describe(path: string, params: FormParams): RetiringWrite | undefined {
  const effect = retirement(path, params);
  if (!effect) return undefined;
  const segments = path.split("/").filter(Boolean);
  const object = /^(release|cancel|deactivate)$/.test(segments[segments.length - 1] ?? "")
    ? segments[segments.length - 2]
    : segments[segments.length - 1];
  return { effect, object: decodeURIComponent(object ?? path) };
}

/**
 * An api that sends no write: reads go to Stripe, writes are recorded and answered with the
 * object as last read, so a delete can be run to learn what it would do.
 */
export function recordingApi(api: ObjectApi, path: string, recorded: RetiringWrite[]): ObjectApi {
  let last: RemoteObject = {};
  const at = (id: string) => `${path}/${encodeURIComponent(id)}`;
  const record = (p: string, params: FormParams) => {
    const write = describe(p, params);
    if (write) recorded.push(write);
    return Promise.resolve(last);
  };
  return {
    retrieve: async (id) => (last = await api.retrieve(id)),
    get: async (p, params) => (last = await api.get(p, params)),
    create: (params) => record(path, params),
    update: (id, params) => record(at(id), params),
    action: (id, action, params = {}) => record(`${at(id)}/${action}`, params),
    post: (p, params) => record(p, params),
    list: (p, params) => api.list(p, params),
    remove: (id) => {
      recorded.push({ effect: "delete", object: id });
      return Promise.resolve(last);
    },
  };
}

/** An api whose retiring writes fail before they are sent, with `refuse`'s error. */
export function guardedApi(api: ObjectApi, path: string, refuse: (write: RetiringWrite) => Error): ObjectApi {
  const at = (id: string) => `${path}/${encodeURIComponent(id)}`;
  const check = (p: string, params: FormParams) => {
    const write = describe(p, params);
    if (write) throw refuse(write);
  };
  return {
    ...api,
    create: (params) => (check(path, params), api.create(params)),
    update: (id, params) => (check(at(id), params), api.update(id, params)),
    action: (id, action, params) => (
      check(`${at(id)}/${action}`, params ?? {}),
      api.action(id, action, params)
    ),
    post: (p, params) => (check(p, params), api.post(p, params)),
    remove: (id) => Promise.reject(refuse({ effect: "delete", object: id })),
  };
}

const HOW_TO_ALLOW =
  "In live mode this needs `pulumi config set stripe-billing:allowLiveDestroy true`, or `allowLiveDestroy: true` on the resource.";

export function liveDestroyRefused(
  type: string,
  name: string,
  operation: "replacing" | "destroying",
  writes: RetiringWrite[],
): PlanError {
  const what = writes.map((w) => `${w.effect} ${w.object}`).join(", then ");
  return new PlanError(
    "live_destroy_refused",
    `${type} "${name}": ${operation} it would ${what} in live mode. ${HOW_TO_ALLOW}`,
    "allowLiveDestroy",
  );
}

export function liveDestroyWarning(name: string, writes: RetiringWrite[]): string {
  return `"${name}": replacing it will ${writes.map((w) => `${w.effect} ${w.object}`).join(", then ")} in live mode (allowLiveDestroy).`;
}
