import * as fs from "node:fs";
import * as path from "node:path";
import { billingSpecJsonSchema } from "../../provider/spec/json-schema";
import { EACH_ELEMENT } from "../../provider/engine/paths";
import { LISTED, SECTION_NAMES, SECTIONS } from "../../provider/spec/sections";

const root = path.join(__dirname, "..", "..");
const schema = billingSpecJsonSchema();

describe("the JSON Schema of the billing spec", () => {
  it("has one section per resource, each a map of that resource's inputs", () => {
    expect(Object.keys(schema.properties)).toEqual(SECTION_NAMES);
    expect(schema.additionalProperties).toBe(false);
    for (const name of SECTION_NAMES) {
      const entry = schema.properties[name].additionalProperties;
      // Its inputs, and the lists standing for entries of another section (a product's features).
      const listed = LISTED.filter((l) => l.parent === name).map((l) => l.field);
      expect(Object.keys(entry.properties)).toEqual([
        ...Object.keys(SECTIONS[name].declaration.schema().shape),
        ...listed,
      ]);
      expect(entry.additionalProperties).toBe(false);
    }
    expect(schema.properties.taxSettings.maxProperties).toBe(1);
  });

  it("lets a product's entry list its features", () => {
    expect(schema.properties.products.additionalProperties.properties.features).toMatchObject({
      type: "array",
      items: { type: "string" },
    });
  });

  it("keeps the documentation of every field for editor hovers", () => {
    const product = schema.properties.products.additionalProperties.properties;
    expect(product.name.description).toBe("The name customers see (at most 250 characters).");
  });

  it.each(
    SECTION_NAMES.flatMap((name) =>
      SECTIONS[name].refs.map((site) => [name, site.path.join("."), site.to] as const),
    ),
  )("lets %s.%s name an entry of %s by logical key", (section, site, to) => {
    let node = schema.properties[section].additionalProperties;
    const find = (n: any, steps: string[]): any[] => {
      if (steps.length === 0) return [n];
      if (Array.isArray(n.anyOf)) return n.anyOf.flatMap((b: any) => find(b, steps));
      const [head, ...rest] = steps;
      const next = head === EACH_ELEMENT ? n.items : n.properties?.[head];
      return next ? find(next, rest) : [];
    };
    const found = find(node, site.split("."));
    node = found.find((n) =>
      n.anyOf?.some((b: any) => b.description === `The logical key of an entry in ${to}.`),
    );
    expect(node).toBeDefined();
  });

  it("ships with the package, for `# yaml-language-server: $schema=…`", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    expect(pkg.files).toContain("provider/spec/billing-spec.schema.json");
    expect(pkg.exports["./billing-spec.schema.json"]).toBe("./provider/spec/billing-spec.schema.json");
    const shipped = JSON.parse(
      fs.readFileSync(path.join(root, "provider/spec/billing-spec.schema.json"), "utf8"),
    );
    expect(shipped).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});
