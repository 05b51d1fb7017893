/**
 * `stripe-billing plan`: the JSON of `pulumi preview --json` as a reviewer reads it in a pull
 * request. One line per changed Stripe object in billing words, the inputs that force each
 * replacement, what destroy really does to the object (archive, expire, restore, release,
 * deactivate), and nothing a reviewer cannot act on: output-only fields, unchanged defaults
 * and Pulumi's bookkeeping stay out. Warnings (from the provider, live mode, customers
 * touched) come first, a one-line summary last.
 */
import type { AnyDeclaration } from "../engine/declaration";
import { diffResource } from "../engine/resource-diff";
import { isPlainObject, isUnknown, type Plain, type PlainObject } from "../engine/values";
import { declarations } from "../resources";
import { CONFIG_NAMESPACE } from "../stripe/settings";

/** The hidden first line of a plan comment, by which a workflow finds the comment to update. */
export const PLAN_MARKER = "<!-- stripe-billing-plan -->";

export type PlanFormat = "markdown" | "text";

/** The parts of `pulumi preview --json` a plan reads. */
interface PreviewStep {
  op: string;
  urn: string;
  oldState?: { type?: string; inputs?: PlainObject; outputs?: PlainObject };
  newState?: { type?: string; inputs?: PlainObject };
  replaceReasons?: string[];
}
interface PreviewDocument {
  config?: Record<string, string>;
  steps?: PreviewStep[];
  diagnostics?: { message?: string; severity?: string; urn?: string }[];
  changeSummary?: Record<string, number>;
}

/** What happens to one object, in the order a reviewer cares about. */
type Action = "replace" | "create" | "update" | "delete";

interface ObjectChange {
  action: Action;
  noun: string;
  label: string;
  /** One "field old → new" per changed input leaf, with whether it forces replacement. */
  fields: { text: string; replaces: boolean; path: string }[];
  destroyed?: string;
  deleteFirst?: boolean;
}

/** How the two front ends name a resource type: a dynamic resource, and the provider plugin's. */
const TYPE_PREFIXES = ["pulumi-nodejs:dynamic/stripe-billing:", "stripe-billing:index:"];
const ACTIONS: Record<string, Action | undefined> = {
  create: "create",
  update: "update",
  replace: "replace",
  "create-replacement": "replace",
  "delete-replaced": "replace",
  delete: "delete",
};

/** Reads the JSON `pulumi preview --json` printed and writes the plan. */
export function renderPlan(previewJson: string, format: PlanFormat = "markdown"): string {
  let doc: PreviewDocument;
  try {
    doc = JSON.parse(previewJson) as PreviewDocument;
  } catch {
    throw new Error("the input is not JSON: give the output of `pulumi preview --json`");
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc.steps)) {
    throw new Error("the input has no `steps`: give the output of `pulumi preview --json`");
  }
  const changes = collectChanges(doc.steps);
  const warnings = collectWarnings(doc, changes.impacts);
  const style = format === "markdown" ? markdown : text;
  const lines: string[] = [];
  if (format === "markdown") lines.push(PLAN_MARKER);
  lines.push(style.heading("Stripe billing plan"), "");
  for (const warning of warnings) lines.push(style.warning(warning));
  if (warnings.length > 0) lines.push("");
  for (const change of changes.objects) lines.push(style.item(describe(change, style)));
  if (changes.objects.length > 0) lines.push("");
  lines.push(summary(changes.objects, doc.changeSummary?.same ?? 0, style));
  return lines.join("\n") + "\n";
}

