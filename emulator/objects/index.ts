/** Every emulated endpoint. A new Stripe object is one module and one line here. */
import { catalogRoutes } from "./catalog";
import { portalConfigurationRoutes } from "./portal-configurations";
import { shippingRateRoutes } from "./shipping-rates";
import { subscriptionScheduleRoutes } from "./subscription-schedules";
import { taxRoutes } from "./tax";
import type { Route } from "./types";

export const routes: Route[] = [
  ...shippingRateRoutes,
  ...catalogRoutes,
  ...portalConfigurationRoutes,
  ...taxRoutes,
  ...subscriptionScheduleRoutes,
];
