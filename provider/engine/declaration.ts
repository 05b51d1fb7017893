/**
 * What a resource declares about its Stripe object. The engine turns one declaration into a
 * complete dynamic provider (check, diff, create, read, update, delete); a resource file holds
 * a schema, this table and its mappers — no HTTP and no CRUD code of its own.
 */
import type { z } from "zod";
import type { StripeList } from "../stripe/client";
import type { FormParams } from "../stripe/encode";
import type { PlainObject } from "./values";

/**
 * A Stripe object as the API returns it (remote, as opposed to the inputs that describe it;
 * the emulator's stored objects are its own type).
 */
export type RemoteObject = { id?: string; object?: string; livemode?: boolean } & Record<string, any>;

/** Calls on one Stripe object type, bound to the resource's account. */
export interface ObjectApi {
  retrieve(id: string): Promise<RemoteObject>;
  create(params: FormParams): Promise<RemoteObject>;
  update(id: string, params: FormParams): Promise<RemoteObject>;
  /** `POST {path}/{id}/{action}`, e.g. `cancel` or `release`. */
  action(id: string, action: string, params?: FormParams): Promise<RemoteObject>;
  /** Any other endpoint of the API, for objects that do not follow the collection pattern. */
  get(path: string, params?: FormParams): Promise<RemoteObject>;
  post(path: string, params: FormParams): Promise<RemoteObject>;
  /** `DELETE {path}/{id}`, for objects Stripe can delete. */
  remove(id: string): Promise<RemoteObject>;
  /**
   * The object at `path` as this operation first found it within Stripe's idempotency window:
   * an empty POST (a write that changes nothing) under a key derived from the resource, so a
   * re-run after a killed run is answered with what the killed run found, not with what its
   * writes left. Stripe "saves the resulting status code and body of the first request made
   * for any given idempotency key" (https://docs.stripe.com/api/idempotent_requests).
   * Absent where no such key exists (a fake, a recording).
   */
  firstSeen?(path: string): Promise<RemoteObject>;
  /** One page of any list endpoint, without the declaration's `expand`. */
  list(path: string, params?: FormParams): Promise<StripeList<RemoteObject>>;
}

