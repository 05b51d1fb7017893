/**
 * Every resource declaration, by Pulumi type name. The runtime looks declarations up here.
 */
import type { ResourceDeclaration } from "../engine/declaration";
import { portalConfiguration } from "./portal-configuration";
import { price } from "./price";
import { product } from "./product";
import { shippingRate } from "./shipping-rate";
import { subscriptionSchedule } from "./subscription-schedule";
import { taxRegistration } from "./tax-registration";
import { taxSettings } from "./tax-settings";

export const declarations: Readonly<Record<string, ResourceDeclaration>> = Object.fromEntries(
  [product, price, shippingRate, portalConfiguration, taxSettings, taxRegistration, subscriptionSchedule].map(
    (d) => [d.type, d],
  ),
);
