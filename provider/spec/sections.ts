/**
 * The sections of a billing spec, derived from the declarations: one per resource type, named
 * after it (`ShippingRate` → `shippingRates`; an account's one `TaxSettings` → `taxSettings`),
 * with the places its entries may name another entry by key read off its schema's references.
 * Sections are listed so that an entry comes after every section it can name.
 */
import type { z } from "zod";
import type { AnyDeclaration } from "../engine/declaration";
import { referenceSites } from "../engine/reference-sites";
import { declarations } from "../resources";

/** A place where an entry may name an entry of another section by its key. */
export interface RefSite {
  /** Input path steps; `[]` stands for each element of a list. */
  path: readonly string[];
  /** The section of the entries named there. */
  to: SectionName;
  /** What the input takes there when it names an object outside the spec. */
  schema: z.ZodType;
}

export interface Section {
  name: SectionName;
  declaration: AnyDeclaration;
  refs: readonly RefSite[];
}

/** A section's name, e.g. `prices`. */
export type SectionName = string;

/** The section holding a resource type's entries: its name in lower camel case, plural unless one per account. */
export function sectionOf(decl: AnyDeclaration): SectionName {
  const name = decl.type[0].toLowerCase() + decl.type.slice(1);
  if (decl.singleton) return name;
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(name) ? `${name}es` : `${name}s`;
}

function buildSections(): Record<SectionName, Section> {
  const all = Object.values(declarations);
  const byType = new Map(all.map((d) => [d.type, sectionOf(d)]));
  const unordered = all.map((declaration) => ({
    name: sectionOf(declaration),
    declaration,
    refs: referenceSites(declaration).map((site) => {
      const to = byType.get(site.to);
      if (to === undefined)
        throw new Error(
          `${declaration.type} refers to ${site.to}, which no declaration in provider/resources is`,
        );
      return { path: site.path, to, schema: site.schema };
    }),
  }));
  // Depth first (a section after all it names), then by name: an order that follows from the
  // declarations alone, so adding one never reorders the others by hand.
  const depth = new Map<SectionName, number>();
  const depthOf = (name: SectionName, seen: SectionName[] = []): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (seen.includes(name))
      throw new Error(`sections refer to each other in a cycle: ${[...seen, name].join(" → ")}`);
    const section = unordered.find((s) => s.name === name)!;
    const d =
      Math.max(-1, ...section.refs.filter((r) => r.to !== name).map((r) => depthOf(r.to, [...seen, name]))) +
      1;
    depth.set(name, d);
    return d;
  };
  const ordered = [...unordered].sort(
    (a, b) => depthOf(a.name) - depthOf(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return Object.fromEntries(ordered.map((s) => [s.name, s]));
}

/** The sections, in the order a spec lists them and export writes them. */
export const SECTIONS: Readonly<Record<SectionName, Section>> = buildSections();

export const SECTION_NAMES: readonly SectionName[] = Object.keys(SECTIONS);

/** The section of a Pulumi type. */
export function sectionOfType(type: string): Section {
  const section = Object.values(SECTIONS).find((s) => s.declaration.type === type);
  if (!section) throw new Error(`no billing spec section holds ${type}`);
  return section;
}

/**
 * Entries a spec may write as a list on their parent's entry (a product's `features`): the
 * parent's section and field, and the section and inputs of the entries each item stands for.
 */
export interface ListedSite {
  parent: SectionName;
  field: string;
  section: SectionName;
  /** The input naming the parent entry, and the one naming the listed item. */
  parentInput: string;
  item: string;
}

export const LISTED: readonly ListedSite[] = Object.values(SECTIONS).flatMap((s) => {
  const under = s.declaration.export?.under;
  if (!under?.listed) return [];
  const parent = sectionOfType(under.type).name;
  return [
    { parent, field: under.listed.field, section: s.name, parentInput: under.input, item: under.listed.item },
  ];
});
