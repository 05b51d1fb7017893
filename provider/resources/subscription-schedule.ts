/**
 * SubscriptionSchedule — a customer's subscription planned as phases over time. Its
 * documentation, create-only fields and delete policy are in the declaration below.
 */
import type Stripe from "stripe";
import { z } from "zod";
import { fromStripeKeys, toStripeKeys } from "../engine/casing";
import { commonInputs, createdOutput, livemodeOutput } from "../engine/common";
import {
  declareResource,
  once,
  type OutputsOf,
  type RemoteObject,
  type StripeView,
} from "../engine/declaration";
import { deepEqual, prune, type PlainObject } from "../engine/values";
import { project } from "../engine/view";
import type { FormParams } from "../stripe/encode";
import { currencySchema, metadataSchema, momentSchema } from "./common";
import { priceRefSchema, productRefSchema, resolvePriceRefs, taxRateRefSchema } from "./references";

const PRORATION = ["always_invoice", "create_prorations", "none"] as const;
const COLLECTION = ["charge_automatically", "send_invoice"] as const;
const INTERVALS = ["day", "week", "month", "year"] as const;
const MAPS = ["metadata", "phases[].items[].metadata", "phases[].metadata"] as const;
/** Stripe's longest recurring interval, 3 years, in each unit. */
const MAX_INTERVAL_COUNT = { day: 1095, week: 156, month: 36, year: 3 } as const;
/** Schedules in these states accept no change. */
const FINAL: readonly string[] = ["completed", "released", "canceled"];

function timestamp() {
  return z.number().int().positive();
}

/** One discount: a coupon, a promotion code or an existing discount, exactly one of them. */
function discountSchema() {
  return z
    .strictObject({
      coupon: z.string().min(1).optional().describe("A coupon id."),
      promotionCode: z.string().min(1).optional().describe("A promotion code id (`promo_…`)."),
      discount: z.string().min(1).optional().describe("An existing discount id (`di_…`)."),
    })
    .refine((d) => [d.coupon, d.promotionCode, d.discount].filter((x) => x !== undefined).length === 1, {
      message: "give exactly one of coupon, promotionCode and discount",
    })
    .describe("One discount: exactly one of `coupon`, `promotionCode` and `discount`.");
}

function duration() {
  return z
    .strictObject({
      interval: z.enum(INTERVALS).describe("The unit: `day`, `week`, `month` or `year`."),
      intervalCount: z.number().int().positive().default(1).describe("How many intervals."),
    })
    .describe("A length of time in calendar units.");
}

function taxRates(what: string) {
  return z
    .array(taxRateRefSchema())
    .optional()
    .describe(`Tax rates applied to ${what}: their ids (\`txr_…\`), in a billing spec \`taxRates\` keys.`);
}

function itemSchema() {
  return z
    .strictObject({
      price: priceRefSchema()
        .optional()
        .describe(
          "A price: its id (`price_…`) or `{ lookupKey }`, resolved in the target account. Give this or `priceData`.",
        ),
      priceData: z
        .strictObject({
          currency: currencySchema().describe("Three-letter ISO currency code, e.g. `usd`."),
          product: productRefSchema().describe(
            "The product the price belongs to: its id (`prod_…`) or custom id.",
          ),
          recurring: z
            .strictObject({
              interval: z.enum(INTERVALS).describe("How often the price is billed."),
              intervalCount: z.number().int().positive().default(1).describe("Intervals between bills."),
            })
            // https://docs.stripe.com/api/prices/create#create_price-recurring-interval_count
            // "Maximum of three years interval allowed (3 years, 36 months, or 156 weeks)."
            .refine((r) => r.intervalCount <= MAX_INTERVAL_COUNT[r.interval], {
              path: ["intervalCount"],
              message:
                "makes the interval longer than 3 years, Stripe's maximum (at most 3 years, 36 months, 156 weeks or 1095 days)",
            })
            .describe("The billing period."),
          unitAmount: z
            .number()
            .int()
            .nonnegative()
            .describe("The price per unit, in the currency's smallest unit (cents for USD)."),
          taxBehavior: z
            .enum(["inclusive", "exclusive", "unspecified"])
            .optional()
            .describe("Whether `unitAmount` includes tax."),
        })
        .optional()
        .describe("An inline recurring price, created by Stripe for this schedule. Give this or `price`."),
      quantity: z.number().int().nonnegative().default(1).describe("How many units are billed."),
      metadata: metadataSchema().optional().describe("Your own key-value pairs on the subscription item."),
      taxRates: taxRates("this item"),
      discounts: z.array(discountSchema()).optional().describe("Discounts applied to this item."),
    })
    .refine((item) => (item.price === undefined) !== (item.priceData === undefined), {
      message: "give exactly one of price and priceData",
    })
    .describe("One price billed in the phase.");
}

