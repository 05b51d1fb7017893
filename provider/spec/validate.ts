/**
 * Reads a billing spec (a base file and an environment's overlay), checks every entry with
 * its resource's own schema, and resolves the references between entries. Nothing here talks
 * to Stripe or Pulumi: `stripe-billing validate` runs it offline.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { z } from "zod";
import { isPlainObject, type Plain, type PlainObject } from "../engine/values";
import { InputError } from "../errors";
import { pathStartsWith, sitesAt } from "../engine/paths";
import { referencePlaceholder } from "../engine/reference-sites";
import {
  locate,
  overlay,
  readSpecFile,
  toPlain,
  formatIssue,
  type SpecIssue,
  type SpecNode,
} from "./document";
import { LISTED, type RefSite, SECTION_NAMES, SECTIONS, type SectionName } from "./sections";

/** A logical key: it becomes the Pulumi resource name. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** A value taken from stack config: the whole string `${config:NAME}`. */
const CONFIG = /^\$\{config:([A-Za-z0-9_.:-]+)\}$/;

/** Where an entry names another entry of the spec. */
export interface SpecRef {
  path: string[];
  section: SectionName;
  key: string;
}

/** Where an entry takes a value from stack config that was not given when loading. */
export interface ConfigRef {
  path: string[];
  name: string;
}

export interface SpecEntry {
  section: SectionName;
  /** The logical key, used as the resource name. */
  key: string;
  /** The resource's Pulumi type name, e.g. `Price`. */
  type: string;
  /** The inputs as written; at `refs` they hold the logical key of the entry named. */
  inputs: PlainObject;
  refs: SpecRef[];
  config: ConfigRef[];
}

export interface BillingSpec {
  /** The files read, base first. */
  files: string[];
  /** Every entry, sections in creation order, keys in file order. */
  entries: SpecEntry[];
}

export interface LoadOptions {
  /** Reads `<base>.<environment>.<ext>` beside the base file, when it exists, as an overlay. */
  environment?: string;
  /** Stack config values for `${config:NAME}`; a value not given is left for the program. */
  config?: Readonly<Record<string, string>> | ((name: string) => string | undefined);
}

/** A spec that does not validate; `issues` lists every problem. */
export class SpecError extends InputError {
  constructor(readonly issues: SpecIssue[]) {
    super("invalid_billing_spec", `the billing spec is invalid:\n${issues.map(formatIssue).join("\n")}`);
  }
}

/** The outcome of a check: the files read, and the spec when there are no issues. */
export interface SpecCheck {
  files: string[];
  spec?: BillingSpec;
  issues: SpecIssue[];
}

