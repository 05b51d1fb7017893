/** Every emulated endpoint. A new Stripe object is one module and one line here. */
import { endpointFor } from "../params";
import type { Endpoint } from "../tables";
import { catalogRoutes } from "./catalog";
import { portalConfigurationRoutes } from "./portal-configurations";
import { shippingRateRoutes } from "./shipping-rates";
import { subscriptionScheduleRoutes } from "./subscription-schedules";
import { taxRoutes } from "./tax";
import type { Route } from "./types";

export interface CompiledRoute extends Route {
  pattern: RegExp;
  endpoint: Endpoint;
}

/** Every route must be an endpoint of the SDK's tables: its parameters are checked with them. */
function compile(route: Route): CompiledRoute {
  const endpoint = endpointFor(route.method, route.path);
  if (!endpoint || endpoint.path !== route.path)
    throw new Error(`${route.method} ${route.path} is not in emulator/tables/params.json`);
  const pattern = new RegExp(`^${route.path.replace(/\{\w+\}/g, "([^/]+)")}$`);
  return { ...route, pattern, endpoint };
}

export const routes: CompiledRoute[] = [
  ...shippingRateRoutes,
  ...catalogRoutes,
  ...portalConfigurationRoutes,
  ...taxRoutes,
  ...subscriptionScheduleRoutes,
].map(compile);
