/**
 * An account's billing setup as a YAML billing spec (`stripe-billing export`). Each Stripe
 * object is read the way the provider reads it (the declaration's own mapper, `viewOf`), cut
 * down to what differs from the schema's defaults, and named by a key derived from what is the
 * same in every account. References between exported objects use keys, never ids. Only reads:
 * the source it is given lists and retrieves.
 */
import { Document, isNode } from "yaml";
import type { z } from "zod";
import type { AnyDeclaration, RemoteObject } from "../engine/declaration";
import { parsePath, sitesAt } from "../engine/paths";
import { deepEqual, getPath, isPlainObject, prune, type Plain, type PlainObject } from "../engine/values";
import { viewOf } from "../engine/view";
import { CUSTOM_PRODUCT_ID } from "../resources/product";
import type { SpecIssue } from "./document";
import { SECTION_NAMES, SECTIONS, type SectionName } from "./sections";
import { checkSpecText } from "./validate";

/** The first line of an exported spec: editors complete and check it with the shipped schema. */
export const SCHEMA_COMMENT =
  " yaml-language-server: $schema=node_modules/pulumi-stripe-billing/provider/spec/billing-spec.schema.json";

/** Where the objects come from: read-only calls on the account (the CLI passes the HTTP client). */
export interface ExportSource {
  /** Every object of a list endpoint, fetched in pages of 100 (`limit=100`, `starting_after`). */
  list(path: string, params: Record<string, string | boolean | string[]>): Promise<RemoteObject[]>;
  /** One object. */
  get(path: string): Promise<RemoteObject>;
}

export interface ExportOptions {
  /** Give each entry the `adoptId` of its object (default true). */
  adoptIds?: boolean;
  /** Also export subscription schedules that have not ended (default false). */
  includeSchedules?: boolean;
}

/** Something the reader of an export should know, and where in the spec it applies. */
export interface ExportNote {
  path?: (string | number)[];
  message: string;
}

export interface ExportResult {
  /** The spec, as YAML. */
  text: string;
  /** Entries per section. */
  counts: Partial<Record<SectionName, number>>;
  notes: ExportNote[];
  /** Problems `stripe-billing validate` would report (none, unless Stripe holds values the schemas refuse). */
  issues: SpecIssue[];
}

/** One object on its way into the spec. */
interface Entry {
  section: SectionName;
  object: RemoteObject;
  /** Inputs that differ from the defaults; references still hold Stripe ids until rewritten. */
  inputs: PlainObject;
  /** The key before collisions are resolved. */
  base: string;
  /** The key comes from the object's own identity (a custom id, a lookup key), not from a name. */
  own?: boolean;
  key: string;
}

/** A note whose path may name an entry, before keys are known. */
interface PendingNote {
  path?: (string | number | Entry)[];
  message: string;
}

/** Schedules in these states still run, or will. */
const LIVE_SCHEDULES = ["not_started", "active"];