export interface OperationContext {
  api: ObjectApi;
  /**
   * The account the operation works in (API base, key and connected account, hashed): what
   * this process learns about one account may serve every resource in it.
   */
  scope?: string;
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

/** The schema of a resource's inputs, or of its output-only fields. */
export type ObjectSchema = z.ZodObject;

type IsAny<T> = 0 extends 1 & T ? true : false;
type Depth = [never, 0, 1, 2, 3, 4, 5, 6, 7];
type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date;

/**
 * Every path into a value of type `T`, in the grammar of ./paths: object keys by name, `*` for
 * any key of a map, `[]` after a key for each element of its list (`phases[].items[].metadata`).
 */
type ValuePaths<T, D extends number = 7> = [D] extends [never]
  ? never
  : T extends Leaf
    ? never
    : T extends readonly unknown[]
      ? never
      : T extends object
        ? string extends keyof T
          ? "*" | `*${PathsBelow<T[string], D>}`
          : {
              [K in keyof T & string]-?: K | `${K}${PathsBelow<NonNullable<T[K]>, D>}`;
            }[keyof T & string]
        : never;

/** What may follow a key holding `V`: for a list `[]` and what follows an element, else `.` and a path. */
type PathsBelow<V, D extends number> = V extends readonly (infer U)[]
  ? "[]" | `[]${PathsBelow<NonNullable<U>, Depth[D]>}`
  : `.${ValuePaths<V, Depth[D]>}`;

/** An input path of schema `S` (camelCase, in the grammar of ./paths). */
export type InputPath<S> =
  IsAny<S> extends true ? string : S extends z.ZodType ? ValuePaths<z.output<S>> : string;

type SnakeCase<S extends string, Done extends string = ""> = S extends `${infer H}${infer T}`
  ? SnakeCase<T, `${Done}${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}`>
  : Done;

/** An input path in Stripe's spelling (`fixedAmount.currencyOptions` → `fixed_amount.currency_options`). */
export type StripePath<P extends string> = P extends string ? SnakeCase<P> : never;

/** A top-level key of what schema `S` describes. */
export type KeyOf<S> =
  IsAny<S> extends true ? string : S extends z.ZodType ? keyof z.output<S> & string : string;

/** Canonical inputs of a resource (defaults applied), as check hands them to the engine. */
export type InputsOf<S> =
  IsAny<S> extends true ? PlainObject : S extends z.ZodType ? z.output<S> : PlainObject;

/** A resource's outputs as Pulumi stores them: inputs, then output-only fields; any may be absent. */
export type OutputsOf<S, C> =
  IsAny<S> extends true ? PlainObject : Partial<InputsOf<S>> & Partial<InputsOf<C>> & PlainObject;

export interface ResourceDeclaration<S extends ObjectSchema = any, C extends ObjectSchema = any> {
  /** The Pulumi type name, e.g. `ShippingRate`. */
  type: string;
  /** Stripe's object name, e.g. `shipping_rate`; used in messages. */
  stripeObject: string;
  /**
   * The collection path, e.g. `/v1/shipping_rates`; an object lives at `{path}/{id}`. An
   * object nested under another names it by an input: `/v1/products/{product}/features` is
   * filled from the input `product` (see `collectionPath`).
   */
  path: string;
  /**
   * What makes one object the same in every account (test, live, a connected account): the
   * input holding its own identity where it has one (a custom id, a lookup key) — export keys
   * entries by it, and an entry named by key in a billing spec stands for it — and otherwise a
   * name for people to key it by.
   */
  identity?: Identity<S>;
  /** How `stripe-billing export` finds this object's instances in an account; absent: not exported. */
  export?: ExportRule;
  /** How a reviewer's plan (`stripe-billing plan`) speaks of one object of this type. */
  words?: PlanWords<S>;
  /**
   * The input schema, each field documented with `.describe()` (what it means, its unit).
   * Built on demand: zod schemas do not survive Pulumi's closure serialization, and most
   * operations never need one.
   */
  schema(): S;
  /** Output-only fields (camelCase), documented the same way, e.g. `livemode`, `created`. */
  computed(): C;
  /** Input paths (camelCase, in the grammar of ./paths) whose change replaces the object. */
  createOnly: readonly InputPath<S>[];
  /** Input paths whose keys are user data (metadata keys, currency codes): never re-cased. */
  maps?: readonly InputPath<S>[];
  /**
   * Inputs Stripe accepts only on update (e.g. a shipping rate's `active`): the engine creates
   * without them, then updates when the new object differs.
   */
  updateOnly?: readonly InputPath<S>[];
  /** Inputs that configure this package only and are never sent to Stripe. */
  local?: readonly KeyOf<S>[];
  /** Delete the old object before creating its replacement (two must never coexist). */
  deleteBeforeReplace?: boolean;
  /**
   * Input paths of objects whose fields Stripe requires together on update: when any part
   * changes, the whole object is sent, and a part removed is unset.
   */
  requiredTogether?: readonly InputPath<S>[];
  /**
   * Input paths whose removal Stripe cannot carry out in place and that
   * replace the object instead (e.g. a shipping rate's currency option). Any other removal
   * Stripe cannot unset fails the preview, naming the input.
   */
  replaceOnRemove?: readonly InputPath<S>[];
  /**
   * Input paths of objects Stripe stores as one value (an address) and replaces whole: sent
   * whole whenever any part changes, and a part removed is simply left out.
   */
  replacedWhole?: readonly InputPath<S>[];
  /**
   * Values Stripe clears itself when a condition holds (a schedule's `daysUntilDue` once it
   * charges automatically). Removing such an input while the condition holds on the new inputs
   * sends no unset for it (Stripe has none to take) and does not fail the preview; Stripe
   * clears it with the change, so the next read matches the inputs. Each cites its Stripe page.
   */
  clearedByStripe?: readonly ClearedByStripe<S>[];
  /** Fields to expand on every read and write (Stripe's spelling), so outputs hold them in full. */
  expand?: readonly StripePath<InputPath<S>>[];
  /**
   * Output-only fields the provider keeps itself rather than reading from Stripe (e.g. a
   * snapshot to restore on delete); carried from one operation's outputs to the next.
   */
  keptOutputs?: readonly KeyOf<C>[];
  /**
   * Output-only fields that hold a secret (e.g. a signing secret Stripe returns once): the
   * resource class asks Pulumi to encrypt them in state and mask them in previews
   * (`additionalSecretOutputs`), and the package schema marks them `secret`.
   */
  secretOutputs?: readonly KeyOf<C>[];
  /**
   * Inputs left out are not managed (an account-wide singleton the program only partly
   * declares): diff and update consider only what the inputs give.
   */
  partial?: boolean;
  /**
   * One per account: a program declaring a second one for the same `stripeAccount` fails
   * before anything registers.
   */
  singleton?: boolean;

