/**
 * The contract case of every declared resource, read from its own test file, so suites that
 * run each resource (faults, the provider host) cover every declaration by construction: a
 * new resource needs its declaration, its emulator object and its test file, nothing more.
 */
import * as path from "node:path";
import { discover } from "../../scripts/generate";
import { contractCases, type MakeCase } from "../resources/contract";
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

const JEST_GLOBALS = ["describe", "it", "test", "beforeAll", "beforeEach", "afterAll", "afterEach"];

/** A stand-in for jest's registration functions: the loaded file registers nothing here. */
const silent: any = () => silent;
for (const key of ["each", "skip", "only", "todo", "concurrent", "failing"]) silent[key] = silent;

/** Loads a resource test file for its contract case only, without registering its tests. */
function load(module: string): void {
  const global = globalThis as Record<string, unknown>;
  const saved = JEST_GLOBALS.map((name) => global[name]);
  for (const name of JEST_GLOBALS) global[name] = silent;
  try {
    require(path.join(__dirname, "..", "resources", `${module}.test`));
  } finally {
    JEST_GLOBALS.forEach((name, i) => (global[name] = saved[i]));
  }
}

/** Every declaration with the contract case its test file registers (undefined when none). */
export function scenarios(): { type: string; module: string; scenario: Scenario | undefined }[] {
  return discover().map(({ module, declaration }) => {
    load(module);
    const found = contractCases.get(declaration.type);
    return {
      type: declaration.type,
      module,
      scenario: found && { type: declaration.type, module, decl: found.decl, make: found.make },
    };
  });
}

/** Whether a suite runs a resource: every one, less those listed as not applicable. */
export const applies = (kind: "faults" | "host", type: string) => !NOT_APPLICABLE[type]?.[kind];

/** The scenarios a suite runs; throws when a declaration's test file registers no case. */
export function scenariosFor(kind: "faults" | "host"): Scenario[] {
  return scenarios()
    .filter(({ type }) => applies(kind, type))
    .map(({ type, scenario }) => {
      if (!scenario) throw new Error(`${type}: its test file registers no contract case`);
      return scenario;
    });
}
