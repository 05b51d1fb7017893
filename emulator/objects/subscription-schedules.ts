/**
 * Subscription schedules (`sub_sched_`) and the subscriptions they manage. The schedule's
 * state follows the emulator's clock — not_started, then active (its subscription is created),
 * then at the end of the last phase released or completed as `end_behavior` says — and the
 * cancel and release endpoints end it early. Phases that have ended cannot be changed, and the
 * running phase keeps its start.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { mergeMetadata, type Params, type Rules, type Value } from "../params";
import type { StripeObject } from "../store";
import { insertPrice, priceView } from "./catalog";
import { listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/**
 * https://docs.stripe.com/api/subscription_schedules/create: at most 20 items per phase,
 * non-negative quantities and amounts, intervals counted from 1, three-letter currencies.
 */
const PHASE_RULES: Rules = {
  "phases[*][items]": { maxItems: 20 },
  "phases[*][items][*][quantity]": { min: 0 },
  "phases[*][items][*][price_data][unit_amount]": { min: 0 },
  "phases[*][items][*][price_data][currency]": { pattern: /^[a-z]{3}$/ },
  "phases[*][items][*][price_data][recurring][interval_count]": { min: 1 },
  "phases[*][duration][interval_count]": { min: 1 },
  "phases[*][currency]": { pattern: /^[a-z]{3}$/ },
  "default_settings[invoice_settings][days_until_due]": { min: 0 },
  "phases[*][invoice_settings][days_until_due]": { min: 0 },
};

/** `start` moved by a duration, on the UTC calendar. */
function addDuration(start: number, interval: string, count: number): number {
  const d = new Date(start * 1000);
  if (interval === "day") d.setUTCDate(d.getUTCDate() + count);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7 * count);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + count);
  else d.setUTCFullYear(d.getUTCFullYear() + count);
  return Math.floor(d.getTime() / 1000);
}

/**
 * Builds Stripe's phase objects from parameters, resolving prices, dates and contiguity.
 * https://docs.stripe.com/api/subscription_schedules/create: each phase has `duration` or
 * `end_date` (not both; the last may have neither and lasts one interval), phases follow one
 * another, items use recurring prices.
 */
function buildPhases(ctx: RequestContext, phases: Params[], start: number): Params[] {
  const now = ctx.clock.now();
  let cursor = start;
  return phases.map((phase, i) => {
    const param = `phases[${i}]`;
    if (phase.duration && phase.end_date !== undefined) {
      throw errors.invalid("You may only specify one of `duration` and `end_date`.", `${param}[duration]`);
    }
    const items = (phase.items as Params[]).map((item, k) => {
      const where = `${param}[items][${k}]`;
      const price = priceOf(ctx, item, where);
      if (!price.recurring)
        throw errors.invalid(`The price ${price.id} is not recurring.`, `${where}[price]`);
      return {
        billing_thresholds: null,
        discounts: ((item.discounts as Params[] | undefined) ?? []).map((d) => ({
          coupon: d.coupon ?? null,
          discount: d.discount ?? null,
          promotion_code: d.promotion_code ?? null,
        })),
        metadata: mergeMetadata({}, item.metadata),
        plan: price.id,
        price: price.id,
        quantity: (item.quantity as number | undefined) ?? 1,
        tax_rates: taxRates(ctx, item.tax_rates, `${where}[tax_rates]`),
        _recurring: price.recurring as Params,
        _currency: price.currency as string,
      };
    });
    const phaseStart = i === 0 ? start : cursor;
    let end: number;
    if (phase.end_date !== undefined) end = phase.end_date === "now" ? now : Number(phase.end_date);
    else if (phase.duration) {
      const d = phase.duration as Params;
      end = addDuration(phaseStart, String(d.interval), Number(d.interval_count ?? 1));
    } else if (i === phases.length - 1) {
      const r = items[0]._recurring as Params;
      end = addDuration(phaseStart, String(r.interval), Number(r.interval_count ?? 1));
    } else
      throw errors.invalid("Every phase but the last needs `duration` or `end_date`.", `${param}[end_date]`);
    if (end <= phaseStart) throw errors.invalid("Phases must end after they start.", `${param}[end_date]`);
    cursor = end;
    return {
      add_invoice_items: ((phase.add_invoice_items as Params[] | undefined) ?? []).map((item, k) =>
        invoiceItem(ctx, item, `${param}[add_invoice_items][${k}]`),
      ),
      application_fee_percent: phase.application_fee_percent ?? null,
      automatic_tax: automaticTax(phase.automatic_tax),
      billing_cycle_anchor: phase.billing_cycle_anchor ?? null,
      billing_thresholds: thresholds(phase.billing_thresholds),
      collection_method: phase.collection_method ?? null,
      currency: phase.currency ?? items[0]._currency,
      default_payment_method: phase.default_payment_method ?? null,
      default_tax_rates: taxRates(ctx, phase.default_tax_rates, `${param}[default_tax_rates]`),
      description: phase.description ?? null,
      discounts: discounts(phase.discounts),
      end_date: end,
      invoice_settings: phase.invoice_settings ? invoiceSettings(phase.invoice_settings) : null,
      items: items.map(({ _recurring: _r, _currency: _c, ...item }) => item),
      metadata: mergeMetadata({}, phase.metadata),
      on_behalf_of: phase.on_behalf_of ?? null,
      proration_behavior: phase.proration_behavior ?? "create_prorations",
      start_date: phaseStart,
      transfer_data: transferData(phase.transfer_data),
      trial_end: phase.trial_end === "now" ? now : (phase.trial_end ?? null),
    };
  });
}

