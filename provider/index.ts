/**
 * pulumi-stripe-billing: Stripe billing objects as Pulumi resources.
 */
export { Product, type ProductArgs } from "./pulumi/product";
export { Price, type PriceArgs } from "./pulumi/price";
export { ShippingRate, type ShippingRateArgs } from "./pulumi/shipping-rate";
export { PortalConfiguration, type PortalConfigurationArgs } from "./pulumi/portal-configuration";
export { TaxSettings, type TaxSettingsArgs } from "./pulumi/tax-settings";
export { TaxRegistration, type TaxRegistrationArgs } from "./pulumi/tax-registration";
export { SubscriptionSchedule, type SubscriptionScheduleArgs } from "./pulumi/subscription-schedule";
export {
  StripeBillingError,
  ConfigurationError,
  InputError,
  PlanError,
  StripeApiError,
  StripeConnectionError,
} from "./errors";
