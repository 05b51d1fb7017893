/**
 * Subscription schedules (`sub_sched_`) and the subscriptions they manage. The schedule's
 * state follows the emulator's clock — not_started, then active (its subscription is created),
 * then at the end of the last phase released or completed as `end_behavior` says — and the
 * cancel and release endpoints end it early. Phases that have ended cannot be changed, and the
 * running phase keeps its start.
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { LIST_PARAMS, listPage } from "../list";
import { mergeMetadata, validate, type Params, type Spec } from "../params";
import type { StripeObject } from "../store";
import { insertPrice, need } from "./catalog";
import type { RequestContext, Route } from "./types";

const INTERVALS = ["day", "week", "month", "year"];
const PRORATION = ["always_invoice", "create_prorations", "none"];
const COLLECTION = ["charge_automatically", "send_invoice"];
const EXPAND: Spec = { kind: "expand" };
const DURATION: Spec = {
  kind: "object",
  fields: {
    interval: { kind: "string", required: true, enum: INTERVALS },
    interval_count: { kind: "integer", min: 1 },
  },
};
const ITEM: Spec = {
  kind: "object",
  fields: {
    price: { kind: "string" },
    price_data: {
      kind: "object",
      fields: {
        currency: { kind: "string", required: true, pattern: /^[a-z]{3}$/ },
        product: { kind: "string", required: true },
        recurring: { ...DURATION, required: true },
        unit_amount: { kind: "integer", min: 0 },
        tax_behavior: { kind: "string", enum: ["inclusive", "exclusive", "unspecified"] },
      },
    },
    quantity: { kind: "integer", min: 0 },
    metadata: { kind: "metadata" },
    tax_rates: { kind: "array", items: { kind: "string" } },
    discounts: {
      kind: "array",
      items: {
        kind: "object",
        fields: {
          coupon: { kind: "string" },
          promotion_code: { kind: "string" },
          discount: { kind: "string" },
        },
      },
    },
  },
};
const PHASE: Spec = {
  kind: "object",
  fields: {
    items: { kind: "array", items: ITEM, required: true, maxItems: 20 },
    duration: DURATION,
    end_date: { kind: "timestamp", allowNow: true },
    start_date: { kind: "timestamp", allowNow: true },
    trial: { kind: "boolean" },
    trial_end: { kind: "timestamp", allowNow: true },
    proration_behavior: { kind: "string", enum: PRORATION },
    collection_method: { kind: "string", enum: COLLECTION },
    default_tax_rates: { kind: "array", items: { kind: "string" } },
    description: { kind: "string" },
    currency: { kind: "string", pattern: /^[a-z]{3}$/ },
    metadata: { kind: "metadata" },
  },
};
const DEFAULT_SETTINGS: Spec = {
  kind: "object",
  fields: {
    collection_method: { kind: "string", enum: COLLECTION },
    billing_cycle_anchor: { kind: "string", enum: ["automatic", "phase_start"] },
    description: { kind: "string" },
    default_payment_method: { kind: "string" },
    invoice_settings: { kind: "object", fields: { days_until_due: { kind: "integer", min: 0 } } },
  },
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

/** Builds Stripe's phase objects from parameters, resolving prices, dates and contiguity. */
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
      if ((item.price === undefined) === (item.price_data === undefined)) {
        throw errors.invalid("You must specify exactly one of `price` and `price_data`.", `${where}[price]`);
      }
      const price = item.price_data
        ? insertPrice(ctx, item.price_data as Params, `${where}[price_data]`)
        : need(ctx, "price", String(item.price), `${where}[price]`);
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
        tax_rates: (item.tax_rates as string[] | undefined) ?? [],
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
      add_invoice_items: [],
      application_fee_percent: null,
      billing_cycle_anchor: null,
      billing_thresholds: null,
      collection_method: phase.collection_method ?? null,
      currency: phase.currency ?? items[0]._currency,
      default_payment_method: null,
      default_tax_rates: phase.default_tax_rates ?? [],
      description: phase.description ?? null,
      discounts: [],
      end_date: end,
      invoice_settings: null,
      items: items.map(({ _recurring: _r, _currency: _c, ...item }) => item),
      metadata: mergeMetadata({}, phase.metadata),
      on_behalf_of: null,
      proration_behavior: phase.proration_behavior ?? "create_prorations",
      start_date: phaseStart,
      transfer_data: null,
      trial_end: phase.trial_end === "now" ? now : (phase.trial_end ?? null),
    };
  });
}

function subscriptionFor(ctx: RequestContext, schedule: StripeObject): StripeObject {
  const phase = (schedule.phases as Params[])[0];
  return ctx.store.insert(ctx.scope, {
    id: newId("sub"),
    object: "subscription",
    customer: schedule.customer,
    schedule: schedule.id,
    status: "active",
    created: ctx.clock.now(),
    canceled_at: null,
    ended_at: null,
    items: {
      object: "list",
      data: (phase.items as Params[]).map((item) => ({
        id: newId("si", 14),
        object: "subscription_item",
        price: item.price,
        quantity: item.quantity,
      })),
      has_more: false,
      url: "/v1/subscription_items",
    },
    livemode: ctx.scope.livemode,
    metadata: {},
  });
}

