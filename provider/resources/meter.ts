/**
 * Meter — a billing meter: how usage events of one name are added up for a metered price.
 * Stripe API reference: https://docs.stripe.com/api/billing/meter
 *
 * The event name is the meter's identity: a new one replaces the meter; the display name updates
 * in place (the only update parameter). The other settings never change, and since the event
 * name stays with its meter, changing them under the same name fails the preview. Stripe cannot delete a meter: destroy deactivates it, and
 * the deactivated meter keeps its event name, so declaring the same event name again
 * reactivates that meter (when its settings match) instead of failing on the taken name.
 */
import { z } from "zod";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import { declareResource, type OperationContext, type RemoteObject } from "../engine/declaration";
import { deepEqual, type Plain, type PlainObject } from "../engine/values";
import { viewOf } from "../engine/view";
import { InputError, StripeApiError } from "../errors";
import type { FormParams } from "../stripe/encode";

const PATH = "/v1/billing/meters";

export function meterSchema() {
  const payloadKey = () => z.string().min(1).max(100);
  return z.strictObject({
    eventName: z
      .string()
      .min(1)
      .max(100)
      .describe(
        "The name usage events are reported under (their `event_name`), e.g. `api_call`; the same in every account. Changing it replaces the meter.",
      ),
    displayName: z
      .string()
      .min(1)
      .max(250)
      .describe("The meter's name in the Dashboard, not shown to customers (at most 250 characters)."),
    defaultAggregation: z
      .strictObject({
        formula: z
          .enum(["count", "last", "sum"])
          .describe(
            "How a period's events are added up: `count` (how many), `sum` (of their values) or `last` (the last value).",
          ),
      })
      .describe("How events are aggregated over a billing period."),
    customerMapping: z
      .strictObject({
        eventPayloadKey: payloadKey().describe("The event payload key holding the customer id (`cus_…`)."),
        type: z
          .literal("by_id")
          .default("by_id")
          .describe("How the customer is found: `by_id`, the only kind."),
      })
      .default({ eventPayloadKey: "stripe_customer_id", type: "by_id" })
      .describe(
        "Where an event names its customer; Stripe's default is the payload key `stripe_customer_id`.",
      ),
    valueSettings: z
      .strictObject({
        eventPayloadKey: payloadKey().describe(
          "The event payload key holding the usage value, e.g. `tokens`.",
        ),
      })
      .default({ eventPayloadKey: "value" })
      .describe("Where an event holds its value; Stripe's default is the payload key `value`."),
    eventTimeWindow: z
      .enum(["day", "hour"])
      .optional()
      .describe("The period events were already aggregated over before being reported, if any."),
    ...commonInputs(),
  });
}

export type MeterInputs = z.input<ReturnType<typeof meterSchema>>;
export type MeterState = z.output<ReturnType<typeof meterSchema>>;

const CREATE_ONLY = [
  "eventName",
  "defaultAggregation",
  "customerMapping",
  "valueSettings",
  "eventTimeWindow",
] as const;

