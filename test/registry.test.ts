/**
 * Completeness, checked rather than remembered: every resource declaration has its class in the
 * package, an emulated endpoint, its contract suite, its rows in the fault and provider-host
 * suites, a real Stripe sample object and a README section. A suite that does not apply to a
 * resource is listed below with the reason, and the test title says so.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { routes } from "../emulator/objects";
import * as billing from "../provider";
import { StripeBillingResource } from "../provider/pulumi/base";
import { declarations } from "../provider/resources";
import { discover, README_END, README_START } from "../scripts/generate";

const root = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

/** Suites that do not apply to a resource, and why. */
const NOT_APPLICABLE: Record<string, Partial<Record<"faults" | "host", string>>> = {};

const found = discover();

describe("the declaration registry", () => {
  it("holds every declaration the resource modules export, once", () => {
    expect(found.map((f) => f.declaration.type).sort()).toEqual(Object.keys(declarations).sort());
  });
});

describe.each(found.map((f) => [f.declaration.type, f] as const))(
  "%s",
  (type, { module, name, declaration }) => {
    const skipped = NOT_APPLICABLE[type] ?? {};
    const suite = (kind: "faults" | "host", title: string, file: string, needle: string) => {
      const why = skipped[kind];
      if (why) {
        it(`${title}: not applicable — ${why}`, () => {
          expect(read(file)).not.toContain(needle);
        });
      } else {
        it(title, () => {
          expect(read(file)).toContain(needle);
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

    it("runs the shared contract suite", () => {
      expect(read(`test/resources/${module}.test.ts`)).toMatch(new RegExp(`resourceContract\\(\\s*${name},`));
    });

    suite("faults", "has rows in the fault suite", "test/resources/faults.test.ts", `{ ${name} }`);
    suite("host", "runs through Pulumi's provider host", "test/host/dynamic-host.test.ts", `"${type}"`);

    it("has a sample of Stripe's object to hold the emulator to", () => {
      expect(
        fs.existsSync(path.join(root, "test", "emulator", "fixtures", `${declaration.stripeObject}.json`)),
      ).toBe(true);
    });

    it("has a README reference section", () => {
      const readme = read("README.md");
      const reference = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END));
      expect(reference).toContain(`### ${type}\n`);
    });
  },
);
