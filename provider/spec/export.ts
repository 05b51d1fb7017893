/**
 * An account's billing setup as a YAML billing spec (`stripe-billing export`). Each Stripe
 * object is read the way the provider reads it (the declaration's own mapper, `viewOf`), cut
 * down to what differs from the schema's defaults, and named by a key derived from what is the
 * same in every account. References between exported objects use keys, never ids. Only reads:
 * the source it is given lists and retrieves.
 */
import { Document, isNode } from "yaml";
import type { z } from "zod";
import {
  collectionPath,
  type AnyDeclaration,
  type ExportedObjects,
  type RemoteObject,
} from "../engine/declaration";
import { deepEqual, getPath, isPlainObject, prune, type Plain, type PlainObject } from "../engine/values";
import { viewOf } from "../engine/view";
import { sitesAt } from "../engine/paths";
import type { FormParams } from "../stripe/encode";
import type { SpecIssue } from "./document";
import { LISTED, SECTION_NAMES, SECTIONS, sectionOfType, type SectionName } from "./sections";
import { checkSpecText } from "./validate";

/** The first line of an exported spec: editors complete and check it with the shipped schema. */
export const SCHEMA_COMMENT =
  " yaml-language-server: $schema=node_modules/pulumi-stripe-billing/provider/spec/billing-spec.schema.json";

/** Where the objects come from: read-only calls on the account (the CLI passes the HTTP client). */
export interface ExportSource {
  /** Every object of a list endpoint, fetched in pages of 100 (`limit=100`, `starting_after`). */
  list(path: string, params: FormParams): Promise<RemoteObject[]>;
  /** One object. */
  get(path: string): Promise<RemoteObject>;
}

