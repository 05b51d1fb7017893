/**
 * scripts/stripe-mock-replay.ts: every difference it excuses between stripe-mock's spec and the
 * pinned API version (a parameter it strips, an enum value whose writes it skips) is one the
 * pinned SDK declares, so excusing it hides nothing the provider invented; and it strips and
 * skips those and nothing else.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { params as paramTables, type TableNode } from "../../emulator/tables";
import { PINNED_API_VERSION } from "../../provider/stripe/settings";
import { DIFFERENCES, prepare, readRecording, type Difference } from "../../scripts/stripe-mock-replay";
import { REPO_ROOT } from "../support/project";

const RESOURCES = path.join(REPO_ROOT, "node_modules", "stripe", "cjs", "resources");

/**
 * Whether `file` declares `name` (`A.B.C.prop`: namespaces A and B, interface C with property
 * prop) or, with `value`, a type `name` (`A.B.Type`) listing that string literal.
 */
function declared(file: string, name: string, value?: string): boolean {
  const full = path.join(RESOURCES, file);
  if (!fs.existsSync(full)) return false;
  const source = ts.createSourceFile(full, fs.readFileSync(full, "utf8"), ts.ScriptTarget.Latest);
  const parts = name.split(".");
  const last = parts.pop()!;
  let scope: readonly ts.Statement[] = source.statements;
  for (const part of value === undefined ? parts.slice(0, -1) : parts) {
    scope = scope.flatMap((s) =>
      ts.isModuleDeclaration(s) && s.name.text === part && s.body && ts.isModuleBlock(s.body)
        ? s.body.statements
        : [],
    );
  }
  if (value !== undefined)
    return scope.some(
      (s) =>
        ts.isTypeAliasDeclaration(s) &&
        s.name.text === last &&
        ts.isUnionTypeNode(s.type) &&
        s.type.types.some(
          (t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) && t.literal.text === value,
        ),
    );
  return scope.some(
    (s) =>
      ts.isInterfaceDeclaration(s) &&
      s.name.text === parts[parts.length - 1] &&
      s.members.some((m) => ts.isPropertySignature(m) && m.name.getText(source) === last),
  );
}

/** Whether the tables generated from the pinned SDK have the form parameter `param` (with `value`). */
function inTables(endpoint: string, param: string, value?: string): boolean {
  let node: TableNode | undefined = paramTables.endpoints[endpoint]?.params;
  for (const part of param.replace(/\]/g, "").split("[")) {
    if (!node) return false;
    if (node.type === "object") node = node.fields[part];
    else if (node.type === "map" && part === "*") node = node.values;
    else if (node.type === "array" && part === "*") node = node.items;
    else return false;
  }
  if (value === undefined) return node !== undefined;
  return node?.type === "enum" && node.values.includes(value);
}