// Stored shapes of accepted parameters, as the schedule object returns them:
// https://docs.stripe.com/api/subscription_schedules/object

function discounts(value: Value | undefined): Params[] {
  return ((value as Params[] | null | undefined) ?? []).map((d) => ({
    coupon: d.coupon ?? null,
    discount: d.discount ?? null,
    promotion_code: d.promotion_code ?? null,
  }));
}

function automaticTax(value: Value | undefined): Params {
  const tax = (value as Params | undefined) ?? {};
  return { disabled_reason: null, enabled: tax.enabled ?? false, liability: tax.liability ?? null };
}

function thresholds(value: Value | undefined): Params | null {
  const t = value as Params | null | undefined;
  return t
    ? { amount_gte: t.amount_gte ?? null, reset_billing_cycle_anchor: t.reset_billing_cycle_anchor ?? null }
    : null;
}

function invoiceSettings(value: Value | undefined, issuer: Params | null = null): Params {
  const s = (value as Params | undefined) ?? {};
  return {
    account_tax_ids: s.account_tax_ids ?? null,
    custom_fields: null,
    days_until_due: s.days_until_due ?? null,
    description: null,
    footer: null,
    issuer: s.issuer ?? issuer,
  };
}

function transferData(value: Value | undefined): Params | null {
  const t = value as Params | null | undefined;
  return t ? { amount_percent: t.amount_percent ?? null, destination: t.destination ?? null } : null;
}

/** An item's price: exactly one of `price` (an existing price) and `price_data` (a new one). */
function priceOf(ctx: RequestContext, item: Params, where: string): StripeObject {
  if ((item.price === undefined) === (item.price_data === undefined)) {
    throw errors.invalid("You must specify exactly one of `price` and `price_data`.", `${where}[price]`);
  }
  return item.price_data
    ? insertPrice(ctx, item.price_data as Params, `${where}[price_data]`)
    : need(ctx, "price", String(item.price), `${where}[price]`);
}

function invoiceItem(ctx: RequestContext, item: Params, where: string): Params {
  const price = priceOf(ctx, item, where);
  return {
    discountable: true,
    discounts: discounts(item.discounts),
    metadata: mergeMetadata({}, item.metadata),
    // Without `period`, the item covers its phase's items' shared period: "If not set,
    // `period.start.type` defaults to `max_item_period_start` and `period.end.type` defaults to
    // `min_item_period_end`" (https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-phases-add_invoice_items-period).
    period: (item.period as Params | undefined) ?? {
      end: { type: "min_item_period_end" },
      start: { type: "max_item_period_start" },
    },
    price: price.id,
    quantity: item.quantity ?? 1,
    tax_rates: taxRates(ctx, item.tax_rates, `${where}[tax_rates]`),
  };
}

/**
 * Tax rates named by id, as the schedule holds them: whole tax-rate objects ("default_tax_rates:
 * array of objects", https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-phases-default_tax_rates).
 * An id the account does not have is refused, naming it.
 */
