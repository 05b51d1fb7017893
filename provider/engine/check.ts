/**
 * Input validation for `check`: zod issues become failures that name the camelCase input
 * path, with a stable code. Values Pulumi does not know yet (preview) are not judged.
 */
import type { z } from "zod";
import {
  containsUnknown,
  getPath,
  isPlainObject,
  isUnknown,
  prune,
  UNKNOWN,
  type Plain,
  type PlainObject,
} from "./values";

export interface CheckIssue {
  code: string;
  /** Dotted camelCase input path, e.g. `fixedAmount.currencyOptions.eur.amount`. */
  path: string;
  message: string;
}

export type CheckOutcome = { ok: true; inputs: PlainObject } | { ok: false; issues: CheckIssue[] };

export function validateInputs(schema: z.ZodType, news: PlainObject): CheckOutcome {
  const result = schema.safeParse(news);
  if (result.success) return { ok: true, inputs: prune(result.data as PlainObject) };
  const hasUnknowns = containsUnknown(news);
  const issues = result.error.issues
    .filter((issue) => !hasUnknowns || !touchesUnknown(news, issue))
    .map((issue) => ({
      code: issue.code,
      path: issue.path.map(String).join("."),
      message: issueMessage(issue),
    }));
  // Every complaint was about a value still unknown: accept the inputs for now, in canonical
  // form where the known values allow it, so that diff compares like with like.
  if (issues.length === 0) return { ok: true, inputs: canonicalAroundUnknowns(schema, news) ?? news };
  return { ok: false, issues };
}

/**
 * Inputs holding unknowns (an id of a resource not created yet, at preview), in canonical
 * form: the known values parsed with the schema's defaults filled in, each unknown put back
 * where it was (a list item at the list's end). Without this, every default Stripe fills in
 * would look removed next to the old outputs. Undefined when the known values alone do not
 * parse (an unknown in a required field).
 */
function canonicalAroundUnknowns(schema: z.ZodType, news: PlainObject): PlainObject | undefined {
  const unknowns: { path: string[]; item: boolean }[] = [];
  const strip = (value: Plain, at: string[]): Plain => {
    if (Array.isArray(value)) {
      const kept: Plain[] = [];
      for (const v of value) {
        if (isUnknown(v)) unknowns.push({ path: at, item: true });
        else kept.push(strip(v, [...at, String(kept.length)]));
      }
      return kept;
    }
    if (!isPlainObject(value)) return value;
    const out: PlainObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (isUnknown(v)) unknowns.push({ path: [...at, k], item: false });
      else out[k] = strip(v, [...at, k]);
    }
    return out;
  };
  const result = schema.safeParse(strip(news, []));
  if (!result.success) return undefined;
  const out = prune(result.data as PlainObject);
  for (const { path, item } of unknowns) {
    let node: any = out;
    const steps = item ? path : path.slice(0, -1);
    for (const [i, step] of steps.entries()) {
      const list = item && i === steps.length - 1;
      if (node[step] === undefined || node[step] === null) node[step] = list ? [] : {};
      node = node[step];
    }
    if (item) node.push(UNKNOWN);
    else node[path[path.length - 1]] = UNKNOWN;
  }
  return out;
}

/** A bad map key says what is wrong with it, not only that the key is invalid. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key" && issue.issues.length > 0) {
    return issue.issues.map((inner) => inner.message).join("; ");
  }
  return issue.message;
}

function touchesUnknown(news: PlainObject, issue: z.core.$ZodIssue): boolean {
  // A rule across fields cannot be judged while any of them is unknown.
  if (issue.code === "custom") return true;
  const path = issue.path.map(String);
  for (let i = path.length; i >= 0; i--) {
    if (isUnknown(getPath(news, path.slice(0, i)))) return true;
  }
  return containsUnknown(getPath(news, path));
}

/** An issue as check reports it: `[code] path: message`. */
export function formatCheckIssue(issue: CheckIssue): string {
  return `[${issue.code}] ${issue.path || "(inputs)"}: ${issue.message}`;
}