  /** Stripe create parameters from canonical inputs (default: the inputs in Stripe's spelling). */
  toParams?(inputs: PlainObject): PlainObject;
  /**
   * Canonical inputs and output-only fields from a Stripe object. `previous` holds the inputs
   * last applied, for values Stripe resolves (e.g. `"now"` becomes a timestamp). Default: the
   * object's fields projected onto the schema, and the same-named fields for the outputs.
   */
  fromStripe?(object: RemoteObject, previous?: OutputsOf<S, C>): StripeView;

  /**
   * Reasons the plan cannot be carried out, found by diff before anything is sent: the old
   * outputs, the new inputs, and the diff the engine computed.
   */
  planErrors?(
    olds: OutputsOf<S, C>,
    news: InputsOf<S>,
    diff: { changed: string[][]; replaces: string[] },
  ): string[];
  /**
   * Top-level inputs whose change replaces the object beyond the create-only paths, decided by
   * value (e.g. a setting Stripe lets change only once, or an input Stripe cannot unset).
   */
  replaceWhen?(olds: OutputsOf<S, C>, news: InputsOf<S>): KeyOf<S>[];
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
    olds: OutputsOf<S, C>,
    news: InputsOf<S>,
    diff: { replaces: string[] },
  ): Promise<void>;
  /**
   * Creates the object (default: `POST {path}` with the create parameters). Values written
   * into `kept` are kept in outputs under the declared `keptOutputs` keys.
   */
  create?(
    ctx: OperationContext,
    inputs: InputsOf<S>,
    params: PlainObject,
    kept: PlainObject,
  ): Promise<RemoteObject>;
  /** Applies an update (default: `POST {path}/{id}` with the parameter delta). */
  update?(
    ctx: OperationContext,
    id: string,
    olds: OutputsOf<S, C>,
    news: InputsOf<S>,
    delta: PlainObject,
  ): Promise<RemoteObject>;
  /** Reads the object; resolves undefined when it is gone (default: `GET {path}/{id}`, 404 = gone). */
  read?(ctx: OperationContext, id: string, outputs: OutputsOf<S, C>): Promise<RemoteObject | undefined>;
  /** What destroy does in Stripe. Every delete must be safe to run twice. */
  delete(ctx: OperationContext, id: string, outputs: OutputsOf<S, C>): Promise<void>;
}

/** What names one object the same way in every account. */
export interface Identity<S extends ObjectSchema = any> {
  /** The input that is the object's own identity (`productId`, `lookupKey`), where it has one. */
  input?: KeyOf<S>;
  /** A name for people (a display name, a nickname), for an object with no identity of its own. */
  name?(object: RemoteObject, inputs: PlainObject): string | undefined;
}

