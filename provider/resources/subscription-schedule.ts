/**
 * SubscriptionSchedule — a customer's subscription planned as phases over time.
 * Stripe API reference: https://docs.stripe.com/api/subscription_schedules
 *
 * This object touches live customers: a wrong delete or replace ends someone's subscription.
 * `customer`, `startDate` and `billingMode` replace the schedule, and replacing one that is
 * active is refused at preview unless `allowReplaceActive` is true. Phases update in place
 * under Stripe's rules: phases that have ended are never resent or changed, and the current
 * phase keeps its start. A completed, released or canceled schedule cannot be changed.
 * Destroy releases the schedule (`deletePolicy: "release"`, the default: the customer keeps
 * the subscription) or cancels it and its subscription (`"cancel"`).
 */
import { z } from "zod";
import { fromStripeKeys, toStripeKeys } from "../engine/casing";
import { commonInputs } from "../engine/common";
import { once, type ResourceDeclaration, type StripeObject } from "../engine/declaration";
import { deepEqual, prune, type Plain, type PlainObject } from "../engine/values";
import { project } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { metadataSchema } from "./common";
import { priceRefSchema, productRefSchema, resolvePriceRefs } from "./references";

const PRORATION = ["always_invoice", "create_prorations", "none"] as const;
const COLLECTION = ["charge_automatically", "send_invoice"] as const;
const INTERVALS = ["day", "week", "month", "year"] as const;
const MAPS = ["metadata", "phases.items.metadata", "phases.metadata"];
/** Schedules in these states accept no change. */
const FINAL = ["completed", "released", "canceled"];

function timestamp() {
  return z.number().int().positive();
}

function itemSchema() {
  return z
    .strictObject({
      /** A price: its id (`price_…`) or `{ lookupKey }`. Give this or `priceData`. */
      price: priceRefSchema().optional(),
      /** An inline recurring price, created by Stripe for this schedule. */
      priceData: z
        .strictObject({
          currency: z
            .string()
            .regex(/^[A-Za-z]{3}$/)
            .transform((c) => c.toLowerCase()),
          product: productRefSchema(),
          recurring: z.strictObject({
            interval: z.enum(INTERVALS),
            intervalCount: z.number().int().positive().default(1),
          }),
          unitAmount: z.number().int().nonnegative(),
          taxBehavior: z.enum(["inclusive", "exclusive", "unspecified"]).optional(),
        })
        .optional(),
      quantity: z.number().int().nonnegative().default(1),
      metadata: metadataSchema().optional(),
      taxRates: z.array(z.string().regex(/^txr_\w+$/)).optional(),
      discounts: z
        .array(
          z.strictObject({
            coupon: z.string().optional(),
            promotionCode: z.string().optional(),
            discount: z.string().optional(),
          }),
        )
        .optional(),
    })
    .refine((item) => (item.price === undefined) !== (item.priceData === undefined), {
      message: "give exactly one of price and priceData",
    });
}

function phaseSchema() {
  return z
    .strictObject({
      items: z.array(itemSchema()).min(1, "a phase needs at least one item").max(20),
      /** How long the phase lasts. Give this or `endDate`. */
      duration: z
        .strictObject({ interval: z.enum(INTERVALS), intervalCount: z.number().int().positive().default(1) })
        .optional(),
      /** When the phase ends (unix seconds). Give this or `duration`. */
      endDate: timestamp().optional(),
      trial: z.boolean().optional(),
      trialEnd: timestamp().optional(),
      prorationBehavior: z.enum(PRORATION).default("create_prorations"),
      collectionMethod: z.enum(COLLECTION).optional(),
      defaultTaxRates: z.array(z.string().regex(/^txr_\w+$/)).optional(),
      description: z.string().max(500).optional(),
      currency: z
        .string()
        .regex(/^[A-Za-z]{3}$/)
        .transform((c) => c.toLowerCase())
        .optional(),
      metadata: metadataSchema().optional(),
    })
    .refine((phase) => !(phase.duration && phase.endDate), { message: "give duration or endDate, not both" });
}

