/**
 * Every resource declaration, by Pulumi type name. The runtime looks declarations up here.
 */
import type { ResourceDeclaration } from "../engine/declaration";
import { shippingRate } from "./shipping-rate";

export const declarations: Readonly<Record<string, ResourceDeclaration>> = {
  [shippingRate.type]: shippingRate,
};
