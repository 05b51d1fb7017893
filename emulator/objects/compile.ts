/** A route made ready to serve: its path as a pattern, and its endpoint in the SDK's tables. */
import { endpointFor } from "../params";
import type { Endpoint } from "../tables";
import type { Route } from "./types";

export interface CompiledRoute extends Route {
  pattern: RegExp;
  endpoint: Endpoint;
}

/** Every route must be an endpoint of the SDK's tables: its parameters are checked with them. */
export function compile(route: Route): CompiledRoute {
  const endpoint = endpointFor(route.method, route.path);
  if (!endpoint || endpoint.path !== route.path)
    throw new Error(`${route.method} ${route.path} is not in emulator/tables/params.json`);
  const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, "([^/]+)")}$`);
  return { ...route, pattern, endpoint };
}