/**
 * `daysUntilDue` applies to sent invoices only: Stripe holds it as null where the schedule
 * (or phase) charges automatically, and clears it when that becomes so (see `clearedByStripe`).
 * https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-default_settings-invoice_settings-days_until_due
 */
function invoiceSettingsSchema() {
  return z.strictObject({
    daysUntilDue: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe(
        'Days a customer has to pay a sent invoice; only with collectionMethod: "send_invoice" (Stripe clears it when the schedule charges automatically).',
      ),
  });
}

function phaseSchema() {
  return (
    z
      .strictObject({
        items: z
          .array(itemSchema())
          .min(1, "a phase needs at least one item")
          .max(20)
          .describe("The prices billed during the phase (1 to 20)."),
        duration: duration().optional().describe("How long the phase lasts. Give this or `endDate`."),
        endDate: timestamp()
          .optional()
          .describe("When the phase ends, in unix seconds. Give this or `duration`."),
        trial: z.boolean().optional().describe("Whether the whole phase is a trial."),
        trialEnd: timestamp().optional().describe("When a trial within the phase ends, in unix seconds."),
        prorationBehavior: z
          .enum(PRORATION)
          .default("create_prorations")
          .describe("How moving into this phase is prorated."),
        collectionMethod: z
          .enum(COLLECTION)
          .optional()
          .describe("Charge the payment method automatically, or send an invoice."),
        invoiceSettings: invoiceSettingsSchema()
          .optional()
          .describe("Settings of the phase's sent invoices."),
        defaultTaxRates: taxRates("every item of the phase"),
        description: z
          .string()
          .max(500)
          .optional()
          .describe("Shown on the phase's invoices (at most 500 characters)."),
        currency: currencySchema()
          .optional()
          .describe("The phase's currency, when its prices offer several."),
        metadata: metadataSchema()
          .optional()
          .describe("Your own key-value pairs, set on the subscription while the phase runs."),
      })
      .refine((phase) => !(phase.duration && phase.endDate), {
        message: "give duration or endDate, not both",
      })
      // https://docs.stripe.com/api/subscription_schedules/create#create_subscription_schedule-phases-trial_end
      // trial_end "can not be combined with trial".
      .refine((phase) => !(phase.trial && phase.trialEnd !== undefined), {
        path: ["trialEnd"],
        message:
          "cannot be combined with trial: true (trial makes the whole phase a trial; trialEnd ends it at a date)",
      })
      .describe("One period of the subscription with its prices.")
  );
}