function taxRates(ctx: RequestContext, ids: unknown, param: string): Params[] {
  return ((ids as string[] | undefined) ?? []).map(
    (id, k) => need(ctx, "tax_rate", id, `${param}[${k}]`) as Params,
  );
}

/** The plan Stripe still returns beside each item's price, derived from the price. */
function planOf(price: StripeObject): Params {
  const recurring = price.recurring as Params;
  return {
    id: price.id,
    object: "plan",
    active: price.active as boolean,
    amount: price.unit_amount as number | null,
    amount_decimal: price.unit_amount_decimal as string | null,
    billing_scheme: price.billing_scheme as string,
    created: price.created as number,
    currency: price.currency as string,
    interval: recurring.interval,
    interval_count: recurring.interval_count,
    livemode: price.livemode as boolean,
    metadata: price.metadata as Params,
    meter: recurring.meter ?? null,
    nickname: price.nickname as string | null,
    product: price.product as string,
    tiers_mode: price.tiers_mode as string | null,
    transform_usage: null,
    trial_period_days: recurring.trial_period_days ?? null,
    usage_type: recurring.usage_type,
  };
}

/**
 * The subscription a schedule starts, with every field of Stripe's subscription object
 * (https://docs.stripe.com/api/subscriptions/object) from the schedule's first phase.
 */
function subscriptionFor(ctx: RequestContext, schedule: StripeObject): StripeObject {
  const phase = (schedule.phases as Params[])[0];
  const settings = schedule.default_settings as Params;
  const id = newId("sub");
  const now = ctx.clock.now();
  const start = Number(phase.start_date);
  const end = Number(phase.end_date);
  const items = (phase.items as Params[]).map((item) => {
    const price = priceView(need(ctx, "price", String(item.price)));
    return {
      id: newId("si", 14),
      object: "subscription_item",
      billing_thresholds: null,
      created: now,
      current_period_end: end,
      current_period_start: start,
      current_trial: null,
      discounts: [],
      metadata: item.metadata,
      plan: planOf(price),
      price,
      quantity: item.quantity,
      subscription: id,
      tax_rates: item.tax_rates,
    };
  });
  return ctx.store.insert(ctx.scope, {
    id,
    object: "subscription",
    application: null,
    application_fee_percent: phase.application_fee_percent,
    automatic_tax: phase.automatic_tax,
    billing_cycle_anchor: start,
    billing_cycle_anchor_config: null,
    billing_mode: schedule.billing_mode,
    billing_schedules: [],
    billing_thresholds: phase.billing_thresholds,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: phase.collection_method ?? settings.collection_method,
    created: now,
    currency: phase.currency,
    customer: schedule.customer,
    customer_account: null,
    days_until_due: (phase.invoice_settings as Params | null)?.days_until_due ?? null,
    default_payment_method: phase.default_payment_method,
    default_source: null,
    description: phase.description,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: "self" },
    },
    items: { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: ctx.scope.livemode,
    managed_payments: null,
    metadata: {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: phase.on_behalf_of,
    pause_collection: null,
    payment_settings: null,
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: schedule.id,
    start_date: start,
    status: "active",
    test_clock: null,
    transfer_data: phase.transfer_data,
    trial_end: phase.trial_end,
    trial_settings: null,
    trial_start: null,
  });
}

/**
 * Brings a schedule's state up to the clock, as Stripe's own processing would have: the
 * subscription starts with the first phase, and after the last `end_behavior` releases it
 * (`release`, `none`), cancels it (`cancel`) or keeps the last phase running (`renew`).
 * https://docs.stripe.com/api/subscription_schedules/object
 */
function advance(ctx: RequestContext, schedule: StripeObject): StripeObject {
  const now = ctx.clock.now();
  const phases = schedule.phases as Params[];
  if (["canceled", "completed", "released"].includes(String(schedule.status))) return schedule;
  const start = Number(phases[0].start_date);
  const end = Number(phases[phases.length - 1].end_date);
  if (now < start) {
    schedule.status = "not_started";
    schedule.current_phase = null;
    return schedule;
  }
  if (!schedule.subscription) schedule.subscription = subscriptionFor(ctx, schedule).id;
  if (now >= end && schedule.end_behavior !== "renew") {
    if (schedule.end_behavior === "cancel") {
      schedule.status = "completed";
      schedule.completed_at = end;
      const sub = ctx.store.get(ctx.scope, String(schedule.subscription));
      if (sub) Object.assign(sub, { status: "canceled", canceled_at: end, ended_at: end });
    } else {
      release(schedule, end);
    }
    schedule.current_phase = null;
    return schedule;
  }
  schedule.status = "active";
  const current =
    phases.find((p) => Number(p.start_date) <= now && now < Number(p.end_date)) ?? phases[phases.length - 1];
  schedule.current_phase = { end_date: current.end_date, start_date: current.start_date };
  return schedule;
}

