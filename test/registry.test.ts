/**
 * Completeness, checked rather than remembered: every resource declaration has its class in the
 * package, an emulated endpoint, its contract case (which its test file, the fault and the
 * provider-host suites run it from), a real Stripe sample object and a README section. A suite that does not
 * apply to a resource is listed in test/support/scenarios.ts with the reason, and the test
 * title says so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { routes } from "../emulator/objects";
import * as billing from "../provider";
import { StripeBillingResource } from "../provider/pulumi/base";
import { declarations } from "../provider/resources";
import { discover, emulatorModules, README_END, README_START } from "../scripts/generate";
import { proseOf } from "../scripts/prose";
import { referenceSites } from "../provider/engine/reference-sites";
import { billingSpecJsonSchema } from "../provider/spec/json-schema";
import { SECTIONS, sectionOf } from "../provider/spec/sections";
import { applies, NOT_APPLICABLE, scenarios } from "./support/scenarios";

const root = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

const found = discover();

/** The emulator modules whose routes the generated index spreads. */
const routeModules = () =>
  [...read("emulator/objects/index.ts").matchAll(/^import \{ (\w+Routes) \} from "\.\/([\w-]+)";$/gm)].map(
    (m) => m[2],
  );
const cases = new Map(scenarios().map((s) => [s.type, s.scenario]));

describe("the declaration registry", () => {
  it("holds every declaration the resource modules export, once", () => {
    expect(found.map((f) => f.declaration.type).sort()).toEqual(Object.keys(declarations).sort());
  });
});

describe.each(found.map((f) => [f.declaration.type, f] as const))("%s", (type, { module, declaration }) => {
  const skipped = NOT_APPLICABLE[type] ?? {};
  // Both suites run every declaration from its contract case (test/resources/cases/).
  const suite = (kind: "faults" | "host", title: string) => {
    const why = skipped[kind];
    const runs = () => applies(kind, type) && cases.get(type) !== undefined;
    if (why) {
      it(`${title}: not applicable — ${why}`, () => {
        expect(runs()).toBe(false);
      });
    } else {
      it(title, () => {
        expect(cases.get(type)?.decl).toBe(declaration);
        expect(runs()).toBe(true);
      });
    }
  };

  it("has a resource class exported by the package", () => {
    const cls = (billing as Record<string, unknown>)[type] as { prototype: unknown } | undefined;
    expect(typeof cls).toBe("function");
    expect(cls!.prototype).toBeInstanceOf(StripeBillingResource);
  });

  it("has an emulated endpoint at its path", () => {
    const at = [declaration.path, `${declaration.path}/obj_1`];
    expect(routes.some((route) => route.method === "POST" && at.some((p) => route.pattern.test(p)))).toBe(
      true,
    );
  });

  it("has a contract case, run by the shared contract suite", () => {
    expect(cases.get(type)?.decl).toBe(declaration);
    const test = read(`test/resources/${module}.test.ts`);
    expect(test).toMatch(new RegExp(`import \\{ contract\\b[^}]*\\} from "\\./cases/${module}"`));
    expect(test).toMatch(/resourceContract\(contract\)/);
  });

  suite("faults", "has its create run under every fault, from its contract case");
  suite("host", "runs through Pulumi's provider host, from its contract case");

  it("has a sample of Stripe's object to hold the emulator to", () => {
    expect(
      fs.existsSync(path.join(root, "test", "emulator", "fixtures", `${declaration.stripeObject}.json`)),
    ).toBe(true);
  });

  it("has a billing spec section of its own, with the references its schema marks", () => {
    const section = SECTIONS[sectionOf(declaration)];
    expect(section?.declaration).toBe(declaration);
    expect(section.refs.map((r) => r.path.join("."))).toEqual(
      referenceSites(declaration).map((r) => r.path.join(".")),
    );
    expect(billingSpecJsonSchema().properties[section.name]).toBeDefined();
  });

  it("has an identity that keys it the same in every account (its own input, or a name)", () => {
    const identity = declaration.identity;
    expect(identity?.input !== undefined || typeof identity?.name === "function").toBe(true);
    if (identity?.input !== undefined) expect(declaration.schema().shape).toHaveProperty(identity.input);
  });

  it("is read out of an account by stripe-billing export (its export rule)", () => {
    const rule = declaration.export;
    expect(rule).toBeDefined();
    // Listed (every page), or the account's one object read at its path.
    expect(rule!.lists !== undefined || declaration.singleton === true).toBe(true);
  });

  it("speaks billing words in a reviewer's plan", () => {
    expect(declaration.words?.noun).toMatch(/^[A-Z]/);
    expect(typeof declaration.words?.destroyed({})).toBe("string");
  });

  it("is served by an emulator module the generated route list includes", () => {
    // Placeholders by shape: the SDK names a product's `{id}` where the declaration names its input.
    const shape = (p: string) => p.replace(/\{\w+\}/g, "{}");
    const at = shape(declaration.path);
    const served = routes.filter((r) => shape(r.path) === at || shape(r.path).startsWith(`${at}/`));
    expect(served.length).toBeGreaterThan(0);
    expect(emulatorModules().length).toBe(new Set(routeModules()).size);
  });

  it("has its prose (description, Stripe reference, example) in Markdown beside it", () => {
    expect(proseOf(declaration).example).toContain(`new ${type}(`);
  });

  it("has a README reference section", () => {
    const readme = read("README.md");
    const reference = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END));
    expect(reference).toContain(`### ${type}\n`);
  });
});
