/**
 * The tables generated from the official Stripe SDK's type declarations (`npm run
 * stripe-tables`, scripts/stripe-tables.ts): what each endpoint accepts and what each object
 * returns, for the pinned API version. The emulator's validation and response shapes follow them.
 */
import objectTables from "./objects.json";
import paramTables from "./params.json";

/** One node of a parameter or object tree. */
export type TableNode = (
  | { type: "string" | "integer" | "number" | "decimal" | "boolean" | "unknown" }
  /**
   * `open`: the SDK lets a later API version add values (`OtherString`); the values listed are
   * still every value the pinned version returns.
   */
  | { type: "enum"; values: string[]; open?: true }
  | { type: "object"; fields: Record<string, TableNode> }
  | { type: "array"; items: TableNode }
  | { type: "map"; values: TableNode }
  | { type: "list"; items: TableNode }
  | { type: "union"; anyOf: TableNode[] }
  | { type: "ref"; object: string; deleted?: true }
) & {
  /** Parameters: must be sent. */
  required?: true;
  /** Parameters: may be sent as "" to unset. */
  emptyable?: true;
  /** Objects: may be `null`. */
  nullable?: true;
  /** Objects: may be absent. */
  optional?: true;
};

export interface Endpoint {
  method: string;
  /** With `{id}` where the SDK interpolates an id. */
  path: string;
  /** The SDK's name for it, e.g. `SubscriptionSchedules.cancel`. */
  operation: string;
  params: TableNode & { type: "object" };
  /** The `object` value of what it returns (a list of them when `list`). */
  returns: string;
  list?: true;
  /** A search result (`object: "search_result"`) of them. */
  search?: true;
  deleted?: true;
}

export interface ParamTables {
  sdkVersion: string;
  apiVersion: string;
  /** Keyed `"POST /v1/shipping_rates/{id}"`. */
  endpoints: Record<string, Endpoint>;
}

export interface ObjectTables {
  sdkVersion: string;
  apiVersion: string;
  /** Keyed by the object's `object` value, e.g. `billing_portal.configuration`. */
  objects: Record<string, TableNode>;
  /** What a delete returns, keyed the same way. */
  deleted: Record<string, TableNode>;
}

export const params = paramTables as unknown as ParamTables;
export const objects = objectTables as unknown as ObjectTables;

/** The Stripe API version the tables (and so the emulator) speak. */
export const STRIPE_API_VERSION = params.apiVersion;
