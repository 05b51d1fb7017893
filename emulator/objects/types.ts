/** What an object module gets for each request, and how it declares its endpoints. */
import type { Clock } from "../clock";
import type { Params, Rules } from "../params";
import type { Scope, Store } from "../store";

export interface RequestContext {
  scope: Scope;
  /** The request's parameters, already checked against the endpoint's table and rules. */
  params: Params;
  store: Store;
  clock: Clock;
  path: string;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** As the SDK's tables spell it, `{id}` standing for an id passed to the handler. */
  path: string;
  /** Checks the types cannot express, each citing Stripe's docs where it is defined. */
  rules?: Rules;
  handle(ctx: RequestContext, ...ids: string[]): unknown;
}