export function subscriptionScheduleSchema() {
  return z
    .strictObject({
      /** The customer (`cus_…`). Replaces. */
      customer: z.string().regex(/^cus_\w+$/, "must be a customer id (cus_…)"),
      /** When the first phase starts: `"now"` (default) or a unix timestamp. Replaces. */
      startDate: z.union([z.literal("now"), timestamp()]).default("now"),
      /** What happens after the last phase. Updates in place. */
      endBehavior: z.enum(["release", "cancel", "none", "renew"]).default("release"),
      /** `classic` or `flexible` billing. Replaces. */
      billingMode: z.strictObject({ type: z.enum(["classic", "flexible"]) }).optional(),
      /** The phases, in order. Update in place, under Stripe's rules for past and current phases. */
      phases: z.array(phaseSchema()).min(1, "a schedule needs at least one phase"),
      /** Settings for every phase that does not set its own; Stripe's defaults when left out. */
      defaultSettings: z
        .strictObject({
          collectionMethod: z.enum(COLLECTION).default("charge_automatically"),
          billingCycleAnchor: z.enum(["automatic", "phase_start"]).default("automatic"),
          description: z.string().max(500).optional(),
          defaultPaymentMethod: z.string().optional(),
          invoiceSettings: z
            .strictObject({ daysUntilDue: z.number().int().nonnegative().optional() })
            .optional(),
        })
        .default({ collectionMethod: "charge_automatically", billingCycleAnchor: "automatic" }),
      metadata: metadataSchema().optional(),
      /** What destroy does: `release` (default; the customer keeps the subscription) or `cancel` it. */
      deletePolicy: z.enum(["release", "cancel"]).default("release"),
      /** Allow a change that replaces an active schedule (its subscription is released or canceled). */
      allowReplaceActive: z.boolean().default(false),
      ...commonInputs(),
    })
    .superRefine((inputs, ctx) => {
      inputs.phases.forEach((phase, i) => {
        const last = i === inputs.phases.length - 1;
        if (!last && !phase.duration && phase.endDate === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["phases", i],
            message: "needs duration or endDate (only the last phase may omit both)",
          });
        }
        const next = inputs.phases[i + 1];
        if (phase.endDate !== undefined && next?.endDate !== undefined && next.endDate <= phase.endDate) {
          ctx.addIssue({
            code: "custom",
            path: ["phases", i + 1, "endDate"],
            message: "must be after the previous phase's end (phases are contiguous)",
          });
        }
        if (
          i === 0 &&
          phase.endDate !== undefined &&
          typeof inputs.startDate === "number" &&
          phase.endDate <= inputs.startDate
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["phases", 0, "endDate"],
            message: "must be after startDate",
          });
        }
      });
    });
}

export type SubscriptionScheduleInputs = z.input<ReturnType<typeof subscriptionScheduleSchema>>;

type Phase = PlainObject & { items: PlainObject[] };

