/**
 * Input validation for `check`: zod issues become failures that name the camelCase input
 * path, with a stable code. Values Pulumi does not know yet (preview) are not judged.
 */
import type { z } from "zod";
import { containsUnknown, getPath, isUnknown, prune, type PlainObject } from "./values";

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
  // Every complaint was about a value still unknown: accept the inputs as given for now.
  if (issues.length === 0) return { ok: true, inputs: news };
  return { ok: false, issues };
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

export function formatIssue(issue: CheckIssue): string {
  return `[${issue.code}] ${issue.path || "(inputs)"}: ${issue.message}`;
}
