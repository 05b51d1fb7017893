/**
 * examples/yaml-program, offline: its billing spec validates, and every resource of its Pulumi
 * YAML programs is one the package schema has, with inputs its declaration accepts (values from
 * other resources or config taken as unknown, as a preview does), and outputs that exist. What
 * Pulumi and Stripe make of it is test/e2e/yaml-program.test.ts.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { validateInputs } from "../../provider/engine/check";
import { UNKNOWN, type Plain, type PlainObject } from "../../provider/engine/values";
import { declarations } from "../../provider/resources";
import { assertBuilt, REPO_ROOT } from "../support/project";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-program");
const PROGRAMS = ["Pulumi.yaml", "two-accounts/Pulumi.yaml"];
const PREFIX = "stripe-billing:index:";
const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "schema.json"), "utf8"));

interface Program {
  resources: Record<string, { type: string; properties?: PlainObject }>;
  outputs?: Record<string, string>;
}

const program = (file: string) => parse(fs.readFileSync(path.join(EXAMPLE, file), "utf8")) as Program;

/** `${…}` values (another resource's output, config) are unknown until the program runs. */
function withUnknowns(value: Plain): Plain {
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withUnknowns(v)]));
  return typeof value === "string" && /^\$\{[^}]+\}$/.test(value) ? UNKNOWN : value;
}

describe("examples/yaml-program", () => {
  beforeAll(assertBuilt);

  it("has a billing spec that validates", () => {
    const run = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "provider", "cli", "index.js"), "validate", "billing.yaml"],
      { cwd: EXAMPLE, encoding: "utf8" },
    );
    expect({ code: run.status, stdout: run.stdout }).toEqual({
      code: 0,
      stdout: "billing.yaml: 8 entries, valid\n",
    });
  });

  it.each(PROGRAMS)("%s: each resource's inputs are what its declaration accepts", (file) => {
    const problems: string[] = [];
    for (const [name, { type, properties = {} }] of Object.entries(program(file).resources)) {
      if (type === "pulumi:providers:stripe-billing") {
        // An explicit provider takes the stack config's settings as inputs.
        for (const key of Object.keys(properties))
          if (!(key in (schema.provider?.inputProperties ?? {})))
            problems.push(`${name}: no provider input ${key}`);
        continue;
      }
      expect(type.startsWith(PREFIX)).toBe(true);
      const spec = schema.resources[type];
      if (!spec) {
        problems.push(`${name}: no resource type ${type} in schema.json`);
        continue;
      }
      for (const required of spec.requiredInputs ?? [])
        if (!(required in properties)) problems.push(`${name}: ${required} is required`);
      const decl = declarations[type.slice(PREFIX.length)];
      if (!decl) continue; // The component: its inputs are checked below.
      const outcome = validateInputs(decl.schema(), withUnknowns(properties) as PlainObject);
      if (!outcome.ok) problems.push(...outcome.issues.map((i) => `${name}.${i.path}: ${i.message}`));
    }
    expect(problems).toEqual([]);
  });

  it.each(PROGRAMS)("%s: every output names an output its resource has", (file) => {
    const { resources, outputs = {} } = program(file);
    for (const [output, value] of Object.entries(outputs)) {
      const [, name, property] = /^\$\{([\w-]+)\.(\w+)\}$/.exec(value) ?? [];
      expect([output, resources[name]?.type]).toEqual([output, expect.stringMatching(PREFIX)]);
      if (property !== "id")
        expect([output, property in schema.resources[resources[name].type].properties]).toEqual([
          output,
          true,
        ]);
    }
  });

  it("names a spec file beside the program", () => {
    const setups = Object.values(program("Pulumi.yaml").resources).filter(
      (r) => r.type === `${PREFIX}BillingSetup`,
    );
    expect(setups).toHaveLength(1);
    expect(fs.existsSync(path.join(EXAMPLE, String(setups[0].properties?.specFile)))).toBe(true);
  });
});
