/**
 * Writes that can be replayed by another process: every POST carries a key derived from the
 * resource, the operation step and the request (see ../stripe/idempotency). When Stripe
 * answers with a replay, the stored result may describe an earlier generation of the same
 * write (a rate created, destroyed and declared again within a day; a setting changed, changed
 * back and changed again): the object is read and, when the replay no longer describes it, the
 * write is sent again under the next generation's key.
 */
import { StripeApiError } from "../errors";
import type { StripeClient } from "../stripe/client";
import type { FormParams } from "../stripe/encode";
import { canonicalJson, deriveIdempotencyKey, type WriteScope } from "../stripe/idempotency";
import type { RemoteObject } from "./declaration";

export interface ReplayableWrites extends WriteScope {
  /**
   * Whether an object a replayed create returned may stand for this create (default: it is
   * not retired). An object the resource's destroy retired belongs to an earlier generation.
   */
  reusable?(object: RemoteObject): boolean;
}

/** Beyond this many generations of one write within Stripe's key window, something is wrong. */
const MAX_GENERATIONS = 16;

export interface WriteTarget {
  /** `create`: a new object under a collection; `object`: a write to an existing object. */
  kind: "create" | "object";
  /** Where the written object is read back, from the response. */
  readPath(response: RemoteObject): string;
}

export async function replayableWrite(
  client: StripeClient,
  scope: ReplayableWrites,
  path: string,
  params: FormParams,
  target: WriteTarget,
  readParams: FormParams,
): Promise<RemoteObject> {
  for (let generation = 0; ; generation++) {
    const idempotencyKey = deriveIdempotencyKey({ ...scope, generation }, "POST", path, params);
    const response = await client.send<RemoteObject>("POST", path, params, { idempotencyKey });
    if (!response.replayed) return response.body;
    const current = await readBack(client, target, response.body, readParams);
    const stands =
      current !== undefined &&
      (target.kind === "create"
        ? (scope.reusable ?? ((o: RemoteObject) => !retired(o)))(current)
        : canonicalJson(current) === canonicalJson(response.body));
    // A create's response may hold what no read returns (a webhook endpoint's signing secret,
    // https://docs.stripe.com/api/webhook_endpoints/object#webhook_endpoint_object-secret):
    // the replay keeps it, the read gives everything else as it is now.
    if (stands) return target.kind === "create" ? { ...response.body, ...current } : current;
    if (generation + 1 >= MAX_GENERATIONS) {
      throw new Error(
        `POST ${path}: Stripe replayed ${MAX_GENERATIONS} earlier generations of this write; not sending it again.`,
      );
    }
  }
}

/** The written object as it is now; a created object since deleted is undefined. */
async function readBack(
  client: StripeClient,
  target: WriteTarget,
  response: RemoteObject,
  params: FormParams,
): Promise<RemoteObject | undefined> {
  try {
    return await client.get<RemoteObject>(target.readPath(response), params);
  } catch (err) {
    if (target.kind === "create" && err instanceof StripeApiError && err.isNotFound) return undefined;
    throw err;
  }
}

/**
 * Whether a Stripe object has been retired the way a destroy retires it: archived or
 * deactivated (`active: false`), expired, released, canceled, completed, or deleted.
 */
export function retired(object: RemoteObject): boolean {
  if (object.deleted === true || object.active === false) return true;
  return ["expired", "released", "canceled", "completed"].includes(String(object.status));
}
