/**
 * pulumi-stripe-billing: Stripe billing objects as Pulumi resources.
 */
export { ShippingRate, type ShippingRateArgs } from "./shipping-rate";
export {
  StripeBillingError,
  ConfigurationError,
  InputError,
  PlanError,
  StripeApiError,
  StripeConnectionError,
} from "./errors";
