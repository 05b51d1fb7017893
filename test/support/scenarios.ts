/**
 * The contract case of every declared resource, read from its case module
 * (test/resources/cases/<module>.ts, plain data), so suites that run each resource (faults, the
 * provider host) cover every declaration by construction: a new resource needs its declaration,
 * its emulator object and its case (with the test file that runs it), nothing more.
 */
import * as path from "node:path";
import { discover } from "../../scripts/generate";
import type { MakeCase, ResourceCase } from "../resources/contract";
import type { AnyDeclaration } from "../../provider/engine/declaration";

/** Suites that do not apply to a resource, and why (the registry test reports them). */
export const NOT_APPLICABLE: Record<string, Partial<Record<"faults" | "host", string>>> = {};

export interface Scenario {
  type: string;
  /** The resource module's file name under provider/resources. */
  module: string;
  decl: AnyDeclaration;
  make: MakeCase;
}

/** The directory of the case modules, one per resource module, named the same. */
export const CASES_DIR = path.join(__dirname, "..", "resources", "cases");

/** The case a resource module's case file exports, or undefined when it has none. */
function caseOf(module: string): ResourceCase | undefined {
  const file = path.join(CASES_DIR, module);
  try {
    require.resolve(file);
  } catch {
    return undefined;
  }
  return (require(file) as { contract?: ResourceCase }).contract;
}

/** Every declaration with its contract case (undefined when it has none). */
export function scenarios(): { type: string; module: string; scenario: Scenario | undefined }[] {
  return discover().map(({ module, declaration }) => {
    const found = caseOf(module);
    return {
      type: declaration.type,
      module,
      scenario: found && { type: declaration.type, module, decl: found.decl, make: found.make },
    };
  });
}

/** Whether a suite runs a resource: every one, less those listed as not applicable. */
export const applies = (kind: "faults" | "host", type: string) => !NOT_APPLICABLE[type]?.[kind];

/** The scenarios a suite runs; throws when a declaration has no case. */
export function scenariosFor(kind: "faults" | "host"): Scenario[] {
  return scenarios()
    .filter(({ type }) => applies(kind, type))
    .map(({ type, scenario }) => {
      if (!scenario) throw new Error(`${type}: no contract case in test/resources/cases/`);
      return scenario;
    });
}
