/**
 * TaxSettings — the account's Stripe Tax settings: default tax behavior and code, and the
 * head office address. One per account, with no id of its own.
 * Stripe API reference: https://docs.stripe.com/api/tax/settings
 *
 * Create adopts the account's settings: their current values are kept in state, then the
 * inputs are applied. Inputs left out are not managed. Stripe never lets a field return to
 * empty once set, so removing an input is refused at preview with an explanation.
 * Destroy restores the kept values where Stripe allows it (`deletePolicy: "restore"`, the
 * default) or leaves the settings as they are (`"keep"`).
 */
import { z } from "zod";
import { commonInputs } from "../engine/common";
import { once, type ResourceDeclaration, type StripeObject } from "../engine/declaration";
import { defaultView } from "../engine/view";
import { toStripeKeys } from "../engine/casing";
import { getPath, isPlainObject, pick, type PlainObject } from "../engine/values";
import type { FormParams } from "../stripe/encode";
import { countrySchema, taxCodeSchema } from "./common";

const PATH = "/v1/tax/settings";

export function taxSettingsSchema() {
  return z.strictObject({
    /** Defaults for prices and products that do not set their own. */
    defaults: z
      .strictObject({
        taxBehavior: z.enum(["exclusive", "inclusive", "inferred_by_currency"]).optional(),
        taxCode: taxCodeSchema().optional(),
      })
      .optional(),
    /** The head office, which Stripe Tax needs before it can be active. */
    headOffice: z
      .strictObject({
        address: z.strictObject({
          line1: z.string().optional(),
          line2: z.string().optional(),
          city: z.string().optional(),
          state: z.string().optional(),
          postalCode: z.string().optional(),
          country: countrySchema(),
        }),
      })
      .optional(),
    /** What destroy does: restore the values found at create (default), or keep the settings. */
    deletePolicy: z.enum(["restore", "keep"]).default("restore"),
    ...commonInputs(),
  });
}

export type TaxSettingsInputs = z.input<ReturnType<typeof taxSettingsSchema>>;

/** The Pulumi id: the settings belong to the account, so the account names them. */
export function taxSettingsId(stripeAccount: unknown): string {
  return `tax_settings:${typeof stripeAccount === "string" ? stripeAccount : "platform"}`;
}

function view(object: StripeObject, outputs: PlainObject): StripeObject {
  return { ...object, id: taxSettingsId(outputs.stripeAccount) };
}

export const taxSettings: ResourceDeclaration = {
  type: "TaxSettings",
  stripeObject: "tax.settings",
  path: PATH,
  schema: once(taxSettingsSchema),
  createOnly: [],
  local: ["deletePolicy"],
  partial: true,
  // Stripe wants the head office address whole: a change to one line without the country is
  // refused (`parameter_missing head_office[address][country]`).
  // https://docs.stripe.com/api/tax/settings/update#update_tax_settings-head_office-address
  wholeValues: ["headOffice.address"],
  state: ["snapshot"],
  computed: { status: "string", missingFields: "array", livemode: "boolean" },
  fromStripe(object) {
    const result = defaultView(object, { schema: taxSettings.schema(), computed: ["status", "livemode"] });
    const pending = (object.status_details as { pending?: { missing_fields?: string[] | null } } | undefined)
      ?.pending;
    result.computed.missingFields = pending?.missing_fields ?? [];
    return result;
  },
  planErrors(olds, news) {
    const managed = Array.isArray(olds.managedInputs) ? (olds.managedInputs as string[]) : [];
    const removed = managed.filter((path) => getPath(news, path.split(".")) === undefined);
    if (removed.length === 0) return [];
    return [
      `${removed.join(", ")} cannot be removed: Stripe never lets a tax setting return to empty once set.` +
        ` Keep the input, or set another value.`,
    ];
  },
  async create(ctx, _inputs, params, state) {
    const current = await ctx.api.get(PATH);
    state.snapshot = pick(taxSettings.fromStripe(current).inputs, ["defaults", "headOffice"]) as PlainObject;
    const updated = Object.keys(params).length > 0 ? await ctx.api.post(PATH, params as FormParams) : current;
    return view(updated, _inputs);
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
};

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
