import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { declarations } from "../../provider/resources";
import { derivedFiles } from "../../scripts/generate";
import { GO_IMPORT_BASE_PATH, packageSchema, token } from "../../scripts/schema";

const root = path.join(__dirname, "..", "..");
const schema = packageSchema(Object.values(declarations)) as any;

describe("derived files", () => {
  let files: Record<string, string>;
  beforeAll(() => {
    files = derivedFiles();
  }, 120_000);

  it.each([
    "provider/resources/index.ts",
    "emulator/objects/index.ts",
    "provider/pulumi/resources.ts",
    "schema.json",
    "README.md",
    "provider/spec/billing-spec.schema.json",
  ])("%s is up to date with the declarations (regenerate with `npm run generate`)", (file) => {
    expect(fs.readFileSync(path.join(root, file), "utf8")).toBe(files[file]);
  });
});

/** Every property spec in the schema, with where it is. */
function properties(): [string, any][] {
  const out: [string, any][] = [];
  for (const [name, resource] of Object.entries<any>(schema.resources)) {
    for (const kind of ["inputProperties", "properties"]) {
      for (const [key, spec] of Object.entries(resource[kind])) out.push([`${name}.${kind}.${key}`, spec]);
    }
  }
  for (const [name, type] of Object.entries<any>(schema.types)) {
    for (const [key, spec] of Object.entries(type.properties ?? {})) out.push([`${name}.${key}`, spec]);
  }
  return out;
}

describe("schema.json", () => {
  it("describes every property, resource and type", () => {
    const undescribed = properties().filter(([, spec]) => !spec.description?.trim());
    expect(undescribed.map(([where]) => where)).toEqual([]);
    for (const type of Object.values<any>(schema.types)) expect(type.description).toBeTruthy();
    for (const resource of Object.values<any>(schema.resources)) expect(resource.description).toBeTruthy();
  });

  it("marks create-only inputs as replaceOnChanges, nested ones included", () => {
    const rate = schema.resources[token("ShippingRate")];
    expect(rate.inputProperties.displayName.replaceOnChanges).toBe(true);
    expect(rate.inputProperties.stripeAccount.replaceOnChanges).toBe(true);
    expect(rate.inputProperties.metadata.replaceOnChanges).toBeUndefined();
    expect(rate.inputProperties.fixedAmount.replaceOnChanges).toBeUndefined();
    const fixedAmount = schema.types[token("ShippingRateFixedAmount")].properties;
    expect(fixedAmount.amount.replaceOnChanges).toBe(true);
    expect(fixedAmount.currency.replaceOnChanges).toBe(true);
    expect(fixedAmount.currencyOptions.replaceOnChanges).toBeUndefined();
    expect(rate.inputProperties.fixedAmount.description).toMatch(/Changing `amount` or `currency` replaces/);
    expect(rate.requiredInputs).toEqual(["displayName", "fixedAmount"]);
  });

  it("gives every array its items and every enum a schema enum", () => {
    const arrays = properties().filter(([, spec]) => spec.type === "array");
    expect(arrays.length).toBeGreaterThan(0);
    for (const [, spec] of arrays) expect(spec.items).toBeDefined();
    const behavior = schema.resources[token("ShippingRate")].inputProperties.taxBehavior;
    expect(schema.types[behavior.$ref.replace("#/types/", "")].enum).toEqual([
      { value: "inclusive" },
      { value: "exclusive" },
      { value: "unspecified" },
    ]);
  });

  it("describes the stripe-billing config keys", () => {
    expect(Object.keys(schema.config.variables)).toEqual(
      expect.arrayContaining(["apiKey", "apiBase", "stripeAccount", "allowLiveMode"]),
    );
    expect(schema.config.variables.apiKey.secret).toBe(true);
  });

  it("marks the outputs a declaration holds secret, and only those", () => {
    const secrets = Object.entries(schema.resources as Record<string, any>).flatMap(([type, resource]) =>
      Object.entries(resource.properties as Record<string, any>)
        .filter(([, property]) => property.secret === true)
        .map(([key]) => `${type}.${key}`),
    );
    expect(secrets).toEqual([`${token("WebhookEndpoint")}.secret`]);
  });

  it("names each resource by the token its class registers, beside the BillingSetup component", () => {
    const { declarations: registered } = require("../../provider/resources");
    expect(Object.keys(schema.resources).sort()).toEqual(
      [...Object.keys(registered), "BillingSetup"]
        .map((type: string) => `stripe-billing:index:${type}`)
        .sort(),
    );
    const custom = Object.entries(schema.resources).filter(
      ([, spec]) => (spec as { isComponent?: boolean }).isComponent,
    );
    expect(custom.map(([token]) => token)).toEqual(["stripe-billing:index:BillingSetup"]);
  });

  it("puts the Go SDK at the package path the README gives", () => {
    expect(schema.language.go.importBasePath).toBe(GO_IMPORT_BASE_PATH);
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
    expect(readme).toContain(`\`${GO_IMPORT_BASE_PATH}\``);
  });
});

describe("schema.json with the Pulumi CLI", () => {
  it("binds with no diagnostics", () => {
    const bin = execFileSync("bash", [path.join(root, "scripts", "pulumi-cli.sh")], {
      encoding: "utf8",
    }).trim();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
    try {
      const result = spawnSync(
        path.join(bin, "pulumi"),
        ["package", "get-schema", path.join(root, "schema.json")],
        {
          cwd: home,
          encoding: "utf8",
          env: { ...process.env, PULUMI_HOME: home, PULUMI_SKIP_UPDATE_CHECK: "true" },
        },
      );
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const bound = JSON.parse(result.stdout);
      expect(Object.keys(bound.resources).sort()).toEqual(Object.keys(schema.resources).sort());
      expect(bound.config.variables.apiKey.secret).toBe(true);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  }, 120_000);
});
