/**
 * TaxSettings — the account's Stripe Tax settings: default tax behavior and code, and the
 * head office address. One per account, with no id of its own.
 * Stripe API reference: https://docs.stripe.com/api/tax/settings
 *
 * Create adopts the account's settings: their current values are kept in its outputs, then the
 * inputs are applied. Inputs left out are not managed. Stripe never lets a field return to
 * empty once set, so removing an input is refused at preview with an explanation.
 * Destroy restores the kept values where Stripe allows it (`deletePolicy: "restore"`, the
 * default) or leaves the settings as they are (`"keep"`).
 */
import type Stripe from "stripe";
import { z } from "zod";
import { commonInputs, livemodeOutput } from "../engine/common";
import { declareResource, once, type RemoteObject, type StripeView } from "../engine/declaration";
import { defaultView } from "../engine/view";
import { toStripeKeys } from "../engine/casing";
import { deepEqual, getPath, isPlainObject, pick, type PlainObject } from "../engine/values";
import type { FormParams } from "../stripe/encode";
import { countrySchema, taxCodeSchema } from "./common";

const PATH = "/v1/tax/settings";

export function taxSettingsSchema() {
  const part = (what: string) => z.string().optional().describe(what);
  return z.strictObject({
    defaults: z
      .strictObject({
        taxBehavior: z
          .enum(["exclusive", "inclusive", "inferred_by_currency"])
          .optional()
          .describe(
            "Whether prices include tax by default: `exclusive`, `inclusive`, or `inferred_by_currency` (inclusive or exclusive by the currency's custom).",
          ),
        taxCode: taxCodeSchema()
          .optional()
          .describe("The tax code of products that set none, e.g. `txcd_10000000` (general services)."),
      })
      .optional()
      .describe("Defaults for prices and products that do not set their own."),
    headOffice: z
      .strictObject({
        address: z
          .strictObject({
            line1: part("Street address."),
            line2: part("Apartment, suite or building."),
            city: part("City or town."),
            state: part("State, county or province."),
            postalCode: part("Postal or ZIP code."),
            country: countrySchema().describe("Two-letter ISO country code, e.g. `IE`."),
          })
          .describe("The head office's address."),
      })
      .optional()
      .describe("The business's head office, which Stripe Tax needs before it can be active."),
    deletePolicy: z
      .enum(["restore", "keep"])
      .default("restore")
      .describe(
        "What destroy does: `restore` the values found at create where Stripe allows it (the default), or `keep` the settings as they are.",
      ),
    ...commonInputs(),
  });
}

/** The Pulumi id: the settings belong to the account, so the account names them. */
function taxSettingsId(stripeAccount: unknown): string {
  return `tax_settings:${typeof stripeAccount === "string" ? stripeAccount : "platform"}`;
}

function view(object: RemoteObject, outputs: PlainObject): RemoteObject {
  return { ...object, id: taxSettingsId(outputs.stripeAccount) };
}

const schema = once(taxSettingsSchema);

function settingsView(remote: RemoteObject): StripeView {
  const object = remote as Stripe.Tax.Settings;
  const result = defaultView(remote, { schema: schema(), computed: ["status", "livemode"] });
  result.computed.missingFields = object.status_details?.pending?.missing_fields ?? [];
  return result;
}
const computed = once(() =>
  z.object({
    status: z
      .enum(["active", "pending"])
      .describe("`active` once Stripe Tax has everything it needs to calculate tax, else `pending`."),
    missingFields: z
      .array(z.string())
      .describe("What Stripe Tax still needs before it can be active, e.g. `head_office`."),
    livemode: livemodeOutput(),
    snapshot: z
      .record(z.string(), z.unknown())
      .describe("The settings found at create (`defaults`, `headOffice`), restored on destroy."),
    managedInputs: z
      .array(z.string())
      .describe("The input paths this resource manages; settings not declared are left alone."),
  }),
);