export async function exportBillingSpec(
  source: ExportSource,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const notes: PendingNote[] = [];
  const list = (section: SectionName, params: Record<string, string | boolean> = {}) => {
    const decl = SECTIONS[section].declaration;
    // The declaration's expansions, applied to each listed object: the objects arrive in the
    // shape the provider reads, with no retrieve per object.
    const expand = (decl.expand ?? []).map((e) => `data.${e}`);
    return source.list(decl.path, expand.length > 0 ? { ...params, expand } : params);
  };
  const entries: Entry[] = [];
  const add = (section: SectionName, object: RemoteObject, previous?: PlainObject) => {
    const inputs = exportedInputs(SECTIONS[section].declaration, object, previous);
    const entry: Entry = { section, object, inputs, base: "", key: "" };
    entries.push(entry);
    return entry;
  };

  // Products: a custom id is an input, a generated one (`prod_…`) is not.
  const products = await list("products", { active: true });
  const productKeys = new Map<string, string>();
  for (const object of products) {
    const custom = isCustomProductId(String(object.id));
    const entry = add("products", object, custom ? { productId: object.id } : undefined);
    entry.base = custom ? slug(String(object.id), "product") : slug(String(object.name), "product");
    entry.own = custom;
  }
  assignKeys(entries, "products", productKeys);

  // Prices of the exported products; the default price of its product says so.
  const exportedProducts = new Map(products.map((p) => [String(p.id), p]));
  for (const object of await list("prices", { active: true })) {
    const productId = idOf(object.product);
    const product = exportedProducts.get(productId);
    if (!product) {
      notes.push({
        message: `${object.id} is active but its product ${productId} is archived: left out (archived products are not exported).`,
      });
      continue;
    }
    const isDefault = product.default_price === object.id || idOf(product.default_price) === object.id;
    const entry = add("prices", { ...object, product }, isDefault ? { productDefault: true } : undefined);
    entry.inputs.product = productKeys.get(productId)!;
    const recurring = entry.inputs.recurring as PlainObject | undefined;
    const period = recurring
      ? `${Number(recurring.intervalCount ?? 1) > 1 ? recurring.intervalCount : ""}${recurring.interval}`
      : "once";
    entry.base = slug(
      String(object.lookup_key ?? object.nickname ?? `${entry.inputs.product}-${object.currency}-${period}`),
      "price",
    );
    entry.own = typeof object.lookup_key === "string";
  }
  const priceKeys = new Map<string, string>();
  assignKeys(entries, "prices", priceKeys);

  for (const object of await list("shippingRates", { active: true })) {
    add("shippingRates", object).base = slug(String(object.display_name), "shipping");
  }

  // Tax settings belong to the account: exported once anything is set.
  const settings = add("taxSettings", await source.get(SECTIONS.taxSettings.declaration.path));
  settings.base = "tax";
  if (settings.inputs.defaults === undefined && settings.inputs.headOffice === undefined) entries.pop();

  const registrations = [
    ...(await list("taxRegistrations", { status: "active" })),
    ...(await list("taxRegistrations", { status: "scheduled" })),
  ];
  for (const object of registrations) {
    // Started "now" reads back as the default; a start still ahead stays a timestamp.
    const entry = add("taxRegistrations", object, { activeFrom: "now" });
    const options = Object.values((entry.inputs.countryOptions ?? {}) as PlainObject)[0] as PlainObject;
    const province = (options?.provinceStandard as PlainObject | undefined)?.province;
    entry.base = slug(
      [object.country, options?.state, province, options?.type].filter((p) => p !== undefined).join("-"),
      "registration",
    );
    if (typeof entry.inputs.activeFrom === "number" && object.status === "active") {
      notes.push({
        path: ["taxRegistrations", entry, "activeFrom"],
        message: `${object.id} started at a time of its own, already past: Stripe takes only "now" or a future time for a new registration, so another account needs this value changed.`,
      });
    }
  }

  for (const object of await list("portalConfigurations", { active: true })) {
    const name = object.name ?? (object.is_default ? "default" : "portal");
    add("portalConfigurations", object).base = slug(String(name), "portal");
  }

  if (options.includeSchedules) {
    for (const object of await list("subscriptionSchedules")) {
      if (!LIVE_SCHEDULES.includes(String(object.status))) continue;
      add("subscriptionSchedules", object).base = slug(idOf(object.customer), "schedule");
    }
  }

  // References to objects outside the export: a price by its lookup key where it has one.
  const outside = new Map<string, RemoteObject>();
  const missing = new Set<string>();
  for (const entry of entries) {
    forEachRef(entry, (_path, to, value) => {
      if (to === "prices" && typeof value === "string" && !priceKeys.has(value)) missing.add(value);
    });
  }
  for (const id of [...missing].sort()) {
    outside.set(id, await source.get(`${SECTIONS.prices.declaration.path}/${encodeURIComponent(id)}`));
  }
  for (const entry of entries) {
    if (entry.section === "products" || entry.section === "prices") continue;
    // What each reference outside the export became, and why; noted once the lists are sorted.
    const why = new Map<string, string>();
    forEachRef(entry, (_path, to, value, set) => {
      if (typeof value !== "string") return;
      const key = (to === "prices" ? priceKeys : productKeys).get(value);
      if (key !== undefined) return set(key);
      if (to === "products") {
        why.set(JSON.stringify(value), `product ${value} is archived, so not exported: named by its id`);
        return;
      }
      const lookupKey = outside.get(value)?.lookup_key;
      const reason = `${value} is not exported (archived, or its product is)`;
      if (typeof lookupKey === "string") {
        set({ lookupKey });
        why.set(JSON.stringify({ lookupKey }), `${reason}: named by its lookup key`);
      } else {
        why.set(JSON.stringify(value), `${reason} and has no lookup key: named by its id`);
      }
    });
    sortSets(entry);
    forEachRef(entry, (path, _to, value) => {
      const message = why.get(JSON.stringify(value));
      // On the scalar itself, so the comment ends its line.
      const at = isPlainObject(value) ? [...path, "lookupKey"] : path;
      if (message) notes.push({ path: [entry.section, entry, ...at], message });
    });
  }
  for (const section of SECTION_NAMES) {
    if (section !== "products" && section !== "prices") assignKeys(entries, section);
  }

  if (options.adoptIds !== false) {
    for (const entry of entries) {
      // Tax settings have no id of their own: their resource adopts the account's settings anyway.
      if (!SECTIONS[entry.section].declaration.singleton) entry.inputs.adoptId = String(entry.object.id);
    }
  }
  return render(entries, notes);
}