/** The overlay file of an environment: `billing.yaml` + `live` → `billing.live.yaml`. */
export function overlayFile(file: string, environment: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${environment}${ext}`;
}

/** Reads, merges and checks a spec; returns it with no issues, or the issues. */
export function checkBillingSpec(file: string, options: LoadOptions = {}): SpecCheck {
  const files = [file];
  if (options.environment !== undefined) {
    const over = overlayFile(file, options.environment);
    if (fs.existsSync(over)) files.push(over);
  }
  let root: SpecNode | undefined;
  for (const f of files) {
    const read = readSpecFile(f);
    if (read.issues.length > 0) return { files, issues: read.issues };
    root = root ? overlay(root, read.root!) : read.root!;
  }
  return checkTree(root!, files, options);
}

/** Checks a spec held in memory (e.g. one about to be written), as if read from `file`. */
export function checkSpecText(file: string, text: string, options: LoadOptions = {}): SpecCheck {
  const read = readSpecFile(file, text);
  if (read.issues.length > 0) return { files: [file], issues: read.issues };
  return checkTree(read.root!, [file], options);
}

/** Reads, merges and checks a spec; throws a SpecError listing every issue. */
export function loadBillingSpec(file: string, options: LoadOptions = {}): BillingSpec {
  const { spec, issues } = checkBillingSpec(file, options);
  if (!spec) throw new SpecError(issues);
  return spec;
}

function checkTree(root: SpecNode, files: string[], options: LoadOptions): SpecCheck {
  const issues: SpecIssue[] = [];
  const issue = (p: readonly (string | number)[], message: string) =>
    issues.push({ ...locate(root, p), path: p.join("."), message });
  const value = toPlain(root);
  if (!isPlainObject(value)) {
    issue([], `must be a map of sections (${SECTION_NAMES.join(", ")})`);
    return { files, issues };
  }
  for (const name of Object.keys(value)) {
    if (!(name in SECTIONS)) issue([name], `unknown section; expected one of ${SECTION_NAMES.join(", ")}`);
  }
  const sections: Partial<Record<SectionName, PlainObject>> = {};
  for (const name of SECTION_NAMES) {
    const section = value[name];
    if (section === undefined) continue;
    if (!isPlainObject(section)) {
      issue([name], "must be a map from logical key to entry");
      continue;
    }
    sections[name] = section;
  }
  const origins = expandListed(sections, issue);
  const lookup = options.config;
  const configValue = typeof lookup === "function" ? lookup : (name: string) => lookup?.[name];
  const entries: SpecEntry[] = [];
  for (const name of SECTION_NAMES) {
    const { declaration, refs: sites } = SECTIONS[name];
    const keys = Object.keys(sections[name] ?? {});
    if (declaration.singleton && keys.length > 1)
      issue([name, keys[1]], `an account has one ${declaration.type}: give at most one entry`);
    const identity = declaration.identity?.input;
    for (const { key, first, value } of repeatedIdentities(sections[name] ?? {}, identity))
      issue(
        [name, key, identity!],
        `"${value}" is also the ${identity} of ${first}: it names one object, so one entry`,
      );
    for (const key of keys) {
      const at = [name, key];
      // An entry listed on its parent's entry is reported where it is written.
      const origin = origins.get(`${name}.${key}`);
      const flag = (p: readonly (string | number)[], message: string) => issue(origin ?? p, message);
      if (!KEY.test(key))
        flag(at, "a logical key starts with a letter or digit and holds letters, digits, `.`, `-` and `_`");
      const raw = sections[name]![key];
      if (!isPlainObject(raw)) {
        flag(at, "must be a map of inputs");
        continue;
      }
      const config: ConfigRef[] = [];
      const inputs = withConfig(raw, [], configValue, config) as PlainObject;
      const checked = structuredClone(inputs);
      const refs: SpecRef[] = [];
      for (const site of sites) {
        for (const { path: p, value: v } of sitesAt(checked, site.path)) {
          if (typeof v !== "string" || config.some((c) => c.path.join(".") === p.join("."))) continue;
          const target = sections[site.to]?.[v];
          if (target !== undefined) {
            refs.push({ path: p, section: site.to, key: v });
            setPath(checked, p, standIn(site, v, target));
            continue;
          }
          // Not a key: it must then name an object outside the spec as the input's schema says.
          const outside = site.schema.safeParse(v);
          if (!outside.success) {
            const noun = SECTIONS[site.to].declaration.words?.noun.toLowerCase() ?? site.to;
            flag(
              [...at, ...p],
              `no ${noun} "${v}" in this spec; one outside it ${outside.error.issues[0].message}`,
            );
            setPath(checked, p, standIn(site, v, undefined));
          }
        }
      }
      const result = (declaration.schema() as z.ZodType).safeParse(checked);
      if (!result.success) {
        for (const zi of result.error.issues) {
          const p = zi.path.map(String);
          if (config.some((c) => pathStartsWith(p, c.path))) continue;
          if (zi.code === "unrecognized_keys") {
            for (const k of zi.keys) flag([...at, ...p, k], "unknown field");
          } else flag([...at, ...p], zi.message);
        }
      }
      entries.push({ section: name, key, type: declaration.type, inputs, refs, config });
    }
  }
  issues.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file) || a.line - b.line || a.col - b.col);
  return issues.length > 0 ? { files, issues } : { files, spec: { files, entries }, issues };
}

/**
 * Turns the lists written on parents' entries (a product's `features: [sso]`) into entries of
 * the listed section (`productFeatures.pro-sso`), taking the list off the parent; returns
 * where each such entry was written, for its issues.
 */
function expandListed(
  sections: Partial<Record<SectionName, PlainObject>>,
  issue: (p: readonly (string | number)[], message: string) => void,
): Map<string, (string | number)[]> {
  const origins = new Map<string, (string | number)[]>();
  for (const site of LISTED) {
    const parents = sections[site.parent] ?? {};
    for (const [parentKey, raw] of Object.entries(parents)) {
      if (!isPlainObject(raw) || raw[site.field] === undefined) continue;
      const { [site.field]: list, ...rest } = raw;
      parents[parentKey] = rest;
      const at = [site.parent, parentKey, site.field];
      const noun = SECTIONS[site.section].declaration.words?.noun.toLowerCase() ?? site.section;
      if (!Array.isArray(list)) {
        issue(at, `must be a list: each item stands for a ${noun}`);
        continue;
      }
      list.forEach((item, i) => {
        const key = `${parentKey}-${String(item)}`;
        if (typeof item !== "string") issue([...at, i], "must be a logical key or an id");
        else if (sections[site.section]?.[key] !== undefined)
          issue([...at, i], `${site.section}.${key} is given twice: here and in ${site.section}`);
        else {
          (sections[site.section] ??= {})[key] = { [site.parentInput]: parentKey, [site.item]: item };
          origins.set(`${site.section}.${key}`, [...at, i]);
        }
      });
    }
  }
  return origins;
}

/**
 * The entries after the first that repeat an identity input (a lookup key, a custom id, an
 * event name): it names one object in every account, so two entries cannot share it.
 */
function repeatedIdentities(
  section: PlainObject,
  input: string | undefined,
): { key: string; first: string; value: string }[] {
  if (input === undefined) return [];
  const holders = new Map<string, string>();
  const out: { key: string; first: string; value: string }[] = [];
  for (const [key, entry] of Object.entries(section)) {
    const value = isPlainObject(entry) ? entry[input] : undefined;
    // A value from stack config is known only when the program runs.
    if (typeof value !== "string" || CONFIG.test(value)) continue;
    const first = holders.get(value);
    if (first === undefined) holders.set(value, key);
    else out.push({ key, first, value });
  }
  return out;
}

/**
 * What a reference to an entry stands for while the spec is checked: the entry's own identity
 * (a custom product id), else its key, else a placeholder — the first the reference accepts,
 * distinct per key (so two entries named in one list stay two).
 */
function standIn(site: RefSite, key: string, target: Plain): string {
  const decl = SECTIONS[site.to].declaration;
  const own = decl.identity?.input && isPlainObject(target) ? target[decl.identity.input] : undefined;
  const placeholder = referencePlaceholder(site.schema);
  const candidates = [own, key, `${placeholder}${key.replace(/\W/g, "")}`, placeholder];
  return (candidates.find((c) => typeof c === "string" && site.schema.safeParse(c).success) as string) ?? key;
}

function withConfig(
  value: Plain,
  at: string[],
  get: (name: string) => string | undefined,
  out: ConfigRef[],
): Plain {
  if (typeof value === "string") {
    const m = CONFIG.exec(value);
    if (!m) return value;
    const given = get(m[1]);
    if (given === undefined) out.push({ path: at, name: m[1] });
    return given ?? value;
  }
  if (Array.isArray(value)) return value.map((v, i) => withConfig(v, [...at, String(i)], get, out));
  if (isPlainObject(value)) {
    const copy: PlainObject = {};
    for (const [k, v] of Object.entries(value)) copy[k] = withConfig(v, [...at, k], get, out);
    return copy;
  }
  return value;
}

export function setPath(target: PlainObject, p: readonly string[], value: Plain): void {
  let node: any = target;
  for (const step of p.slice(0, -1)) node = node[step];
  node[p[p.length - 1]] = value;
}
