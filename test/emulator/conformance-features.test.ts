/**
 * Entitlement features and their attachments to products through the official Stripe SDK
 * against the emulator: create, retrieve, update, archive, list (with `archived` and
 * `lookup_key`), attach, list a product's features, detach, and refusals as typed errors.
 * Responses carry the keys of Stripe's own samples.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Stripe from "stripe";
import { useEmulatorWithSdk } from "./support";

const t = useEmulatorWithSdk();

const sampleKeys = (name: string) =>
  Object.keys(JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", `${name}.json`), "utf8"))).sort();

describe("entitlement features through the official SDK", () => {
  it("creates, retrieves, updates, archives and lists by lookup key and archive status", async () => {
    const sso = await t.sdk.entitlements.features.create({
      lookup_key: "sso",
      name: "SSO",
      metadata: { a: "1" },
    });
    expect(sso.id).toMatch(/^feat_test_/);
    expect(Object.keys(sso).sort()).toEqual(sampleKeys("entitlements.feature"));
    expect((await t.sdk.entitlements.features.retrieve(sso.id)).lookup_key).toBe("sso");
    const renamed = await t.sdk.entitlements.features.update(sso.id, {
      name: "Single sign-on",
      metadata: { a: "" },
    });
    expect(renamed).toMatchObject({ name: "Single sign-on", metadata: {} });
    const api = await t.sdk.entitlements.features.create({ lookup_key: "api", name: "API" });

    const ids = async (params: Stripe.Entitlements.FeatureListParams = {}) =>
      (await t.sdk.entitlements.features.list(params)).data.map((f) => f.id);
    expect(await ids({ lookup_key: "sso" })).toEqual([sso.id]);
    expect((await t.sdk.entitlements.features.update(sso.id, { active: false })).active).toBe(false);
    expect(await ids()).toEqual([api.id]);
    expect(await ids({ archived: true })).toEqual([sso.id]);

    // Archived for good, and its lookup key free again.
    const frozen = await t.sdk.entitlements.features.update(sso.id, { active: true }).catch((e) => e);
    expect(frozen).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const again = await t.sdk.entitlements.features.create({ lookup_key: "sso", name: "SSO" });
    expect(again.id).not.toBe(sso.id);
  });

  it("refuses a lookup key an active feature holds", async () => {
    await t.sdk.entitlements.features.create({ lookup_key: "sso", name: "SSO" });
    const taken = await t.sdk.entitlements.features
      .create({ lookup_key: "sso", name: "SSO" })
      .catch((e) => e);
    expect(taken).toMatchObject({ param: "lookup_key", statusCode: 400 });
  });
});

describe("product features through the official SDK", () => {
  it("attaches, retrieves, lists and detaches a product's features", async () => {
    const product = await t.sdk.products.create({ id: "pro", name: "Pro" });
    const sso = await t.sdk.entitlements.features.create({ lookup_key: "sso", name: "SSO" });
    const attached = await t.sdk.products.createFeature(product.id, { entitlement_feature: sso.id });
    expect(attached.id).toMatch(/^prodft_/);
    expect(Object.keys(attached).sort()).toEqual(sampleKeys("product_feature"));
    expect(attached.entitlement_feature).toMatchObject({ id: sso.id, lookup_key: "sso" });
    expect((await t.sdk.products.retrieveFeature(product.id, attached.id)).id).toBe(attached.id);
    expect((await t.sdk.products.listFeatures(product.id)).data.map((a) => a.id)).toEqual([attached.id]);

    const twice = await t.sdk.products
      .createFeature(product.id, { entitlement_feature: sso.id })
      .catch((e) => e);
    expect(twice).toMatchObject({ param: "entitlement_feature", statusCode: 400 });

    expect(await t.sdk.products.deleteFeature(product.id, attached.id)).toEqual({
      id: attached.id,
      object: "product_feature",
      deleted: true,
    });
    expect((await t.sdk.products.listFeatures(product.id)).data).toEqual([]);
    const gone = await t.sdk.products.retrieveFeature(product.id, attached.id).catch((e) => e);
    expect(gone).toMatchObject({ code: "resource_missing", statusCode: 404 });
  });

  it("refuses an archived feature and an unknown one", async () => {
    await t.sdk.products.create({ id: "pro", name: "Pro" });
    const sso = await t.sdk.entitlements.features.create({ lookup_key: "sso", name: "SSO" });
    await t.sdk.entitlements.features.update(sso.id, { active: false });
    const archived = await t.sdk.products
      .createFeature("pro", { entitlement_feature: sso.id })
      .catch((e) => e);
    expect(archived).toMatchObject({ param: "entitlement_feature", statusCode: 400 });
    const unknown = await t.sdk.products
      .createFeature("pro", { entitlement_feature: "feat_nope" })
      .catch((e) => e);
    expect(unknown).toMatchObject({ code: "resource_missing", param: "entitlement_feature" });
  });
});