/**
 * The inputs of an object: the declaration's reading of it (`previous` as the inputs last
 * applied would be, where the mapper needs to know a form), in canonical form, then cut down to
 * what differs from the defaults.
 */
export function exportedInputs(
  decl: AnyDeclaration,
  object: RemoteObject,
  previous?: PlainObject,
): PlainObject {
  const read = viewOf(decl, object, previous).inputs;
  const schema = decl.schema() as z.ZodType;
  const parsed = schema.safeParse(read);
  return parsed.success ? minimalInputs(prune(parsed.data as PlainObject), schema) : read;
}

/**
 * The smallest inputs the schema reads as `full`: every field whose removal changes nothing
 * (the schema fills in the same default) is left out, outside in.
 */
export function minimalInputs(full: PlainObject, schema: z.ZodType): PlainObject {
  const out = structuredClone(full);
  const same = () => {
    const parsed = schema.safeParse(out);
    return parsed.success && deepEqual(prune(parsed.data as PlainObject), full);
  };
  const visit = (node: PlainObject | Plain[]): void => {
    if (Array.isArray(node)) {
      for (const item of node) if (isPlainObject(item) || Array.isArray(item)) visit(item);
      return;
    }
    for (const key of Object.keys(node)) {
      const value = node[key];
      node[key] = undefined;
      if (same()) continue;
      node[key] = value;
      if (isPlainObject(value) || Array.isArray(value)) visit(value);
    }
  };
  visit(out);
  return prune(out);
}

/** A custom product id (`pro`) rather than one Stripe generated (`prod_…`). */
function isCustomProductId(id: string): boolean {
  return CUSTOM_PRODUCT_ID.test(id) && !id.startsWith("prod_");
}

function idOf(value: unknown): string {
  return isPlainObject(value) ? String(value.id) : String(value);
}

/**
 * A key from text: lower case, accents dropped, runs of other characters (`_` too) as one `-`, starting
 * with a letter or digit, at most 64 characters; `fallback` when nothing is left.
 */
export function slug(text: string, fallback: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, "-")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 64)
    .replace(/[^a-z0-9]+$/, "");
  return s || fallback;
}

/**
 * Keys of one section. Objects whose keys collide are ordered: one whose key is its own (a custom
 * id, a lookup key) before one whose key comes from a name, then by their create-only inputs
 * (what never changes for an object, so the order neither depends on when objects were created
 * nor moves when they are edited), then by creation time, then id; the first keeps the key,
 * the next take `-2`, `-3`, … (skipping keys taken).
 */
