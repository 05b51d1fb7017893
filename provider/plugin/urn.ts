/**
 * Pulumi URNs: `urn:pulumi:<stack>::<project>::<parent types $-joined>$<type>::<name>`.
 * https://www.pulumi.com/docs/iac/concepts/resources/names/#urns
 */
import { CONFIG_NAMESPACE } from "../stripe/settings";

/** The Pulumi package name: resource types are `stripe-billing:index:<Type>`. */
export const PACKAGE = CONFIG_NAMESPACE;

/** The resource type a URN names, e.g. `ShippingRate` for `…$stripe-billing:index:ShippingRate::ground`. */
export function resourceTypeOfUrn(urn: string): string {
  const parts = urn.split("::");
  const types = parts[2] ?? "";
  const token = types.split("$").pop() ?? "";
  return token.split(":").pop() ?? "";
}

/** The logical name a URN ends with. */
export function resourceNameOfUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** The type token of a resource, as schema.json names it. */
export function typeToken(type: string): string {
  return `${PACKAGE}:index:${type}`;
}
