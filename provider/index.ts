/**
 * pulumi-stripe-billing: Stripe billing objects as Pulumi resources.
 */
export * from "./pulumi/resources";
export { BillingSetup, type BillingSetupArgs } from "./pulumi/billing-setup";
export {
  StripeBillingError,
  ConfigurationError,
  InputError,
  PlanError,
  StripeApiError,
  StripeConnectionError,
} from "./errors";
export { checkBillingSpec, loadBillingSpec, SpecError, type BillingSpec, type LoadOptions } from "./spec";