/** How export reads one type of object out of an account. */
export interface ExportRule {
  /** List filters, one list (every page) each; absent: the account's one object, read at `path`. */
  lists?: readonly FormParams[];
  /** Exported only when asked for: objects that belong to one account's customers. */
  onlyWhenAsked?: boolean;
  /**
   * Objects nested under another (a product's features): the lists are read under each exported
   * object of that type, its id filling the path's `{input}`, and given to the mapper as that
   * input of the inputs last applied (Stripe's object does not name it).
   */
  under?: {
    type: string;
    input: string;
    /**
     * How a billing spec may list them on their parent's entry instead of a section of their
     * own: `features: [sso, api]` on a product stands for an attachment per item, whose `item`
     * input names the listed entry (keyed `<parent key>-<item>`).
     */
    listed?: { field: string; item: string };
  };
  /** Whether an object found belongs in the spec, given its exported inputs (default: all). */
  keep?(object: RemoteObject, inputs: PlainObject): boolean;
  /**
   * What the mapper needs besides the object, from the objects exported before it: the inputs
   * last applied would hold (`previous`), the object with a reference expanded. A string is
   * why the object is left out (it follows the object's id in a note).
   */
  prepare?(
    object: RemoteObject,
    exported: ExportedObjects,
  ): { object?: RemoteObject; previous?: PlainObject } | string;
  /** Something a reader of the spec should know of one object: the input it concerns and what. */
  note?(object: RemoteObject, inputs: PlainObject): { path: string[]; message: string } | undefined;
  /**
   * How another entry names this object when it is not exported itself (archived): a value the
   * reference takes and how it names it (e.g. a price `{ lookupKey }`, "its lookup key").
   * Default: its id.
   */
  referredAs?(object: RemoteObject): { value: PlainObject | string; how: string } | undefined;
  /** Puts lists Stripe treats as sets in a fixed order, once references are keys. */
  sortSets?(inputs: PlainObject): void;
}

/** The objects an export holds so far, for the rules of the sections after them. */
export interface ExportedObjects {
  get(type: string, id: string): RemoteObject | undefined;
}

/** One value Stripe clears on its side: where it is, and when Stripe clears it. */
export interface ClearedByStripe<S extends ObjectSchema = any> {
  /** The input path (camelCase, in the grammar of ./paths). */
  path: InputPath<S>;
  /** Whether Stripe clears it, judged on the new canonical inputs. */
  when(inputs: InputsOf<S>): boolean;
  /** The Stripe page (or SDK declaration) that says Stripe clears it. */
  source: string;
}

/** Billing words for a plan: "Shipping rate *Ground*: … — replaced: a new rate is created and the old one archived". */
export interface PlanWords<S extends ObjectSchema = any> {
  /** The object as a billing team calls it, e.g. `Shipping rate`. */
  noun: string;
  /** The input that names one object for a person (e.g. `displayName`); else the Pulumi name. */
  label?: KeyOf<S>;
  /** What destroy does in Stripe, as a participle: `archived`, `expired`, `released: …`. */
  destroyed(inputs: Partial<InputsOf<S>>): string;
  /** Who a change reaches beyond the account's settings (e.g. a customer), shown as a warning. */
  impact?(inputs: Partial<InputsOf<S>>): string | undefined;
}

/** A declaration of any resource, as the engine and the registry hold them. */
export type AnyDeclaration = ResourceDeclaration<any, any>;

/**
 * Declares a resource: the schema and output functions are built once, on first use, and
 * every path list is checked against the schema by the compiler.
 */
export function declareResource<S extends ObjectSchema, C extends ObjectSchema>(
  declaration: Omit<ResourceDeclaration<S, C>, "schema" | "computed"> & {
    schema: () => S;
    computed: () => C;
  },
): ResourceDeclaration<S, C> {
  return { ...declaration, schema: once(declaration.schema), computed: once(declaration.computed) };
}

/**
 * Where a resource's objects live, given its inputs or outputs: the declaration's path with each
 * `{input}` segment filled from them (an object nested under the one they name).
 */
export function collectionPath(decl: AnyDeclaration, values: PlainObject): string {
  return decl.path.replace(/\{(\w+)\}/g, (_whole, input: string) => {
    const value = values[input];
    if (typeof value !== "string")
      throw new Error(`${decl.type}: its path ${decl.path} needs the input ${input}, which is not known`);
    return encodeURIComponent(value);
  });
}

/** A pattern matching the paths of a resource's collections, whatever its `{input}` segments hold. */
export function collectionPattern(decl: AnyDeclaration): RegExp {
  return new RegExp(`^${decl.path.replace(/\{\w+\}/g, "[^/]+")}$`);
}

/** Every output of a resource: its inputs, then its output-only fields. */
export function outputKeys(decl: AnyDeclaration): string[] {
  return [...Object.keys(decl.schema().shape), ...Object.keys(decl.computed().shape)];
}

/**
 * A schema built on first use and kept: declarations are never serialized, only the shim is,
 * so a schema may live as long as the process once something needs it.
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}