describe("scripts/stripe-mock-differences.json", () => {
  it("is written against the pinned API version and the stripe-mock the build script builds", () => {
    expect(DIFFERENCES.pinnedApiVersion).toBe(PINNED_API_VERSION);
    const script = fs.readFileSync(path.join(REPO_ROOT, "scripts", "stripe-mock.sh"), "utf8");
    expect(script).toContain(`STRIPE_MOCK_VERSION:-${DIFFERENCES.stripeMock}}`);
  });

  const named = (d: Difference) => `${d.endpoint} ${d.param}${d.value === undefined ? "" : `=${d.value}`}`;

  it.each(DIFFERENCES.differences.map((d) => [named(d), d] as const))(
    "%s is declared by the pinned SDK",
    (_, d) => {
      expect(declared(d.declaration.file, d.declaration.name, d.value)).toBe(true);
      if (d.value === undefined)
        expect(d.declaration.name.split(".").pop()).toBe(d.param.replace(/\]/g, "").split("[").pop());
      expect(inTables(d.endpoint, d.param, d.value)).toBe(true);
    },
  );

  it("lists each difference once", () => {
    const keys = DIFFERENCES.differences.map(named);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("the declaration check", () => {
  it("finds a property the SDK declares and refuses one it does not", () => {
    expect(
      declared("ShippingRates.d.ts", "ShippingRateCreateParams.FixedAmount.CurrencyOptions.tax_behavior"),
    ).toBe(true);
    expect(
      declared("ShippingRates.d.ts", "ShippingRateCreateParams.FixedAmount.CurrencyOptions.no_such"),
    ).toBe(false);
    expect(declared("ShippingRates.d.ts", "ShippingRateUpdateParams.display_name")).toBe(false);
    expect(inTables("POST /v1/shipping_rates", "fixed_amount[currency_options][*][tax_behavior]")).toBe(true);
    expect(inTables("POST /v1/shipping_rates", "fixed_amount[currency_options][*][no_such]")).toBe(false);
    const us = ["Tax/Registrations.d.ts", "Tax.RegistrationCreateParams.CountryOptions.Us.Type"] as const;
    expect(declared(...us, "state_sales_tax")).toBe(true);
    expect(declared(...us, "no_such_tax")).toBe(false);
    expect(inTables("POST /v1/tax/registrations", "country_options[us][type]", "state_sales_tax")).toBe(true);
    expect(inTables("POST /v1/tax/registrations", "country_options[us][type]", "no_such_tax")).toBe(false);
  });
});

describe("prepare", () => {
  const difference: Difference = {
    endpoint: "POST /v1/shipping_rates/{id}",
    param: "fixed_amount[currency_options][*][tax_behavior]",
    declaration: {
      file: "ShippingRates.d.ts",
      name: "ShippingRateUpdateParams.FixedAmount.CurrencyOptions.tax_behavior",
    },
  };
  const write = {
    method: "POST",
    path: "/v1/shipping_rates/shr_Uznhep6t8L0l8WjrWdK94w4g",
    body:
      "fixed_amount[currency_options][eur][amount]=400&fixed_amount[currency_options][eur][tax_behavior]=inclusive" +
      "&fixed_amount[currency_options][chf][tax_behavior]=exclusive&tax_behavior=exclusive&metadata[tier]=",
    stripeVersion: PINNED_API_VERSION,
    stripeAccount: true,
  };

  it("replaces the id in the path and strips exactly the listed parameter, wherever the wildcard matches", () => {
    const prepared = prepare(write, [difference]);
    expect(prepared.endpoint).toBe("POST /v1/shipping_rates/{id}");
    expect(prepared.path).toBe("/v1/shipping_rates/shr_stripemock");
    expect(prepared.params).toEqual({
      fixed_amount: { currency_options: { eur: { amount: "400" }, chf: {} } },
      tax_behavior: "exclusive",
      metadata: { tier: "" },
    });
    expect(prepared.stripped).toEqual([difference]);
    expect(prepared.stripeAccount).toBe(true);
  });

  it("strips nothing from another endpoint or when the parameter is absent", () => {
    expect(prepare({ ...write, path: "/v1/shipping_rates" }, [difference]).stripped).toEqual([]);
    const plain = prepare({ ...write, body: "tax_behavior=exclusive" }, [difference]);
    expect(plain.stripped).toEqual([]);
    expect(plain.params).toEqual({ tax_behavior: "exclusive" });
  });

  it("skips a write carrying a listed enum value, and only such a write", () => {
    const value: Difference = {
      endpoint: "POST /v1/tax/registrations",
      param: "country_options[*][type]",
      value: "admissions_tax",
      declaration: {
        file: "Tax/Registrations.d.ts",
        name: "Tax.RegistrationCreateParams.CountryOptions.Us.Type",
      },
    };
    const registration = (type: string) => ({
      method: "POST",
      path: "/v1/tax/registrations",
      body: `country=US&country_options[us][type]=${type}&country_options[us][state]=CA&active_from=now`,
      stripeAccount: false,
    });
    const skipped = prepare(registration("admissions_tax"), [value, difference]);
    expect(skipped.skippedFor).toEqual([value]);
    expect(skipped.params).toMatchObject({ country_options: { us: { type: "admissions_tax" } } });
    expect(prepare(registration("state_sales_tax"), [value]).skippedFor).toEqual([]);
  });

  it("folds writes that differ only by id, and dedupes a recording", () => {
    const other = { ...write, path: "/v1/shipping_rates/shr_0000000000000000000000ab" };
    expect(JSON.stringify(prepare(other, []))).toBe(JSON.stringify(prepare(write, [])));
    const line = JSON.stringify(write);
    expect(readRecording(`${line}\n${line}\n\n${JSON.stringify(other)}\n`)).toHaveLength(2);
  });
});