/** Phase inputs read back from Stripe, using the inputs last applied to keep their form. */
function phasesFromStripe(object: StripeObject, previous: PlainObject): PlainObject[] {
  const before = (Array.isArray(previous.phases) ? previous.phases : []) as Phase[];
  const resolved = Array.isArray(previous.resolvedPrices)
    ? (previous.resolvedPrices as string[][])
    : undefined;
  return (object.phases as StripeObject[]).map((phase, i) => {
    const guide = before[i];
    const items = (phase.items as StripeObject[]).map((item, k) => {
      const price = typeof item.price === "string" ? item.price : item.price?.id;
      const guideItem = guide?.items?.[k];
      // An inline price comes back as a new price id: it is the same item while the id is
      // the one recorded when it was applied (or it was applied just now).
      const samePrice =
        guideItem?.priceData !== undefined && (resolved === undefined || resolved[i]?.[k] === price);
      return prune({
        ...(samePrice ? { priceData: guideItem.priceData } : { price }),
        quantity: item.quantity,
        metadata: item.metadata,
        taxRates: ids(item.tax_rates),
        discounts: discounts(item.discounts),
      });
    });
    const span: PlainObject = {};
    if (guide?.duration && endOf(phase.start_date, guide.duration as PlainObject) === phase.end_date)
      span.duration = guide.duration;
    else if (!(
      guide &&
      guide.duration === undefined &&
      guide.endDate === undefined &&
      i === object.phases.length - 1
    )) {
      span.endDate = phase.end_date;
    }
    return prune({
      items,
      ...span,
      trial: phase.trial || undefined,
      trialEnd: phase.trial_end,
      prorationBehavior: phase.proration_behavior,
      collectionMethod: phase.collection_method,
      defaultTaxRates: ids(phase.default_tax_rates),
      description: phase.description,
      currency: guide?.currency !== undefined ? phase.currency : undefined,
      metadata: phase.metadata,
    });
  });
}

/** The end of a phase of `duration` starting at `start`, in unix seconds (UTC calendar). */
export function endOf(start: number, duration: PlainObject): number {
  const count = Number(duration.intervalCount ?? 1);
  const d = new Date(start * 1000);
  switch (duration.interval) {
    case "day":
      d.setUTCDate(d.getUTCDate() + count);
      break;
    case "week":
      d.setUTCDate(d.getUTCDate() + 7 * count);
      break;
    case "month":
      d.setUTCMonth(d.getUTCMonth() + count);
      break;
    case "year":
      d.setUTCFullYear(d.getUTCFullYear() + count);
      break;
  }
  return Math.floor(d.getTime() / 1000);
}

function ids(list: unknown): string[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((x) => (typeof x === "string" ? x : (x as { id: string }).id));
}

function discounts(list: unknown): PlainObject[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.map((d) => prune({ coupon: d.coupon, promotionCode: d.promotion_code, discount: d.discount }));
}

/** Index of the phase running now (from the schedule's `current_phase`), or 0 before the start. */
function currentIndex(outputs: PlainObject): number {
  const current = outputs.currentPhase as PlainObject | undefined;
  const dates = (outputs.phaseDates ?? []) as PlainObject[];
  if (!current) return outputs.status === "active" ? dates.length - 1 : 0;
  const i = dates.findIndex((d) => d.startDate === current.startDate);
  return i < 0 ? 0 : i;
}