export const meter = declareResource({
  type: "Meter",
  stripeObject: "billing.meter",
  path: PATH,
  identity: { input: "eventName" },
  export: { lists: [{ status: "active" }] },
  words: {
    noun: "Meter",
    label: "displayName",
    destroyed: () =>
      "deactivated (Stripe cannot delete meters; it keeps the event name, and declaring it again reactivates the meter)",
  },
  schema: meterSchema,
  computed: () =>
    z.object({
      status: z.enum(["active", "inactive"]).describe("`active`, or `inactive` once deactivated."),
      livemode: livemodeOutput(),
      created: createdOutput(),
    }),
  createOnly: CREATE_ONLY,
  planErrors(olds, news, { replaces }) {
    // Stripe keeps one meter per event name, deactivated ones too: a replacement under the
    // same name would need it twice (in another account it is another meter).
    const settings = replaces.filter((k) => k !== "eventName");
    if (settings.length === 0 || replaces.includes("stripeAccount") || olds.eventName !== news.eventName)
      return [];
    return [
      `${settings.join(", ")} cannot change while eventName stays "${news.eventName}": a meter's settings never change, and Stripe keeps its event name even once it is deactivated, so no new meter can take it. Give the meter a new eventName (and report usage under it), or keep ${settings.length === 1 ? "this setting" : "these settings"}.`,
    ];
  },
  async create(ctx, inputs, params) {
    const holder = await meterNamed(ctx, inputs.eventName);
    if (holder && (await deactivatedWhenFirstSeen(ctx, holder))) return reactivate(ctx, holder, inputs);
    // No meter holds the name, or an active one does: this resource's own from a killed run
    // (the create's key replays it), or another's, which Stripe refuses.
    try {
      return await ctx.api.create(params as FormParams);
    } catch (err) {
      if (!(err instanceof StripeApiError && err.param === "event_name" && holder)) throw err;
      throw new InputError(
        "meter_event_name_taken",
        `the meter ${String(holder.id)} already counts events named "${inputs.eventName}" (Stripe keeps one meter per event name): take it under management with adoptId: ${String(holder.id)}, or choose another event name`,
        "eventName",
      );
    }
  },
  async delete(ctx, id) {
    const current = await ctx.api.retrieve(id);
    if (current.status !== "inactive") await ctx.api.action(id, "deactivate");
    ctx.note(`${id} was deactivated (Stripe cannot delete meters); it keeps its event name.`);
  },
});

/** The meter of this account that holds an event name, active or not (Stripe keeps one per name). */
async function meterNamed(ctx: OperationContext, eventName: string): Promise<RemoteObject | undefined> {
  let startingAfter: string | undefined;
  for (;;) {
    const page = await ctx.api.list(PATH, {
      limit: 100,
      ...(startingAfter ? { starting_after: startingAfter } : {}),
    });
    const found = page.data.find((m) => m.event_name === eventName);
    if (found || !page.has_more || page.data.length === 0) return found;
    startingAfter = String(page.data[page.data.length - 1].id);
  }
}

/**
 * Whether the meter holding the event name was deactivated when this resource first found it
 * (`firstSeen`, an empty write under the resource's key): a run killed after reactivating it is
 * answered with what the killed run found, so it is taken back exactly once, and a meter that
 * was active when first found is never taken for this resource's.
 */
async function deactivatedWhenFirstSeen(ctx: OperationContext, holder: RemoteObject): Promise<boolean> {
  const seen = ctx.api.firstSeen ? await ctx.api.firstSeen(`${PATH}/${String(holder.id)}`) : holder;
  return seen.status === "inactive";
}

/**
 * Takes back the deactivated meter that holds the event name, when its settings are the
 * inputs'. The display name is written first, so the reactivation is the last write, and
 * neither is sent again once done.
 */
async function reactivate(ctx: OperationContext, holder: RemoteObject, inputs: MeterState) {
  const id = String(holder.id);
  const found = viewOf(meter, holder, inputs as PlainObject).inputs;
  const differ = CREATE_ONLY.filter((k) => !deepEqual(found[k], inputs[k] as Plain));
  if (differ.length > 0) {
    throw new InputError(
      "meter_event_name_taken",
      `the deactivated meter ${id} keeps the event name "${inputs.eventName}" (Stripe does not free it), and its ${differ.join(", ")} differ from the inputs, so it cannot be reactivated as declared: declare it with its settings, or choose another event name`,
      "eventName",
    );
  }
  if (holder.display_name !== inputs.displayName)
    await ctx.api.update(id, { display_name: inputs.displayName });
  ctx.note(`${id} was reactivated: the deactivated meter for "${inputs.eventName}" is managed again.`);
  // Active already: this resource's earlier, killed run reactivated it.
  return holder.status === "inactive" ? ctx.api.action(id, "reactivate") : ctx.api.retrieve(id);
}