function collectChanges(steps: PreviewStep[]): { objects: ObjectChange[]; impacts: string[] } {
  const byUrn = new Map<string, { action: Action; step: PreviewStep }>();
  const rank: Action[] = ["replace", "create", "update", "delete"];
  for (const step of steps) {
    const action = ACTIONS[step.op];
    if (!action || step.urn.includes("::pulumi:pulumi:Stack::")) continue;
    const seen = byUrn.get(step.urn);
    // A replacement is reported as up to three steps, the old object's delete first when it
    // goes before the new one's create; one line says it all, with the states of all three.
    if (seen && rank.indexOf(action) > rank.indexOf(seen.action)) continue;
    const oldState = step.oldState ?? seen?.step.oldState;
    const newState = step.newState ?? seen?.step.newState;
    byUrn.set(step.urn, { action, step: { ...step, oldState, newState } });
  }
  const objects: ObjectChange[] = [];
  const impacts: string[] = [];
  for (const [urn, { action, step }] of byUrn) {
    const type = step.newState?.type ?? step.oldState?.type ?? urn.split("::")[2] ?? "";
    const name = urn.split("::").pop() ?? urn;
    const prefix = TYPE_PREFIXES.find((p) => type.startsWith(p));
    const decl = prefix ? declarations[type.slice(prefix.length)] : undefined;
    const change = decl ? stripeChange(decl, action, name, step) : otherChange(type, action, name);
    objects.push(change);
    const impact = decl?.words?.impact?.(inputsOf(step));
    if (impact && action !== "delete") impacts.push(`${change.noun} ${change.label} ${impact}`);
    else if (impact) impacts.push(`${change.noun} ${change.label} is ${change.destroyed}.`);
  }
  objects.sort((a, b) => rank.indexOf(a.action) - rank.indexOf(b.action));
  return { objects, impacts };
}

function inputsOf(step: PreviewStep): PlainObject {
  return step.newState?.inputs ?? step.oldState?.outputs ?? step.oldState?.inputs ?? {};
}

function stripeChange(decl: AnyDeclaration, action: Action, name: string, step: PreviewStep): ObjectChange {
  const words = decl.words;
  const inputs = inputsOf(step);
  const labelValue = words?.label ? inputs[words.label] : undefined;
  const change: ObjectChange = {
    action,
    noun: words?.noun ?? decl.type,
    label: typeof labelValue === "string" && !isUnknown(labelValue) ? labelValue : name,
    fields: [],
    deleteFirst: decl.deleteBeforeReplace === true,
  };
  const olds = step.oldState?.outputs ?? {};
  if (action === "delete" || action === "replace") {
    change.destroyed = words?.destroyed(action === "delete" ? olds : { ...olds, ...inputs }) ?? "deleted";
  }
  if (action === "update" || action === "replace") {
    change.fields = diffResource(decl, olds, inputs).changes.map(({ path, createOnly }) => ({
      path: path.join("."),
      replaces: createOnly,
      text: fieldChange(path, olds, inputs),
    }));
  }
  return change;
}

function otherChange(type: string, action: Action, name: string): ObjectChange {
  return {
    action,
    noun: type,
    label: name,
    fields: [],
    destroyed: action === "delete" ? "deleted" : undefined,
  };
}

interface Style {
  heading(text: string): string;
  warning(text: string): string;
  item(text: string): string;
  name(text: string): string;
  code(text: string): string;
  strong(text: string): string;
}