export function subscriptionScheduleSchema() {
  return z
    .strictObject({
      customer: z
        .string()
        .regex(/^cus_\w+$/, "must be a customer id (cus_…)")
        .describe("The customer (`cus_…`) the schedule bills."),
      startDate: momentSchema()
        .default("now")
        .describe('When the first phase starts: `"now"` (the default) or a unix timestamp in seconds.'),
      endBehavior: z
        .enum(["release", "cancel", "none", "renew"])
        .default("release")
        .describe(
          "What happens after the last phase: `release` the subscription to run on (the default), `cancel` it, `renew` the last phase, or `none`.",
        ),
      billingMode: z
        .strictObject({
          type: z.enum(["classic", "flexible"]).describe("`classic` or `flexible` billing."),
        })
        .optional()
        .describe("How Stripe calculates prorations and invoices for the subscription."),
      phases: z
        .array(phaseSchema())
        .min(1, "a schedule needs at least one phase")
        .describe(
          "The phases, in order. Phases that have ended cannot change, and the running phase keeps its start.",
        ),
      defaultSettings: z
        .strictObject({
          collectionMethod: z
            .enum(COLLECTION)
            .default("charge_automatically")
            .describe("Charge the payment method automatically, or send an invoice."),
          billingCycleAnchor: z
            .enum(["automatic", "phase_start"])
            .default("automatic")
            .describe("Whether each phase restarts the billing cycle (`phase_start`)."),
          description: z.string().max(500).optional().describe("Shown on invoices (at most 500 characters)."),
          defaultPaymentMethod: z.string().optional().describe("The payment method (`pm_…`) charged."),
          invoiceSettings: invoiceSettingsSchema().optional().describe("Settings of the invoices sent."),
        })
        // https://docs.stripe.com/api/subscription_schedules/create#create_subscription_schedule-default_settings-invoice_settings-days_until_due
        // Only invoices that are sent have a due date.
        .refine(
          (d) => d.invoiceSettings?.daysUntilDue === undefined || d.collectionMethod === "send_invoice",
          {
            path: ["invoiceSettings", "daysUntilDue"],
            message: 'only applies with collectionMethod: "send_invoice"',
          },
        )
        .default({ collectionMethod: "charge_automatically", billingCycleAnchor: "automatic" })
        .describe("Settings for every phase that does not set its own; Stripe's defaults when left out."),
      metadata: metadataSchema()
        .optional()
        .describe("Your own key-value pairs (at most 50); a key removed here is deleted in Stripe."),
      deletePolicy: z
        .enum(["release", "cancel"])
        .default("release")
        .describe(
          "What destroy does: `release` the schedule (the default; the customer keeps the subscription) or `cancel` it and its subscription.",
        ),
      allowReplaceActive: z
        .boolean()
        .default(false)
        .describe(
          "Allow a change that replaces an active schedule (its subscription is released or canceled); without it such a plan is refused at preview.",
        ),
      ...commonInputs(),
    })
    .superRefine((inputs, ctx) => {
      // Where each phase ends, when it can be known now; for a start of "now" the estimate
      // is never earlier than the real end, so a trial end found after it is after it.
      let start: number | undefined =
        typeof inputs.startDate === "number" ? inputs.startDate : Math.floor(Date.now() / 1000);
      inputs.phases.forEach((phase, i) => {
        const end =
          phase.endDate ?? (phase.duration && start !== undefined ? endOf(start, phase.duration) : undefined);
        // https://docs.stripe.com/api/subscription_schedules/create#create_subscription_schedule-phases-trial_end
        // "Must be before the phase end date".
        if (phase.trialEnd !== undefined && end !== undefined && phase.trialEnd > end) {
          ctx.addIssue({
            code: "custom",
            path: ["phases", i, "trialEnd"],
            message: `must not be after the phase ends (${end}): a trial ends within its phase`,
          });
        }
        start = end;
        const last = i === inputs.phases.length - 1;
        if (!last && !phase.duration && phase.endDate === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["phases", i],
            message: "needs duration or endDate (only the last phase may omit both)",
          });
        }
        // https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-phases-invoice_settings-days_until_due
        // "null for subscription schedules where collection_method=charge_automatically": a
        // phase's due date needs the phase (or, without its own, the schedule) to send invoices.
        const method = phase.collectionMethod ?? inputs.defaultSettings.collectionMethod;
        if (phase.invoiceSettings?.daysUntilDue !== undefined && method !== "send_invoice") {
          ctx.addIssue({
            code: "custom",
            path: ["phases", i, "invoiceSettings", "daysUntilDue"],
            message: `only applies with collectionMethod: "send_invoice" (this phase's is "${method}")`,
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

const schema = once(subscriptionScheduleSchema);

function phaseDates() {
  return z.object({
    startDate: z.number().int().describe("When the phase starts, in unix seconds."),
    endDate: z.number().int().describe("When the phase ends, in unix seconds."),
  });
}

const computed = once(() =>
  z.object({
    status: z
      .enum(["not_started", "active", "completed", "released", "canceled"])
      .describe("`not_started`, `active`, `completed`, `released` or `canceled`."),
    currentPhase: phaseDates().optional().describe("The phase running now, if any."),
    subscription: z
      .string()
      .optional()
      .describe("The subscription (`sub_…`) the schedule manages, once it has started."),
    releasedSubscription: z
      .string()
      .optional()
      .describe("The subscription the schedule let go of when it was released."),
    phaseDates: z.array(phaseDates()).describe("Each phase's start and end, as Stripe resolved them."),
    resolvedPrices: z
      .array(z.array(z.string()))
      .describe("The price id of each item of each phase, inline prices included."),
    livemode: livemodeOutput(),
    created: createdOutput(),
  }),
);

type Inputs = z.output<ReturnType<typeof schema>>;
type Outputs = OutputsOf<ReturnType<typeof schema>, ReturnType<typeof computed>>;

/** Stripe's subscription schedule, as the SDK types it (internal: users do not install the SDK). */
type StripeSchedule = Stripe.SubscriptionSchedule;

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === "string" ? value : value?.id;

/** Phase inputs read back from Stripe, using the inputs last applied to keep their form. */
function phasesFromStripe(object: StripeSchedule, previous: Outputs): PlainObject[] {
  const before = previous.phases ?? [];
  const resolved = previous.resolvedPrices;
  return object.phases.map((phase, i) => {
    const guide = before[i];
    const items = phase.items.map((item, k) => {
      const price = idOf(item.price);
      const guideItem = guide?.items[k];
      // An inline price comes back as a new price id: it is the same item while the id is
      // the one recorded when it was applied (or it was applied just now).
      const samePrice =
        guideItem?.priceData !== undefined && (resolved === undefined || resolved[i]?.[k] === price);
      return prune({
        ...(samePrice ? { priceData: guideItem.priceData } : { price }),
        quantity: item.quantity,
        metadata: item.metadata,
        taxRates: ids(item.tax_rates),
        discounts: item.discounts?.length
          ? item.discounts.map((d) =>
              prune({
                coupon: idOf(d.coupon),
                promotionCode: idOf(d.promotion_code),
                discount: idOf(d.discount),
              }),
            )
          : undefined,
      });
    });
    const span: PlainObject = {};
    if (guide?.duration && endOf(phase.start_date, guide.duration) === phase.end_date)
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
      invoiceSettings: { daysUntilDue: phase.invoice_settings?.days_until_due },
      defaultTaxRates: ids(phase.default_tax_rates),
      description: phase.description,
      currency: guide?.currency !== undefined ? phase.currency : undefined,
      metadata: phase.metadata,
    });
  });
}

/** The end of a phase of `duration` starting at `start`, in unix seconds (UTC calendar). */
function endOf(start: number, duration: { interval: string; intervalCount?: number }): number {
  const count = duration.intervalCount ?? 1;
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

function ids(list: (string | { id: string })[] | null | undefined): string[] | undefined {
  if (!list || list.length === 0) return undefined;
  return list.map((x) => idOf(x)!);
}

/** Index of the phase running now (from the schedule's `current_phase`), or 0 before the start. */
function currentIndex(outputs: Outputs): number {
  const current = outputs.currentPhase;
  const dates = outputs.phaseDates ?? [];
  if (!current) return outputs.status === "active" ? dates.length - 1 : 0;
  const i = dates.findIndex((d) => d.startDate === current.startDate);
  return i < 0 ? 0 : i;
}

/** A schedule in the form the declaration reads: inputs last applied guide the reading. */
function scheduleView(stripeObject: RemoteObject, previous: Outputs = {}): StripeView {
  const object = stripeObject as StripeSchedule;
  const phases = object.phases;
  const first = phases[0];
  const startDate =
    previous.startDate === "now" && first && first.start_date <= object.created + 5
      ? "now"
      : first?.start_date;
  const defaults = project(
    // The settings are plain JSON; the SDK's interface only lacks the index signature to say so.
    prune(fromStripeKeys((object.default_settings ?? {}) as unknown as PlainObject)),
    schema().shape.defaultSettings,
  ) as PlainObject;
  const inputs = prune({
    customer: idOf(object.customer),
    startDate,
    endBehavior: object.end_behavior,
    billingMode:
      previous.billingMode !== undefined && object.billing_mode
        ? { type: object.billing_mode.type }
        : undefined,
    phases: phasesFromStripe(object, previous),
    defaultSettings: Object.keys(defaults).length > 0 ? defaults : undefined,
    metadata: object.metadata,
  });
  const current = object.current_phase;
  const computed = prune({
    status: object.status,
    currentPhase: current ? { startDate: current.start_date, endDate: current.end_date } : undefined,
    subscription: idOf(object.subscription),
    releasedSubscription: object.released_subscription,
    phaseDates: phases.map((p) => ({ startDate: p.start_date, endDate: p.end_date })),
    resolvedPrices: phases.map((p) => p.items.map((item) => idOf(item.price)!)),
    livemode: object.livemode,
    created: object.created,
  });
  return { inputs, computed };
}

export const subscriptionSchedule = declareResource({
  type: "SubscriptionSchedule",
  stripeObject: "subscription_schedule",
  path: "/v1/subscription_schedules",
  // A schedule belongs to one account's customer: exported only when asked for, while it runs.
  identity: { name: (object) => idOf(object.customer) },
  export: {
    lists: [{}],
    onlyWhenAsked: true,
    keep: (object) => ["not_started", "active"].includes(String(object.status)),
  },
  words: {
    noun: "Subscription schedule",
    label: "customer",
    destroyed: (inputs) =>
      inputs.deletePolicy === "cancel"
        ? "canceled: the customer's subscription ends"
        : "released: the customer keeps the subscription",
    impact: () => "changes a customer's billing: check the phases and prices before merging.",
  },
  schema,
  computed,
  createOnly: ["customer", "startDate", "billingMode"],
  maps: MAPS,
  local: ["deletePolicy", "allowReplaceActive"],
  clearedByStripe: [
    {
      // Switching to charge_automatically: Stripe nulls the due date itself, and its update
      // parameters have no way to send it empty (not `Emptyable` in the SDK's types).
      path: "defaultSettings.invoiceSettings.daysUntilDue",
      when: (inputs) => inputs.defaultSettings.collectionMethod === "charge_automatically",
      source:
        "https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-default_settings-invoice_settings-days_until_due",
    },
  ],
  resolve: (ctx, inputs) => resolvePriceRefs(ctx, inputs, ["phases[].items[].price"]),
  fromStripe: scheduleView,
  planErrors(olds, news, diff) {
    if (diff.changed.length === 0) return [];
    const status = olds.status ?? "";
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
    const oldPhases = olds.phases ?? [];
    const changedPast = oldPhases.slice(0, past).findIndex((phase, i) => !deepEqual(phase, news.phases[i]));
    if (changedPast >= 0) {
      return [
        `phase ${changedPast} has ended; past phases cannot be changed or removed (${past} of ${oldPhases.length} phases have ended).`,
      ];
    }
    return [];
  },
  async update(ctx, id, _olds, news, delta) {
    const current = (await ctx.api.retrieve(id)) as StripeSchedule;
    if (FINAL.includes(current.status)) {
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
});

/**
 * The `phases` parameter of an update: ended phases are left out, the running phase keeps
 * the start Stripe gave it, later phases are sent as declared.
 */
function phasesParam(current: StripeSchedule, news: Inputs): PlainObject[] {
  const running = current.current_phase;
  const first = running
    ? Math.max(
        0,
        current.phases.findIndex((p) => p.start_date === running.start_date),
      )
    : 0;
  return news.phases.slice(first).map((phase, i) => {
    const param = toStripeKeys(phase, MAPS, "phases[]") as PlainObject;
    if (i === 0) param.start_date = current.phases[first]?.start_date ?? current.phases[0]?.start_date;
    return param;
  });
}
