/**
 * The sections of a billing spec: which resource each holds, and where its entries may name
 * another entry by logical key instead of a Stripe reference.
 */
import type { AnyDeclaration } from "../engine/declaration";
import { portalConfiguration } from "../resources/portal-configuration";
import { price } from "../resources/price";
import { product } from "../resources/product";
import { shippingRate } from "../resources/shipping-rate";
import { subscriptionSchedule } from "../resources/subscription-schedule";
import { taxRegistration } from "../resources/tax-registration";
import { taxSettings } from "../resources/tax-settings";

/** A place where an entry may name a product or price entry (an input path, ../engine/paths). */
export interface RefSite {
  path: string;
  to: "products" | "prices";
}

export interface Section {
  declaration: AnyDeclaration;
  refs: readonly RefSite[];
}

/** The sections, in the order a spec lists them and resources are created. */
export const SECTIONS = {
  products: { declaration: product, refs: [] },
  prices: { declaration: price, refs: [{ path: "product", to: "products" }] },
  shippingRates: { declaration: shippingRate, refs: [] },
  taxSettings: { declaration: taxSettings, refs: [] },
  taxRegistrations: { declaration: taxRegistration, refs: [] },
  portalConfigurations: {
    declaration: portalConfiguration,
    refs: [
      { path: "features.subscriptionUpdate.products[].product", to: "products" },
      { path: "features.subscriptionUpdate.products[].prices[]", to: "prices" },
    ],
  },
  subscriptionSchedules: {
    declaration: subscriptionSchedule,
    refs: [
      { path: "phases[].items[].price", to: "prices" },
      { path: "phases[].items[].priceData.product", to: "products" },
    ],
  },
} as const satisfies Record<string, Section>;

export type SectionName = keyof typeof SECTIONS;

export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];