function release(schedule: StripeObject, at: number): void {
  schedule.status = "released";
  schedule.released_at = at;
  schedule.released_subscription = schedule.subscription ?? null;
  schedule.subscription = null;
}

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  // https://docs.stripe.com/api/subscription_schedules/create: without `from_subscription`
  // (not emulated), `customer` and `phases` are required.
  if (p.from_subscription !== undefined)
    throw errors.invalid("from_subscription is not supported by this emulator.", "from_subscription");
  if (p.customer === undefined) throw errors.missingParameter("customer");
  if (p.phases === undefined) throw errors.missingParameter("phases");
  const customer = need(ctx, "customer", String(p.customer), "customer");
  const now = ctx.clock.now();
  const start = p.start_date === undefined || p.start_date === "now" ? now : Number(p.start_date);
  const schedule: StripeObject = {
    id: newId("sub_sched"),
    object: "subscription_schedule",
    application: null,
    billing_mode: { flexible: null, type: (p.billing_mode as Params | undefined)?.type ?? "classic" },
    canceled_at: null,
    completed_at: null,
    created: now,
    current_phase: null,
    customer: customer.id,
    customer_account: null,
    default_settings: defaultSettings(
      {
        application_fee_percent: null,
        automatic_tax: automaticTax(undefined),
        billing_cycle_anchor: "automatic",
        billing_thresholds: null,
        collection_method: "charge_automatically",
        default_payment_method: null,
        description: null,
        invoice_settings: invoiceSettings(undefined, { type: "self" }),
        on_behalf_of: null,
        transfer_data: null,
      },
      p.default_settings as Params | undefined,
    ),
    end_behavior: p.end_behavior ?? "release",
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    pause_schedules: [],
    phases: buildPhases(ctx, p.phases as Params[], start),
    released_at: null,
    released_subscription: null,
    status: "not_started",
    subscription: null,
    test_clock: null,
  };
  clearDueDates(schedule, now);
  return advance(ctx, ctx.store.insert(ctx.scope, schedule));
}

/** Default settings with the sent ones applied (`null` where they were unset). */
function defaultSettings(stored: Params, sent: Params | undefined): Params {
  if (!sent) return stored;
  const out = { ...stored };
  for (const [key, value] of Object.entries(sent)) {
    if (key === "automatic_tax") out.automatic_tax = automaticTax(value);
    else if (key === "billing_thresholds") out.billing_thresholds = thresholds(value);
    else if (key === "transfer_data") out.transfer_data = transferData(value);
    else if (key === "invoice_settings") out.invoice_settings = invoiceSettings(value, { type: "self" });
    else out[key] = value;
  }
  return out;
}

/**
 * A due date belongs to sent invoices only: Stripe holds `days_until_due` as null where the
 * schedule, or a phase, charges automatically, and clears it when a change makes it so.
 * https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-default_settings-invoice_settings-days_until_due
 * https://docs.stripe.com/api/subscription_schedules/object#subscription_schedule_object-phases-invoice_settings-days_until_due
 * (the SDK's declarations: "This value will be `null` for subscription schedules where
 * `billing=charge_automatically`"). Phases that have ended stay as they were.
 */
function clearDueDates(schedule: StripeObject, now: number): void {
  const settings = schedule.default_settings as Params;
  const cleared = (invoice: Value | undefined) =>
    invoice ? { ...(invoice as Params), days_until_due: null } : invoice;
  if (settings.collection_method === "charge_automatically")
    settings.invoice_settings = cleared(settings.invoice_settings) as Params;
  for (const phase of schedule.phases as Params[]) {
    if (Number(phase.end_date) <= now) continue;
    const method = phase.collection_method ?? settings.collection_method;
    if (method === "charge_automatically") phase.invoice_settings = cleared(phase.invoice_settings) ?? null;
  }
}

