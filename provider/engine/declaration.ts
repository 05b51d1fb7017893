/**
 * What a resource declares about its Stripe object. The engine turns one declaration into a
 * complete dynamic provider (check, diff, create, read, update, delete); a resource file holds
 * a schema, this table and its mappers — no HTTP and no CRUD code of its own.
 */
import type { z } from "zod";
import type { FormParams } from "../stripe/encode";
import type { PlainObject } from "./values";

/** A Stripe object as the API returns it. */
export type StripeObject = { id?: string; object?: string; livemode?: boolean } & Record<string, any>;

/** Calls on one Stripe object type, bound to the resource's account. */
export interface ObjectApi {
  retrieve(id: string): Promise<StripeObject>;
  create(params: FormParams): Promise<StripeObject>;
  update(id: string, params: FormParams): Promise<StripeObject>;
  /** `POST {path}/{id}/{action}`, e.g. `cancel` or `release`. */
  action(id: string, action: string, params?: FormParams): Promise<StripeObject>;
  /** Any other endpoint of the API, for objects that do not follow the collection pattern. */
  get(path: string, params?: FormParams): Promise<StripeObject>;
  post(path: string, params: FormParams): Promise<StripeObject>;
  /** `DELETE {path}/{id}`, for objects Stripe can delete. */
  remove(id: string): Promise<StripeObject>;
  /** One page of any list endpoint, without the declaration's `expand`. */
  list(path: string, params?: FormParams): Promise<StripeList>;
}

/** A page of a Stripe list. */
export interface StripeList {
  data: StripeObject[];
  has_more: boolean;
}

export interface OperationContext {
  api: ObjectApi;
  /** A message shown to the user without failing the operation. */
  warn(message: string): void;
  /** What an operation did, when it is not what the user might assume (e.g. archived, not deleted). */
  note(message: string): void;
}

/** What the mapper reads out of a Stripe object. */
export interface StripeView {
  /** The object in the canonical shape of the inputs (unset fields absent). */
  inputs: PlainObject;
  /** Output-only fields (camelCase), e.g. `livemode`, `created`, `status`. */
  computed: PlainObject;
}

/** The type of an output-only field, as the package schema spells it. */
export type OutputType = "string" | "integer" | "number" | "boolean" | "object" | "array";

export interface ResourceDeclaration {
  /** The Pulumi type name, e.g. `ShippingRate`. */
  type: string;
  /** Stripe's object name, e.g. `shipping_rate`; used in messages. */
  stripeObject: string;
  /** The collection path, e.g. `/v1/shipping_rates`; an object lives at `{path}/{id}`. */
  path: string;
  /**
   * The input schema. Built on demand: zod schemas do not survive Pulumi's closure
   * serialization, and most operations never need one.
   */
  schema(): z.ZodObject<any>;
  /** Input paths (camelCase, dotted; `*` for any map key) whose change replaces the object. */
  createOnly: readonly string[];
  /** Input paths whose keys are user data (metadata keys, currency codes): never re-cased. */
  maps?: readonly string[];
  /**
   * Inputs Stripe accepts only on update (e.g. a shipping rate's `active`): the engine creates
   * without them, then updates when the new object differs.
   */
  updateOnly?: readonly string[];
  /** Inputs that configure this package only and are never sent to Stripe. */
  local?: readonly string[];
  /** Output-only fields (camelCase) and their types, e.g. `{ livemode: "boolean" }`. */
  computed: Readonly<Record<string, OutputType>>;
  /** Delete the old object before creating its replacement (two must never coexist). */
  deleteBeforeReplace?: boolean;
  /**
   * Input paths of objects Stripe wants whole on update (their required fields together):
   * when any part changes, the whole object is sent.
   */
  sendWhole?: readonly string[];
  /** Fields to expand on every read and write, so outputs always hold them in full. */
  expand?: readonly string[];
  /**
   * Outputs the provider keeps itself rather than reading from Stripe (e.g. a snapshot to
   * restore on delete); carried from one state to the next.
   */
  state?: readonly string[];
  /**
   * Inputs left out are not managed (an account-wide singleton the program only partly
   * declares): diff and update consider only what the inputs give.
   */
  partial?: boolean;

  /** Stripe create parameters from canonical inputs (default: the inputs in Stripe's spelling). */
  toParams?(inputs: PlainObject): PlainObject;
  /**
   * Canonical inputs and output-only fields from a Stripe object. `previous` holds the inputs
   * last applied, for values Stripe resolves (e.g. `"now"` becomes a timestamp).
   */
  fromStripe(object: StripeObject, previous?: PlainObject): StripeView;

  /**
   * Reasons the plan cannot be carried out, found by diff before anything is sent: the old
   * outputs, the new inputs, and the diff the engine computed.
   */
  planErrors?(
    olds: PlainObject,
    news: PlainObject,
    diff: { changed: string[][]; replaces: string[] },
  ): string[];
  /**
   * Top-level inputs whose change replaces the object beyond the create-only paths, decided by
   * value (e.g. a setting Stripe lets change only once, or an input Stripe cannot unset).
   */
  replaceWhen?(olds: PlainObject, news: PlainObject): string[];
  /**
   * Resolves references in checked inputs before anything is written (e.g. a price named by
   * its lookup key becomes its id in the target account). Runs in check, so a reference that
   * cannot be resolved fails the preview; values still unknown are left alone.
   */
  resolve?(ctx: OperationContext, inputs: PlainObject): Promise<PlainObject>;
  /**
   * Warnings about the consequences of a planned change, given at diff time (so at preview):
   * e.g. how many customers are still on a price a replacement will archive.
   */
  previewWarnings?(
    ctx: OperationContext,
    id: string,
    olds: PlainObject,
    news: PlainObject,
    diff: { replaces: string[] },
  ): Promise<void>;
  /**
   * Creates the object (default: `POST {path}` with the create parameters). Values written
   * into `state` are kept in outputs under the declared `state` keys.
   */
  create?(
    ctx: OperationContext,
    inputs: PlainObject,
    params: PlainObject,
    state: PlainObject,
  ): Promise<StripeObject>;
  /** Applies an update (default: `POST {path}/{id}` with the parameter delta). */
  update?(
    ctx: OperationContext,
    id: string,
    olds: PlainObject,
    news: PlainObject,
    delta: PlainObject,
  ): Promise<StripeObject>;
  /** Reads the object; resolves undefined when it is gone (default: `GET {path}/{id}`, 404 = gone). */
  read?(ctx: OperationContext, id: string, outputs: PlainObject): Promise<StripeObject | undefined>;
  /** What destroy does in Stripe. Every delete must be safe to run twice. */
  delete(ctx: OperationContext, id: string, outputs: PlainObject): Promise<void>;
}

/** Every output of a resource: its inputs, then its output-only fields. */
export function outputKeys(decl: ResourceDeclaration): string[] {
  return [...Object.keys(decl.schema().shape), ...Object.keys(decl.computed)];
}

/**
 * A schema built on first use and kept: declarations are never serialized, only the shim is,
 * so a schema may live as long as the process once something needs it.
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
