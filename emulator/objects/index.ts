/** Every emulated endpoint. A new Stripe object is one module and one line here. */
import { shippingRateRoutes } from "./shipping-rates";
import type { Route } from "./types";

export const routes: Route[] = [...shippingRateRoutes];