/** Brings a schedule's state up to the clock, as Stripe's own processing would have. */
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
  const p = validate(ctx.params, {
    customer: { kind: "string", required: true },
    start_date: { kind: "timestamp", allowNow: true },
    end_behavior: { kind: "string", enum: ["cancel", "none", "release", "renew"] },
    phases: { kind: "array", items: PHASE, required: true },
    default_settings: DEFAULT_SETTINGS,
    billing_mode: {
      kind: "object",
      fields: { type: { kind: "string", required: true, enum: ["classic", "flexible"] } },
    },
    metadata: { kind: "metadata" },
    expand: EXPAND,
  });
  const customer = need(ctx, "customer", String(p.customer), "customer");
  const now = ctx.clock.now();
  const start = p.start_date === undefined || p.start_date === "now" ? now : Number(p.start_date);
  const settings = (p.default_settings as Params | undefined) ?? {};
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
    default_settings: {
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: settings.billing_cycle_anchor ?? "automatic",
      billing_thresholds: null,
      collection_method: settings.collection_method ?? "charge_automatically",
      default_payment_method: settings.default_payment_method ?? null,
      description: settings.description ?? null,
      invoice_settings: {
        account_tax_ids: null,
        days_until_due: (settings.invoice_settings as Params | undefined)?.days_until_due ?? null,
        issuer: { type: "self" },
      },
      on_behalf_of: null,
      transfer_data: null,
    },
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
  return advance(ctx, ctx.store.insert(ctx.scope, schedule));
}

function retrieve(ctx: RequestContext, id: string): StripeObject {
  validate(ctx.params, { expand: EXPAND });
  return advance(ctx, need(ctx, "subscription_schedule", id));
}

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
  const p = validate(ctx.params, {
    end_behavior: { kind: "string", enum: ["cancel", "none", "release", "renew"] },
    phases: { kind: "array", items: PHASE },
    default_settings: DEFAULT_SETTINGS,
    metadata: { kind: "metadata" },
    proration_behavior: { kind: "string", enum: PRORATION },
    expand: EXPAND,
  });
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
  if (p.default_settings) {
    const ds = p.default_settings as Params;
    const stored = schedule.default_settings as Params;
    for (const key of [
      "collection_method",
      "billing_cycle_anchor",
      "description",
      "default_payment_method",
    ]) {
      if (ds[key] !== undefined) stored[key] = ds[key];
    }
  }
  schedule.metadata = mergeMetadata(schedule.metadata as Record<string, string>, p.metadata);
  return advance(ctx, schedule);
}

function cancel(ctx: RequestContext, id: string): StripeObject {
  const schedule = advance(ctx, need(ctx, "subscription_schedule", id));
  validate(ctx.params, { invoice_now: { kind: "boolean" }, prorate: { kind: "boolean" }, expand: EXPAND });
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
  validate(ctx.params, { preserve_cancel_date: { kind: "boolean" }, expand: EXPAND });
  assertOpen(schedule);
  release(schedule, ctx.clock.now());
  schedule.current_phase = null;
  const sub = schedule.released_subscription
    ? ctx.store.get(ctx.scope, String(schedule.released_subscription))
    : undefined;
  if (sub) sub.schedule = null;
  return schedule;
}

function list(ctx: RequestContext) {
  const p = validate(ctx.params, { ...LIST_PARAMS, customer: { kind: "string" } });
  const items = ctx.store
    .all(ctx.scope, "subscription_schedule")
    .filter((s) => p.customer === undefined || s.customer === p.customer)
    .map((s) => advance(ctx, s));
  return listPage("/v1/subscription_schedules", items, p);
}

export const subscriptionScheduleRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/subscription_schedules$/, handle: create },
  { method: "GET", pattern: /^\/v1\/subscription_schedules$/, handle: list },
  { method: "GET", pattern: /^\/v1\/subscription_schedules\/([^/]+)$/, handle: retrieve },
  { method: "POST", pattern: /^\/v1\/subscription_schedules\/([^/]+)$/, handle: update },
  { method: "POST", pattern: /^\/v1\/subscription_schedules\/([^/]+)\/cancel$/, handle: cancel },
  { method: "POST", pattern: /^\/v1\/subscription_schedules\/([^/]+)\/release$/, handle: releaseSchedule },
  {
    method: "GET",
    pattern: /^\/v1\/subscriptions\/([^/]+)$/,
    handle: (ctx, id) => {
      validate(ctx.params, { expand: EXPAND });
      return need(ctx, "subscription", id);
    },
  },
];