export const subscriptionSchedule: ResourceDeclaration = {
  type: "SubscriptionSchedule",
  stripeObject: "subscription_schedule",
  path: "/v1/subscription_schedules",
  schema: once(subscriptionScheduleSchema),
  createOnly: ["customer", "startDate", "billingMode"],
  maps: MAPS,
  local: ["deletePolicy", "allowReplaceActive"],
  computed: {
    status: "string",
    currentPhase: "object",
    subscription: "string",
    releasedSubscription: "string",
    phaseDates: "array",
    resolvedPrices: "array",
    livemode: "boolean",
    created: "integer",
  },
  resolve: (ctx, inputs) => resolvePriceRefs(ctx, inputs, ["phases.*.items.*.price"]),
  fromStripe(object, previous = {}) {
    const phases = object.phases as StripeObject[];
    const first = phases[0];
    const startDate =
      previous.startDate === "now" && first && first.start_date <= Number(object.created) + 5
        ? "now"
        : first?.start_date;
    const defaults = project(
      prune(fromStripeKeys(object.default_settings ?? {}) as PlainObject),
      subscriptionSchedule.schema().shape.defaultSettings,
    ) as PlainObject;
    const inputs = prune({
      customer: typeof object.customer === "string" ? object.customer : object.customer?.id,
      startDate,
      endBehavior: object.end_behavior,
      billingMode:
        previous.billingMode !== undefined && object.billing_mode
          ? { type: object.billing_mode.type }
          : undefined,
      phases: phasesFromStripe(object, previous),
      defaultSettings: Object.keys(defaults).length > 0 ? defaults : undefined,
      metadata: object.metadata,
    }) as PlainObject;
    const current = object.current_phase as { start_date: number; end_date: number } | null;
    const computed = prune({
      status: object.status,
      currentPhase: current ? { startDate: current.start_date, endDate: current.end_date } : undefined,
      subscription: typeof object.subscription === "string" ? object.subscription : object.subscription?.id,
      releasedSubscription: object.released_subscription,
      phaseDates: phases.map((p) => ({ startDate: p.start_date, endDate: p.end_date })),
      resolvedPrices: phases.map((p) =>
        (p.items as StripeObject[]).map((item) =>
          typeof item.price === "string" ? item.price : item.price?.id,
        ),
      ),
      livemode: object.livemode,
      created: object.created,
    }) as PlainObject;
    return { inputs, computed };
  },
  planErrors(olds, news, diff) {
    if (diff.changed.length === 0) return [];
    const status = String(olds.status ?? "");
    const subscription = olds.subscription ? ` (subscription ${olds.subscription})` : "";
    if (diff.replaces.length > 0) {
      if (status === "active" && news.allowReplaceActive !== true) {
        const fate =
          olds.deletePolicy === "cancel"
            ? "cancel its subscription, ending the customer's service now"
            : "release its subscription (the customer keeps being billed on the current phase, unmanaged)";
        return [
          `changing ${diff.replaces.join(", ")} replaces this active schedule for customer ${olds.customer}${subscription}: it would ${fate}, then start a new schedule. Set allowReplaceActive: true to do this.`,
        ];
      }
      return [];
    }
    if (FINAL.includes(status)) {
      return [
        `this schedule is ${status}; Stripe accepts no change to it. Replace it with a new one (change its name) instead.`,
      ];
    }
    const past = currentIndex(olds);
    const oldPhases = (olds.phases ?? []) as PlainObject[];
    const newPhases = (news.phases ?? []) as PlainObject[];
    const changedPast = oldPhases.slice(0, past).findIndex((phase, i) => !deepEqual(phase, newPhases[i]));
    if (changedPast >= 0) {
      return [
        `phase ${changedPast} has ended; past phases cannot be changed or removed (${past} of ${oldPhases.length} phases have ended).`,
      ];
    }
    return [];
  },
  async update(ctx, id, _olds, news, delta) {
    const current = await ctx.api.retrieve(id);
    if (FINAL.includes(String(current.status))) {
      throw new Error(`SubscriptionSchedule ${id} is ${current.status}; Stripe accepts no change to it.`);
    }
    const params: PlainObject = { ...delta };
    if (delta.phases !== undefined) params.phases = phasesParam(current, news);
    delete params.start_date;
    return Object.keys(params).length > 0 ? ctx.api.update(id, params as FormParams) : current;
  },
  async delete(ctx, id, outputs) {
    const current = await ctx.api.retrieve(id);
    if (FINAL.includes(String(current.status))) return;
    if (outputs.deletePolicy === "cancel") await ctx.api.action(id, "cancel");
    else await ctx.api.action(id, "release");
  },
};

/**
 * The `phases` parameter of an update: ended phases are left out, the running phase keeps
 * the start Stripe gave it, later phases are sent as declared.
 */
function phasesParam(current: StripeObject, news: PlainObject): PlainObject[] {
  const phases = (news.phases ?? []) as PlainObject[];
  const running = current.current_phase as { start_date: number } | null;
  const stripePhases = current.phases as StripeObject[];
  const first = running
    ? Math.max(
        0,
        stripePhases.findIndex((p) => p.start_date === running.start_date),
      )
    : 0;
  return phases.slice(first).map((phase, i) => {
    const param = toStripeKeys(phase as Plain, MAPS, "phases") as PlainObject;
    if (i === 0) param.start_date = stripePhases[first]?.start_date ?? current.phases?.[0]?.start_date;
    return param;
  });
}
