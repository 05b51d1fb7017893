/**
 * Webhook endpoints (`we_`): create, retrieve, update, list and delete. The signing secret is
 * in the create response only; event types are checked against the tables' enum (the SDK's
 * WebhookEndpointCreateParams.EnabledEvent for the pinned version).
 * https://docs.stripe.com/api/webhook_endpoints
 */
import { randomBytes } from "node:crypto";
import { newId } from "../ids";
import { mergeMetadata, type Rules } from "../params";
import type { StripeObject } from "../store";
import { applyUpdate, listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

/** https://docs.stripe.com/api/webhook_endpoints/create: the URL events are posted to. */
const RULES: Rules = { url: { pattern: /^https?:\/\/[^\s/?#]+[^\s]*$/ } };

function create(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const endpoint = ctx.store.insert(ctx.scope, {
    id: newId("we"),
    object: "webhook_endpoint",
    api_version: (p.api_version as string | undefined) ?? null,
    application: null,
    created: ctx.clock.now(),
    description: (p.description as string | null | undefined) ?? null,
    enabled_events: p.enabled_events as string[],
    livemode: ctx.scope.livemode,
    metadata: mergeMetadata({}, p.metadata),
    status: "enabled",
    url: p.url as string,
  });
  // https://docs.stripe.com/api/webhook_endpoints/object#webhook_endpoint_object-secret: "only
  // returned at creation" — answered once, never stored.
  return { ...endpoint, secret: `whsec_${randomBytes(24).toString("base64url").replace(/[-_]/g, "")}` };
}

function update(ctx: RequestContext, id: string): StripeObject {
  const endpoint = need(ctx, "webhook_endpoint", id);
  const { disabled, ...rest } = ctx.params;
  if (disabled !== undefined) endpoint.status = disabled ? "disabled" : "enabled";
  return applyUpdate(ctx, endpoint, rest);
}

function remove(ctx: RequestContext, id: string): StripeObject {
  need(ctx, "webhook_endpoint", id);
  ctx.store.remove(id, ctx.scope);
  return { id, object: "webhook_endpoint", deleted: true };
}

export const webhookEndpointRoutes: Route[] = [
  { method: "POST", path: "/v1/webhook_endpoints", rules: RULES, handle: create },
  listRoute("webhook_endpoint", "/v1/webhook_endpoints"),
  { method: "GET", path: "/v1/webhook_endpoints/{id}", handle: retriever("webhook_endpoint") },
  { method: "POST", path: "/v1/webhook_endpoints/{id}", rules: RULES, handle: update },
  { method: "DELETE", path: "/v1/webhook_endpoints/{id}", handle: remove },
];