/**
 * Only schedules that have not ended can change, be canceled or released; the running phase
 * keeps its start and ended phases stay as they were.
 * https://docs.stripe.com/billing/subscriptions/subscription-schedules
 */
function assertOpen(schedule: StripeObject): void {
  if (!["not_started", "active"].includes(String(schedule.status))) {
    throw errors.invalid(
      `You cannot update a subscription schedule that is currently in the \`${schedule.status}\` status. It must be in one of the following statuses: \`not_started\`, \`active\`.`,
      undefined,
      "subscription_schedule_invalid_status",
    );
  }
}

function update(ctx: RequestContext, id: string): StripeObject {
  const schedule = advance(ctx, need(ctx, "subscription_schedule", id));
  const p = ctx.params;
  assertOpen(schedule);
  if (p.phases) {
    const sent = p.phases as Params[];
    const old = schedule.phases as Params[];
    const now = ctx.clock.now();
    const running = schedule.current_phase as Params | null;
    const first = sent[0];
    const start =
      first.start_date === undefined || first.start_date === "now" ? undefined : Number(first.start_date);
    const kept = old.filter((phase) => Number(phase.end_date) <= now);
    if (running) {
      if (start !== Number(running.start_date)) {
        throw errors.invalid(
          "The first phase you send must be the current phase, with the `start_date` it already has.",
          "phases[0][start_date]",
        );
      }
    } else if (start !== undefined && schedule.status === "active") {
      throw errors.invalid("Phases that have ended cannot be changed.", "phases[0][start_date]");
    }
    const built = buildPhases(ctx, sent, start ?? Number(old[0].start_date));
    schedule.phases = [...kept, ...built];
  }
  if (p.end_behavior) schedule.end_behavior = p.end_behavior;
  schedule.default_settings = defaultSettings(
    schedule.default_settings as Params,
    p.default_settings as Params | undefined,
  );
  schedule.metadata = mergeMetadata(schedule.metadata as Record<string, string>, p.metadata);
  clearDueDates(schedule, ctx.clock.now());
  return advance(ctx, schedule);
}

function cancel(ctx: RequestContext, id: string): StripeObject {
  const schedule = advance(ctx, need(ctx, "subscription_schedule", id));
  assertOpen(schedule);
  const now = ctx.clock.now();
  schedule.status = "canceled";
  schedule.canceled_at = now;
  schedule.current_phase = null;
  const sub = schedule.subscription ? ctx.store.get(ctx.scope, String(schedule.subscription)) : undefined;
  if (sub) Object.assign(sub, { status: "canceled", canceled_at: now, ended_at: now });
  return schedule;
}

function releaseSchedule(ctx: RequestContext, id: string): StripeObject {
  const schedule = advance(ctx, need(ctx, "subscription_schedule", id));
  assertOpen(schedule);
  release(schedule, ctx.clock.now());
  schedule.current_phase = null;
  const sub = schedule.released_subscription
    ? ctx.store.get(ctx.scope, String(schedule.released_subscription))
    : undefined;
  if (sub) sub.schedule = null;
  return schedule;
}

const present = (ctx: RequestContext, schedule: StripeObject) => advance(ctx, schedule);

export const subscriptionScheduleRoutes: Route[] = [
  { method: "POST", path: "/v1/subscription_schedules", rules: PHASE_RULES, handle: create },
  // https://docs.stripe.com/api/subscription_schedules/list: `scheduled` selects schedules that
  // have not started; the date filters match the schedule's own timestamps.
  listRoute(
    "subscription_schedule",
    "/v1/subscription_schedules",
    {
      equal: ["customer", "customer_account"],
      range: ["created", "canceled_at", "completed_at", "released_at"],
      where: (s, p) => p.scheduled === undefined || (s.status === "not_started") === p.scheduled,
    },
    present,
  ),
  {
    method: "GET",
    path: "/v1/subscription_schedules/{id}",
    handle: retriever("subscription_schedule", present),
  },
  { method: "POST", path: "/v1/subscription_schedules/{id}", rules: PHASE_RULES, handle: update },
  { method: "POST", path: "/v1/subscription_schedules/{id}/cancel", handle: cancel },
  { method: "POST", path: "/v1/subscription_schedules/{id}/release", handle: releaseSchedule },
  { method: "GET", path: "/v1/subscriptions/{id}", handle: retriever("subscription") },
];
