/**
 * The plan renderer on preview steps shaped as `pulumi preview --json` prints them (see
 * test/e2e/plan.test.ts for the same words on the CLI's real output): each op in billing words,
 * a replacement said to be one, with the input that forces it, however many steps Pulumi
 * reports it as.
 */
import { renderPlan } from "../../provider/cli/plan";
import type { PlainObject } from "../../provider/engine/values";

const TYPE = "pulumi-nodejs:dynamic/stripe-billing:";
/** What the engine stores with every dynamic resource; a plan never shows it. */
const PROVIDER = { __provider: "exports.handler = __f0; /* serialized shim */" };

interface Resource {
  type: string;
  name: string;
  id: string;
  /** Inputs after check, as state holds them. */
  inputs: PlainObject;
  /** Outputs beyond the inputs: what Stripe computes. */
  computed?: PlainObject;
}

const urn = (r: Resource) => `urn:pulumi:dev::billing::${TYPE}${r.type}::${r.name}`;

function oldState(r: Resource) {
  return {
    urn: urn(r),
    custom: true,
    type: `${TYPE}${r.type}`,
    id: r.id,
    inputs: { ...PROVIDER, ...r.inputs },
    outputs: { ...PROVIDER, ...r.inputs, ...r.computed },
    parent: "urn:pulumi:dev::billing::pulumi:pulumi:Stack::billing-dev",
    provider: "urn:pulumi:dev::billing::pulumi:providers:pulumi-nodejs::default::id",
  };
}

function newState(r: Resource, inputs: PlainObject) {
  return {
    urn: urn(r),
    custom: true,
    type: `${TYPE}${r.type}`,
    inputs: { ...PROVIDER, ...inputs },
    parent: "urn:pulumi:dev::billing::pulumi:pulumi:Stack::billing-dev",
    provider: "urn:pulumi:dev::billing::pulumi:providers:pulumi-nodejs::default::id",
  };
}

/** One preview step: `old` and `next` say which states it carries, as Pulumi fills them. */
function step(op: string, r: Resource, states: { old?: boolean; next?: PlainObject }, extra: object = {}) {
  return {
    op,
    urn: urn(r),
    provider: "urn:pulumi:dev::billing::pulumi:providers:pulumi-nodejs::default::id",
    ...(states.old ? { oldState: oldState(r) } : {}),
    ...(states.next ? { newState: newState(r, states.next) } : {}),
    ...extra,
  };
}

const ground: Resource = {
  type: "ShippingRate",
  name: "ground",
  id: "shr_ground",
  inputs: {
    displayName: "Ground",
    type: "fixed_amount",
    fixedAmount: { amount: 500, currency: "usd" },
    active: true,
    taxBehavior: "unspecified",
    metadata: {},
  },
  computed: { livemode: false, created: 1767225600 },
};
const groundDearer = { ...ground.inputs, fixedAmount: { amount: 600, currency: "usd" } };
const replaceExtra = { replaceReasons: ["fixedAmount"], diffReasons: ["fixedAmount"] };

const portal: Resource = {
  type: "PortalConfiguration",
  name: "portal",
  id: "bpc_portal",
  inputs: {
    features: { invoiceHistory: { enabled: true } },
    businessProfile: { headline: "Manage your subscription" },
    active: true,
    metadata: {},
  },
  computed: { isDefault: false, livemode: false, created: 1767225600, updated: 1767225600 },
};

const ireland: Resource = {
  type: "TaxRegistration",
  name: "ireland",
  id: "taxreg_ie",
  inputs: { country: "IE", countryOptions: { ie: { type: "oss_union" } }, deletePolicy: "expire" },
  computed: { status: "active", livemode: false, created: 1767225600 },
};

const express: Resource = {
  type: "ShippingRate",
  name: "express",
  id: "",
  inputs: { displayName: "Express", type: "fixed_amount", fixedAmount: { amount: 1500, currency: "usd" } },
};

function plan(steps: object[], same = 0, format: "markdown" | "text" = "markdown") {
  const doc = { steps, diagnostics: [], duration: 1, changeSummary: { same } };
  return renderPlan(JSON.stringify(doc), format);
}

const items = (rendered: string) => rendered.split("\n").filter((l) => l.startsWith("- "));

const REPLACED_GROUND =
  "- Shipping rate *Ground*: amount 5.00 USD → 6.00 USD — **replaced** (forced by `fixedAmount.amount`): " +
  "a new rate is created and the old one archived (Stripe cannot delete shipping rates)";