function assignKeys(entries: Entry[], section: SectionName, byId?: Map<string, string>): void {
  const mine = entries.filter((e) => e.section === section);
  const createOnly = SECTIONS[section].declaration.createOnly as readonly string[];
  const rank = (e: Entry) => createOnly.map((p) => getPath(e.inputs, parsePath(p)) as Plain);
  const compare = (a: Entry, b: Entry) =>
    cmp(a.base, b.base) ||
    Number(b.own ?? false) - Number(a.own ?? false) ||
    compareValues(rank(a), rank(b)) ||
    Number(a.object.created ?? 0) - Number(b.object.created ?? 0) ||
    cmp(String(a.object.id), String(b.object.id));
  const taken = new Set(mine.map((e) => e.base));
  let previous: string | undefined;
  for (const entry of [...mine].sort(compare)) {
    if (entry.base !== previous) {
      entry.key = entry.base;
    } else {
      let n = 2;
      while (taken.has(`${entry.base}-${n}`)) n++;
      entry.key = `${entry.base}-${n}`;
      taken.add(entry.key);
    }
    previous = entry.base;
    // Other objects name it by its id (a product's custom id is its id).
    byId?.set(String(entry.object.id), entry.key);
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order on plain values: absent first, numbers by value, lists item by item, else as text. */
function compareValues(a: Plain, b: Plain): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareValues(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return compareValues(
      keys.map((k) => a[k]),
      keys.map((k) => b[k]),
    );
  }
  return cmp(JSON.stringify(a), JSON.stringify(b));
}

/** Each place an entry names a product or price, with a setter to rewrite it. */
function forEachRef(
  entry: Entry,
  visit: (path: string[], to: "products" | "prices", value: Plain, set: (value: Plain) => void) => void,
): void {
  for (const site of SECTIONS[entry.section].refs) {
    for (const { path, value, set } of sitesAt(entry.inputs, parsePath(site.path)))
      visit(path, site.to, value, set);
  }
}

/**
 * Lists Stripe treats as sets (a portal configuration's products and their prices) are written
 * in the order of their keys, so that two accounts with different ids export the same text.
 */
function sortSets(entry: Entry): void {
  if (entry.section !== "portalConfigurations") return;
  const update = getPath(entry.inputs, ["features", "subscriptionUpdate"]) as PlainObject | undefined;
  const products = update?.products as PlainObject[] | undefined;
  if (!products) return;
  const text = (v: Plain) => (typeof v === "string" ? `0${v}` : `1${JSON.stringify(v)}`);
  for (const p of products) (p.prices as Plain[]).sort((a, b) => cmp(text(a), text(b)));
  products.sort((a, b) => cmp(String(a.product), String(b.product)));
}

/** The YAML text: sections in creation order, keys sorted, notes as comments where they apply. */
function render(entries: Entry[], notes: PendingNote[]): ExportResult {
  const tree: PlainObject = {};
  const counts: Partial<Record<SectionName, number>> = {};
  for (const section of SECTION_NAMES) {
    const mine = entries.filter((e) => e.section === section).sort((a, b) => cmp(a.key, b.key));
    if (mine.length === 0) continue;
    counts[section] = mine.length;
    tree[section] = Object.fromEntries(mine.map((e) => [e.key, e.inputs]));
  }
  // Notes name entries, whose keys are known only now.
  const resolved: ExportNote[] = notes.map((n) => ({
    ...n,
    path: n.path?.map((p) => (typeof p === "object" ? p.key : p)),
  }));
  const doc = new Document(tree);
  doc.commentBefore = SCHEMA_COMMENT;
  for (const note of resolved) {
    const node = note.path ? doc.getIn(note.path, true) : undefined;
    if (isNode(node)) node.comment = ` ${note.message}`;
  }
  const text = doc.toString({ lineWidth: 0 });
  const { issues } = checkSpecText("export.yaml", text);
  return { text, counts, notes: resolved, issues };
}