export interface ExportOptions {
  /** Give each entry the `adoptId` of its object (default true). */
  adoptIds?: boolean;
  /** Sections exported only when asked for (their objects belong to one account's customers). */
  include?: SectionName[];
  /** Also export subscription schedules that have not ended (default false): `include` of their section. */
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
  counts: Record<SectionName, number>;
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

export async function exportBillingSpec(
  source: ExportSource,
  options: ExportOptions = {},
): Promise<ExportResult> {
  const notes: PendingNote[] = [];
  const entries: Entry[] = [];
  /** Every exported object by type and id: what later sections' rules and references look up. */
  const exported = new Map<string, Map<string, Entry>>();
  const objects: ExportedObjects = {
    get: (type, id) => exported.get(type)?.get(id)?.object,
  };
  const asked = new Set(options.include ?? []);
  if (options.includeSchedules) asked.add(sectionOfType("SubscriptionSchedule").name);

  for (const section of SECTION_NAMES) {
    const decl = SECTIONS[section].declaration;
    const rule = decl.export;
    if (!rule || (rule.onlyWhenAsked && !asked.has(section))) continue;
    const mine: Entry[] = [];
    for (const { object: found, parent } of await findAll(source, decl, exported)) {
      const prepared = rule.prepare?.(found, objects) ?? {};
      if (typeof prepared === "string") {
        notes.push({ message: `${found.id} ${prepared}` });
        continue;
      }
      const previous = parent ? { ...parent, ...prepared.previous } : prepared.previous;
      const inputs = exportedInputs(decl, prepared.object ?? found, previous);
      if (rule.keep && !rule.keep(found, inputs)) continue;
      const entry: Entry = { section, object: found, inputs, base: "", key: "" };
      mine.push(entry);
      const byId = exported.get(decl.type) ?? new Map<string, Entry>();
      exported.set(decl.type, byId.set(String(found.id), entry));
    }
    // References become keys of the sections before this one, so keys and their order below
    // depend only on what is the same in every account.
    await nameReferences(source, mine, exported, notes);
    for (const entry of mine) {
      rule.sortSets?.(entry.inputs);
      const own = decl.identity?.input ? entry.inputs[decl.identity.input] : undefined;
      entry.own = typeof own === "string";
      const name = entry.own ? String(own) : decl.identity?.name?.(entry.object, entry.inputs);
      entry.base = slug(name ?? "", slug(decl.words?.noun ?? section, section));
      const note = rule.note?.(entry.object, entry.inputs);
      if (note)
        notes.push({ path: [section, entry, ...note.path], message: `${entry.object.id} ${note.message}` });
    }
    assignKeys(mine);
    entries.push(...mine);
  }

  if (options.adoptIds !== false) {
    for (const entry of entries) {
      // An account-wide singleton has no id of its own: its resource adopts the account's anyway.
      if (!SECTIONS[entry.section].declaration.singleton) entry.inputs.adoptId = String(entry.object.id);
    }
  }
  return render(foldListed(entries), notes);
}

/**
 * Writes the entries a spec may list on their parent's entry (a product's `features`) as that
 * list, where nothing else is said of them: an entry with an `adoptId` keeps its own.
 */
function foldListed(entries: Entry[]): Entry[] {
  const folded = new Set<Entry>();
  for (const site of LISTED) {
    const parents = new Map(entries.filter((e) => e.section === site.parent).map((e) => [e.key, e]));
    for (const entry of entries.filter((e) => e.section === site.section)) {
      const parent = parents.get(String(entry.inputs[site.parentInput]));
      const only = Object.keys(entry.inputs).every((k) => k === site.parentInput || k === site.item);
      if (!parent || !only || typeof entry.inputs[site.item] !== "string") continue;
      const list = ((parent.inputs[site.field] as string[] | undefined) ?? []).concat(
        String(entry.inputs[site.item]),
      );
      parent.inputs[site.field] = list.sort();
      folded.add(entry);
    }
  }
  return entries.filter((e) => !folded.has(e));
}

/**
 * Every object of a declaration's type the export rule lists (or the account's one object); an
 * object nested under another comes with the input that names its parent.
 */
async function findAll(
  source: ExportSource,
  decl: AnyDeclaration,
  exported: Map<string, Map<string, Entry>>,
): Promise<{ object: RemoteObject; parent?: PlainObject }[]> {
  const lists = decl.export?.lists;
  if (!lists) return [{ object: await source.get(decl.path) }];
  // The declaration's expansions, applied to each listed object: the objects arrive in the
  // shape the provider reads, with no retrieve per object.
  const expand = (decl.expand ?? []).map((e) => `data.${e}`);
  const under = decl.export?.under;
  const parents = under
    ? [...(exported.get(under.type)?.keys() ?? [])].map((id) => ({ [under.input]: id }))
    : [undefined];
  const found: { object: RemoteObject; parent?: PlainObject }[] = [];
  for (const parent of parents) {
    const path = parent ? collectionPath(decl, parent) : decl.path;
    for (const params of lists) {
      const page = await source.list(path, expand.length > 0 ? { ...params, expand } : params);
      found.push(...page.map((object) => ({ object, parent })));
    }
  }
  return found;
}

/**
 * Rewrites the references of a section's entries: an exported object becomes its key; one that
 * is not exported (archived) is named the way its declaration says another entry names it
 * (a price by its lookup key), else by its id, with a note saying why.
 */
async function nameReferences(
  source: ExportSource,
  entries: Entry[],
  exported: Map<string, Map<string, Entry>>,
  notes: PendingNote[],
): Promise<void> {
  const outside = new Map<string, RemoteObject | undefined>();
  for (const entry of entries) {
    for (const site of SECTIONS[entry.section].refs) {
      const target = SECTIONS[site.to].declaration;
      for (const { value } of sitesAt(entry.inputs, site.path)) {
        if (typeof value !== "string" || exported.get(target.type)?.has(value) || !target.export?.referredAs)
          continue;
        if (!outside.has(value))
          outside.set(value, await source.get(`${target.path}/${encodeURIComponent(value)}`));
      }
    }
  }
  for (const entry of entries) {
    // What each reference outside the export became, and why; noted once the lists are sorted.
    const why = new Map<string, string>();
    for (const site of SECTIONS[entry.section].refs) {
      const target = SECTIONS[site.to].declaration;
      for (const { value, set } of sitesAt(entry.inputs, site.path)) {
        if (typeof value !== "string") continue;
        const key = exported.get(target.type)?.get(value)?.key;
        if (key !== undefined) {
          set(key);
          continue;
        }
        const reason = `${value} is not exported (archived, or what it belongs to is)`;
        const object = outside.get(value);
        const named = object ? target.export?.referredAs?.(object) : undefined;
        if (named) {
          set(named.value);
          why.set(JSON.stringify(named.value), `${reason}: named by ${named.how}`);
        } else {
          why.set(JSON.stringify(value), `${reason}: named by its id`);
        }
      }
    }
    if (why.size === 0) continue;
    SECTIONS[entry.section].declaration.export?.sortSets?.(entry.inputs);
    for (const site of SECTIONS[entry.section].refs) {
      for (const { path, value } of sitesAt(entry.inputs, site.path)) {
        const message = why.get(JSON.stringify(value));
        // On the scalar itself, so the comment ends its line.
        const at = isPlainObject(value) ? [...path, ...Object.keys(value).slice(0, 1)] : path;
        if (message) notes.push({ path: [entry.section, entry, ...at], message });
      }
    }
  }
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
function assignKeys(mine: Entry[]): void {
  if (mine.length === 0) return;
  const createOnly = SECTIONS[mine[0].section].declaration.createOnly as readonly string[];
  const rank = (e: Entry) => createOnly.map((p) => getPath(e.inputs, p.split(".")) as Plain);
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

/** The YAML text: sections in creation order, keys sorted, notes as comments where they apply. */
function render(entries: Entry[], notes: PendingNote[]): ExportResult {
  const tree: PlainObject = {};
  const counts: Record<SectionName, number> = {};
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
  // Written so YAML 1.1 readers (many editors and linters) read it as this package does: a
  // country `NO`, or `on` and `y`, are quoted rather than taken for booleans.
  const doc = new Document(tree, { version: "1.1" });
  doc.commentBefore = SCHEMA_COMMENT;
  for (const note of resolved) {
    const node = note.path ? doc.getIn(note.path, true) : undefined;
    if (isNode(node)) node.comment = ` ${note.message}`;
  }
  const text = doc.toString({ lineWidth: 0 });
  const { issues } = checkSpecText("export.yaml", text);
  return { text, counts, notes: resolved, issues };
}
