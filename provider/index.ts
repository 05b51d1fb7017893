/**
 * pulumi-stripe-billing: Stripe billing objects as Pulumi resources.
 */
export * from "./pulumi/resources";
export {
  StripeBillingError,
  ConfigurationError,
  InputError,
  PlanError,
  StripeApiError,
  StripeConnectionError,
} from "./errors";
export { checkBillingSpec, loadBillingSpec, SpecError, type BillingSpec, type LoadOptions } from "./spec";
