/** What an object module gets for each request, and how it declares its endpoints. */
import type { Clock } from "../clock";
import type { FormTree } from "../form";
import type { Scope, Store } from "../store";

export interface RequestContext {
  scope: Scope;
  /** The raw form parameters; modules validate them with their parameter table. */
  params: Record<string, FormTree>;
  store: Store;
  clock: Clock;
  path: string;
}

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** Matched against the path; capture groups are passed to the handler. */
  pattern: RegExp;
  handle(ctx: RequestContext, ...captures: string[]): unknown;
}