export const taxSettings = declareResource({
  type: "TaxSettings",
  stripeObject: "tax.settings",
  path: PATH,
  identity: { name: () => "tax" },
  // Exported once anything is set.
  export: { keep: (_object, inputs) => inputs.defaults !== undefined || inputs.headOffice !== undefined },
  words: {
    noun: "Tax settings",
    destroyed: (inputs) =>
      inputs.deletePolicy === "keep"
        ? "kept as they are"
        : "restored to the values found at create, where Stripe allows",
  },
  schema,
  computed,
  createOnly: [],
  local: ["deletePolicy"],
  partial: true,
  singleton: true,
  // Stripe wants the head office address whole: a change to one line without the country is
  // refused (`parameter_missing head_office[address][country]`).
  // https://docs.stripe.com/api/tax/settings/update#update_tax_settings-head_office-address
  replacedWhole: ["headOffice.address"],
  keptOutputs: ["snapshot"],
  fromStripe: settingsView,
  planErrors(olds, news) {
    const managed = olds.managedInputs ?? [];
    const removed = managed.filter((path) => getPath(news, path.split(".")) === undefined);
    if (removed.length === 0) return [];
    return [
      `${removed.join(", ")} cannot be removed: Stripe never lets a tax setting return to empty once set.` +
        ` Keep the input, or set another value.`,
    ];
  },
  async create(ctx, inputs, params, kept) {
    // The settings as this resource first found them: after a killed run whose write already
    // committed, Stripe replays the killed run's read, so destroy still restores the account's own.
    const found = ctx.api.firstSeen ? await ctx.api.firstSeen(PATH) : await ctx.api.get(PATH);
    const held = settingsView(found).inputs;
    kept.snapshot = pick(held, ["defaults", "headOffice"]) as PlainObject;
    // Settings that already hold every input (an account adopted as it is) need no write.
    const write = Object.keys(params).length > 0 && !holds(held, inputs);
    const updated = write ? await ctx.api.post(PATH, params as FormParams) : await ctx.api.get(PATH);
    return view(updated, inputs);
  },
  async read(ctx, _id, outputs) {
    return view(await ctx.api.get(PATH), outputs);
  },
  async update(ctx, _id, _olds, news, delta) {
    const updated =
      Object.keys(delta).length > 0 ? await ctx.api.post(PATH, delta as FormParams) : await ctx.api.get(PATH);
    return view(updated, news);
  },
  async delete(ctx, _id, outputs) {
    if (outputs.deletePolicy === "keep") return;
    const snapshot = isPlainObject(outputs.snapshot) ? outputs.snapshot : {};
    const restore = restorable(snapshot, outputs);
    if (restore.lost.length > 0) {
      ctx.warn(
        `${restore.lost.join(", ")} had no value before this stack set ${restore.lost.length === 1 ? "it" : "them"}, and Stripe cannot empty a tax setting again; ${restore.lost.length === 1 ? "it keeps its current value" : "they keep their current values"}.`,
      );
    }
    if (Object.keys(restore.params).length > 0) await ctx.api.post(PATH, restore.params as FormParams);
  },
});

/** Whether the settings read hold every default given, and the head office address as given. */
function holds(held: PlainObject, inputs: PlainObject): boolean {
  const given = (inputs.defaults ?? {}) as PlainObject;
  const defaults = (held.defaults ?? {}) as PlainObject;
  return (
    Object.keys(given).every((k) => deepEqual(defaults[k], given[k])) &&
    (inputs.headOffice === undefined || deepEqual(held.headOffice, inputs.headOffice))
  );
}

/** What of the snapshot can be written back: set values yes; emptied ones Stripe will not take. */
function restorable(snapshot: PlainObject, outputs: PlainObject): { params: PlainObject; lost: string[] } {
  const managed = Array.isArray(outputs.managedInputs) ? (outputs.managedInputs as string[]) : [];
  const params: PlainObject = {};
  const lost: string[] = [];
  const defaults = (snapshot.defaults ?? {}) as PlainObject;
  for (const [input, param] of [
    ["defaults.taxBehavior", "tax_behavior"],
    ["defaults.taxCode", "tax_code"],
  ] as const) {
    if (!managed.includes(input)) continue;
    const before = defaults[input.split(".")[1]];
    if (before === undefined) lost.push(input);
    else params.defaults = { ...((params.defaults as PlainObject) ?? {}), [param]: before };
  }
  if (managed.some((p) => p.startsWith("headOffice."))) {
    const address = (snapshot.headOffice as PlainObject | undefined)?.address as PlainObject | undefined;
    if (!address) lost.push("headOffice");
    else params.head_office = { address: toStripeKeys(address) };
  }
  return { params, lost };
}