const markdown: Style = {
  heading: (t) => `### ${t}`,
  warning: (t) => `> **Warning:** ${t}`,
  item: (t) => `- ${t}`,
  name: (t) => `*${escapeMarkdown(t)}*`,
  code: (t) => "`" + t.replace(/`/g, "'") + "`",
  strong: (t) => `**${t}**`,
};

const text: Style = {
  heading: (t) => t,
  warning: (t) => `warning: ${t}`,
  item: (t) => `  ${t}`,
  name: (t) => `"${t}"`,
  code: (t) => t,
  strong: (t) => t,
};

function escapeMarkdown(value: string): string {
  return value.replace(/([\\`*[\]<>|])/g, "\\$1");
}

/** "Shipping rate *Ground*: amount 5.00 USD → 6.00 USD — replaced: a new rate is created and the old one archived". */
function describe(change: ObjectChange, style: Style): string {
  const head = `${change.noun} ${style.name(change.label)}`;
  const fields = change.fields.map((f) => f.text).join("; ");
  const noun = change.noun.toLowerCase();
  const short = noun.split(" ").pop() ?? noun;
  switch (change.action) {
    case "create":
      return `${head}: ${style.strong("created")}`;
    case "update":
      return `${head}: ${fields || "changes"} — ${style.strong("updated in place")}`;
    case "delete":
      return `${head}: removed from the program — ${style.strong(change.destroyed ?? "deleted")}`;
    case "replace": {
      const forcing = change.fields.filter((f) => f.replaces).map((f) => style.code(f.path));
      const how = change.deleteFirst
        ? `the old one is ${change.destroyed} first, then a new ${short} is created`
        : `a new ${short} is created and the old one ${change.destroyed}`;
      const because = forcing.length > 0 ? ` (forced by ${forcing.join(", ")})` : "";
      return `${head}: ${fields || "changes"} — ${style.strong("replaced")}${because}: ${how}`;
    }
  }
}

function summary(objects: ObjectChange[], same: number, style: Style): string {
  const count = (a: Action) => objects.filter((o) => o.action === a).length;
  const parts = [
    [count("create"), "created"],
    [count("update"), "updated in place"],
    [count("replace"), "replaced"],
    [count("delete"), "removed"],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}`);
  const total = objects.length;
  const head =
    total === 0 ? "No changes" : `${total} ${total === 1 ? "change" : "changes"}: ${parts.join(", ")}`;
  return `${style.strong("Summary:")} ${head}; ${same} unchanged.`;
}

function collectWarnings(doc: PreviewDocument, impacts: string[]): string[] {
  const warnings: string[] = [];
  const live = doc.config?.[`${CONFIG_NAMESPACE}:allowLiveMode`];
  if (live === "true") {
    warnings.push("live mode is enabled for this stack: these changes apply to live billing.");
  }
  for (const d of doc.diagnostics ?? []) {
    if ((d.severity === "warning" || d.severity === "error") && d.message) {
      warnings.push(d.message.trim().replace(/\s+/g, " "));
    }
  }
  return [...warnings, ...impacts];
}

/** "amount 5.00 USD → 6.00 USD", "business profile headline "A" → "B"". */
function fieldChange(path: string[], olds: PlainObject, news: PlainObject): string {
  const before = at(olds, path);
  const after = at(news, path);
  const money = moneyCurrency(path, olds, news);
  const show = (v: Plain | undefined) => (money ? formatMoney(v, money) : formatValue(v));
  return `${fieldName(path, money !== undefined)} ${show(before)} → ${show(after)}`;
}

function at(value: PlainObject, path: string[]): Plain | undefined {
  let current: Plain | undefined = value;
  for (const key of path) current = isPlainObject(current) ? current[key] : undefined;
  return current;
}

/** `fixedAmount.amount` → "amount"; `fixedAmount.currencyOptions.eur.amount` → "amount in EUR". */
function fieldName(path: string[], money: boolean): string {
  if (money) {
    const i = path.indexOf("currencyOptions");
    if (i >= 0 && path[i + 1]) return `${words(path[path.length - 1])} in ${path[i + 1].toUpperCase()}`;
    return words(path[path.length - 1]);
  }
  return path.map(words).join(" ");
}

function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The currency of an `amount` leaf: its sibling `currency`, or its key under `currencyOptions`. */
function moneyCurrency(path: string[], olds: PlainObject, news: PlainObject): string | undefined {
  if (path[path.length - 1] !== "amount") return undefined;
  const i = path.indexOf("currencyOptions");
  if (i >= 0 && path[i + 1]) return path[i + 1];
  const parent = path.slice(0, -1);
  const currency = at(news, [...parent, "currency"]) ?? at(olds, [...parent, "currency"]);
  return typeof currency === "string" && !isUnknown(currency) ? currency : undefined;
}

/** Stripe's zero-decimal and three-decimal currencies (https://docs.stripe.com/currencies). */
const ZERO_DECIMAL = "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" ");
const THREE_DECIMAL = "bhd jod kwd omr tnd".split(" ");

export function formatMoney(value: Plain | undefined, currency: string): string {
  if (typeof value !== "number") return formatValue(value);
  const c = currency.toLowerCase();
  const digits = ZERO_DECIMAL.includes(c) ? 0 : THREE_DECIMAL.includes(c) ? 3 : 2;
  return `${(value / 10 ** digits).toFixed(digits)} ${c.toUpperCase()}`;
}

function formatValue(value: Plain | undefined): string {
  if (value === undefined || value === null) return "(not set)";
  if (isUnknown(value)) return "(known after apply)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : `[${value.map(formatValue).join(", ")}]`;
  if (isPlainObject(value)) return JSON.stringify(value);
  return String(value);
}
