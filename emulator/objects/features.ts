/**
 * Entitlement features (`feat_`) and their attachments to products (`prodft_`).
 * https://docs.stripe.com/api/entitlements/feature, https://docs.stripe.com/api/product-feature
 *
 * - A lookup key is "a unique key you provide as your own system identifier": it belongs to one
 *   active feature at a time. Archiving (`active: false`) is permanent — the update endpoint
 *   changes "a feature's metadata or permanently deactivate[s] it", and an inactive feature
 *   "cannot be attached to new products and will not be returned from the features list
 *   endpoint" (https://docs.stripe.com/api/entitlements/feature/update). Its lookup key is then
 *   free for a new feature: Stripe's reference does not say so in as many words; Alchemy's
 *   Stripe provider documents it (https://alchemy.run/providers/stripe/entitlementsfeature).
 * - The list leaves archived features out unless `archived=true` asks for them.
 * - A feature is attached to a product once; detaching deletes the attachment
 *   (https://docs.stripe.com/api/product-feature/delete).
 */
import { errors } from "../errors";
import { newId } from "../ids";
import { LIST_RULES, listPage } from "../list";
import { mergeMetadata, type Rules } from "../params";
import type { StripeObject } from "../store";
import { listRoute, need, retriever } from "./crud";
import type { RequestContext, Route } from "./types";

const FEATURE = "entitlements.feature";
const ATTACHMENT = "product_feature";

/** https://docs.stripe.com/api/entitlements/feature/create: a lookup key of at most 80 characters. */
const RULES: Rules = { lookup_key: { maxLength: 80 }, name: { maxLength: 80 } };

function createFeature(ctx: RequestContext): StripeObject {
  const p = ctx.params;
  const holder = ctx.store
    .all(ctx.scope, FEATURE)
    .find((f) => f.active === true && f.lookup_key === p.lookup_key);
  if (holder) {
    throw errors.invalid(
      `A feature (\`${holder.id}\`) already uses the lookup key '${String(p.lookup_key)}'.`,
      "lookup_key",
      "resource_already_exists",
    );
  }
  return ctx.store.insert(ctx.scope, {
    id: newId("feat_test"),
    object: FEATURE,
    active: true,
    livemode: ctx.scope.livemode,
    lookup_key: p.lookup_key as string,
    metadata: mergeMetadata({}, p.metadata),
    name: p.name as string,
  });
}

function updateFeature(ctx: RequestContext, id: string): StripeObject {
  const feature = need(ctx, FEATURE, id);
  const p = ctx.params;
  if (feature.active === false) {
    // Archiving is permanent: https://docs.stripe.com/api/entitlements/feature/update
    throw errors.invalid(`The feature ${feature.id} is archived and cannot be changed.`, "active");
  }
  if (p.active === true) return feature;
  if (p.active === false) feature.active = false;
  if (p.name !== undefined) feature.name = p.name;
  feature.metadata = mergeMetadata(feature.metadata as Record<string, string>, p.metadata);
  return feature;
}

function attach(ctx: RequestContext, productId: string): StripeObject {
  const product = need(ctx, "product", productId);
  const featureId = String(ctx.params.entitlement_feature);
  const feature = need(ctx, FEATURE, featureId, "entitlement_feature");
  if (feature.active === false) {
    throw errors.invalid(
      `The feature ${feature.id} is archived and cannot be attached to a product.`,
      "entitlement_feature",
    );
  }
  if (attachments(ctx, product.id).some((a) => a.entitlement_feature === feature.id)) {
    throw errors.invalid(
      `The feature ${feature.id} is already attached to the product ${product.id}.`,
      "entitlement_feature",
      "resource_already_exists",
    );
  }
  // Stored with its product, which Stripe's object does not carry (its path says it).
  const attachment = ctx.store.insert(ctx.scope, {
    id: newId("prodft"),
    object: ATTACHMENT,
    entitlement_feature: feature.id,
    livemode: ctx.scope.livemode,
    product: product.id,
  });
  return present(ctx, attachment);
}

function attachments(ctx: RequestContext, productId: string): StripeObject[] {
  return ctx.store.all(ctx.scope, ATTACHMENT).filter((a) => a.product === productId);
}

/** The attachment as Stripe returns it: its feature in full, its product left to the path. */
function present(ctx: RequestContext, attachment: StripeObject): StripeObject {
  const { product: _product, ...rest } = attachment;
  const feature = ctx.store.get(ctx.scope, String(attachment.entitlement_feature), FEATURE);
  return { ...rest, entitlement_feature: feature ?? attachment.entitlement_feature } as StripeObject;
}

function attachmentOf(ctx: RequestContext, productId: string, id: string): StripeObject {
  need(ctx, "product", productId, "product");
  const found = ctx.store.get(ctx.scope, id, ATTACHMENT);
  if (!found || found.product !== productId) throw errors.missing(ATTACHMENT, id);
  return found;
}

function detach(ctx: RequestContext, productId: string, id: string) {
  const found = attachmentOf(ctx, productId, id);
  ctx.store.remove(found.id);
  return { id: found.id, object: ATTACHMENT, deleted: true };
}

export const featureRoutes: Route[] = [
  { method: "POST", path: "/v1/entitlements/features", rules: RULES, handle: createFeature },
  listRoute(FEATURE, "/v1/entitlements/features", {
    equal: ["lookup_key"],
    where: (f, p) => f.active === (p.archived !== true),
  }),
  { method: "GET", path: "/v1/entitlements/features/{id}", handle: retriever(FEATURE) },
  {
    method: "POST",
    path: "/v1/entitlements/features/{id}",
    rules: { name: { maxLength: 80 } },
    handle: updateFeature,
  },
  { method: "POST", path: "/v1/products/{id}/features", handle: attach },
  {
    method: "GET",
    path: "/v1/products/{id}/features",
    rules: LIST_RULES,
    handle: (ctx, productId) => {
      need(ctx, "product", productId);
      const items = attachments(ctx, productId).map((a) => present(ctx, a));
      return listPage(ctx.path, items, ctx.params);
    },
  },
  {
    method: "GET",
    path: "/v1/products/{productId}/features/{id}",
    handle: (ctx, productId, id) => present(ctx, attachmentOf(ctx, productId, id)),
  },
  { method: "DELETE", path: "/v1/products/{productId}/features/{id}", handle: detach },
];
