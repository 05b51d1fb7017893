/**
 * Billing meters (`mtr_`): create, retrieve, update (the display name only), list (by status),
 * deactivate and reactivate. Stripe never deletes a meter.
 * https://docs.stripe.com/api/billing/meter
 *
 * - An event name belongs to one meter: usage events are matched to a meter by it
 *   (https://docs.stripe.com/api/billing/meter/create#create_billing_meter-event_name), and a
 *   deactivated meter keeps its name, so a second meter for the same name is refused while the
 *   first exists, active or not (Stripe's reference does not say so of deactivated meters;
 *   Alchemy's Stripe provider documents it: https://alchemy.run/providers/stripe/billingmeter).
 * - A deactivated meter accepts no events and cannot be attached to a price; reactivating it
 *   undoes that (https://docs.stripe.com/api/billing/meter/deactivate,
 *   https://docs.stripe.com/api/billing/meter/reactivate).
 */
import { errors } from "../errors";
import { newId } from "../ids";
import type { Params, Rules } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

const OBJECT = "billing.meter";

/** https://docs.stripe.com/api/billing/meter/create: names of at most 100 characters. */
const CREATE_RULES: Rules = {
  event_name: { maxLength: 100 },
  display_name: { maxLength: 250 },
};

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const holder = ctx.store.all(ctx.scope, OBJECT).find((m) => m.event_name === p.event_name);
  if (holder) {
    throw errors.invalid(
      `A meter (\`${String(holder.id)}\`, ${String(holder.status)}) already uses the event name '${String(p.event_name)}'.`,
      "event_name",
      "resource_already_exists",
    );
  }
  const mapping = p.customer_mapping as Params | undefined;
  const value = p.value_settings as Params | undefined;
  const now = ctx.clock.now();
  return ctx.store.insert(ctx.scope, {
    id: newId("mtr"),
    object: OBJECT,
    created: now,
    customer_mapping: {
      event_payload_key: mapping?.event_payload_key ?? "stripe_customer_id",
      type: mapping?.type ?? "by_id",
    },
    default_aggregation: { formula: (p.default_aggregation as Params).formula },
    display_name: p.display_name as string,
    event_name: p.event_name as string,
    event_time_window: p.event_time_window ?? null,
    livemode: ctx.scope.livemode,
    status: "active",
    status_transitions: { deactivated_at: null },
    updated: now,
    value_settings: { event_payload_key: value?.event_payload_key ?? "value" },
  });
}

function update(ctx: RequestContext, id: string): StripeObject {
  const meter = need(ctx, OBJECT, id);
  if (ctx.params.display_name !== undefined) {
    meter.display_name = ctx.params.display_name;
    meter.updated = ctx.clock.now();
  }
  return meter;
}

function setStatus(status: "active" | "inactive") {
  return (ctx: RequestContext, id: string): StripeObject => {
    const meter = need(ctx, OBJECT, id);
    if (meter.status !== status) {
      meter.status = status;
      meter.status_transitions = { deactivated_at: status === "inactive" ? ctx.clock.now() : null };
      meter.updated = ctx.clock.now();
    }
    return meter;
  };
}

export const meterRoutes: Route[] = [
  { method: "POST", path: "/v1/billing/meters", rules: CREATE_RULES, handle: create },
  listRoute(OBJECT, "/v1/billing/meters", { equal: ["status"] }),
  { method: "GET", path: "/v1/billing/meters/{id}", handle: retriever(OBJECT) },
  {
    method: "POST",
    path: "/v1/billing/meters/{id}",
    rules: { display_name: { maxLength: 250 } },
    handle: update,
  },
  { method: "POST", path: "/v1/billing/meters/{id}/deactivate", handle: setStatus("inactive") },
  { method: "POST", path: "/v1/billing/meters/{id}/reactivate", handle: setStatus("active") },
];