describe("stripe-billing plan: each preview op in billing words", () => {
  it("create: created", () => {
    const rendered = plan([step("create", express, { next: express.inputs })]);
    expect(items(rendered)).toEqual(["- Shipping rate *Express*: **created**"]);
    expect(rendered).toMatch(/\*\*Summary:\*\* 1 change: 1 created; 0 unchanged\.\n$/);
  });

  it("update: each changed input, updated in place", () => {
    const next = { ...portal.inputs, businessProfile: { headline: "Manage your plan" } };
    const rendered = plan([
      step("update", portal, { old: true, next }, { diffReasons: ["businessProfile"] }),
    ]);
    expect(items(rendered)).toEqual([
      '- Customer portal configuration *portal*: business profile headline "Manage your subscription" → ' +
        '"Manage your plan" — **updated in place**',
    ]);
    expect(rendered).toMatch(/1 change: 1 updated in place; 0 unchanged\./);
  });

  it("replace, as one step (the default JSON): replaced, naming the input that forces it, never updated", () => {
    const rendered = plan([step("replace", ground, { old: true, next: groundDearer }, replaceExtra)]);
    expect(items(rendered)).toEqual([REPLACED_GROUND]);
    expect(rendered).not.toMatch(/updated in place/);
    expect(rendered).toMatch(/\*\*Summary:\*\* 1 change: 1 replaced; 0 unchanged\./);
  });

  it("replace, as its three steps (--show-replacement-steps): one line, replaced", () => {
    const rendered = plan([
      step("create-replacement", ground, { old: true, next: groundDearer }, replaceExtra),
      step("replace", ground, { old: true, next: groundDearer }, replaceExtra),
      step("delete-replaced", ground, { old: true }),
    ]);
    expect(items(rendered)).toEqual([REPLACED_GROUND]);
    expect(rendered).toMatch(/1 change: 1 replaced; 0 unchanged\./);
  });

  it("replace of an object deleted first: what happens to the old one, then the new one", () => {
    const next = { ...ireland.inputs, countryOptions: { ie: { type: "standard" } } };
    const rendered = plan([
      step("delete-replaced", ireland, { old: true }),
      step("replace", ireland, { old: true, next }, { replaceReasons: ["countryOptions"] }),
      step("create-replacement", ireland, { old: true, next }, { replaceReasons: ["countryOptions"] }),
    ]);
    expect(items(rendered)).toEqual([
      '- Tax registration *IE*: country options ie type "oss_union" → "standard" — **replaced** ' +
        "(forced by `countryOptions.ie.type`): the old one is expired now first, then a new registration is created",
    ]);
  });

  it("delete: removed from the program, and what destroy does to the object", () => {
    const rendered = plan([step("delete", ireland, { old: true })]);
    expect(items(rendered)).toEqual(["- Tax registration *IE*: removed from the program — **expired now**"]);
    expect(rendered).toMatch(/1 change: 1 removed; 0 unchanged\./);
  });

  it("same: no line, counted as unchanged", () => {
    const rendered = plan([step("same", portal, { old: true, next: portal.inputs })], 1);
    expect(items(rendered)).toEqual([]);
    expect(rendered).toMatch(/\*\*Summary:\*\* No changes; 1 unchanged\.\n$/);
  });

  it("all ops together: replacements first, each object once, then the summary", () => {
    const rendered = plan(
      [
        step("same", portal, { old: true, next: portal.inputs }),
        step("delete", ireland, { old: true }),
        step("create", express, { next: express.inputs }),
        step("replace", ground, { old: true, next: groundDearer }, replaceExtra),
      ],
      1,
    );
    expect(items(rendered)).toEqual([
      REPLACED_GROUND,
      "- Shipping rate *Express*: **created**",
      "- Tax registration *IE*: removed from the program — **expired now**",
    ]);
    expect(rendered).toMatch(/3 changes: 1 created, 1 replaced, 1 removed; 1 unchanged\.\n$/);
  });

  it("says the same in plain text", () => {
    const rendered = plan(
      [step("replace", ground, { old: true, next: groundDearer }, replaceExtra)],
      0,
      "text",
    );
    expect(rendered.split("\n")).toContain(
      '  Shipping rate "Ground": amount 5.00 USD → 6.00 USD — replaced (forced by fixedAmount.amount): ' +
        "a new rate is created and the old one archived (Stripe cannot delete shipping rates)",
    );
  });
});

describe("stripe-billing plan: a preview of the provider plugin's resources", () => {
  /** The same steps as the plugin writes them: `stripe-billing:index:<Type>`, nothing serialized. */
  const asPlugin = (steps: object[]) =>
    JSON.parse(
      JSON.stringify(steps)
        .split(TYPE)
        .join("stripe-billing:index:")
        .split("pulumi:providers:pulumi-nodejs")
        .join("pulumi:providers:stripe-billing")
        .replace(/"__provider":"[^"]*",?/g, ""),
    ) as object[];

  it("says what it says for the dynamic resources", () => {
    const steps = [
      step("replace", ground, { old: true, next: groundDearer }, replaceExtra),
      step("create", express, { next: express.inputs }),
    ];
    const plugin = asPlugin(steps);
    expect(JSON.stringify(plugin)).not.toMatch(/pulumi-nodejs|__provider/);
    expect(plan(plugin)).toEqual(plan(steps));
    expect(items(plan(plugin))).toContain(REPLACED_GROUND);
  });
});
