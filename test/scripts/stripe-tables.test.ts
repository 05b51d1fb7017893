/**
 * The tables generated from the Stripe SDK's types: one API version everywhere, and the
 * committed files equal a fresh generation from the installed SDK.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Stripe from "stripe";
import { objects, params, STRIPE_API_VERSION } from "../../emulator/tables";
import { PINNED_API_VERSION } from "../../provider/stripe/settings";
import { STRIPE_PARAMS, STRIPE_PARAMS_API_VERSION } from "../../provider/stripe/stripe-params";
import { renderTables } from "../../scripts/stripe-tables";

const root = path.join(__dirname, "../..");

describe("Stripe tables", () => {
  it("agree on one API version: the SDK's, the client's pinned one and the tables'", () => {
    expect(Stripe.API_VERSION).toBe(PINNED_API_VERSION);
    expect(STRIPE_API_VERSION).toBe(PINNED_API_VERSION);
    expect(objects.apiVersion).toBe(PINNED_API_VERSION);
    expect(STRIPE_PARAMS_API_VERSION).toBe(PINNED_API_VERSION);
  });

  it("come from the exactly pinned SDK", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    const installed = JSON.parse(
      fs.readFileSync(path.join(root, "node_modules/stripe/package.json"), "utf8"),
    );
    expect(pkg.devDependencies.stripe).toBe(installed.version);
    expect(params.sdkVersion).toBe(installed.version);
    expect(objects.sdkVersion).toBe(installed.version);
  });

  it("are not stale against the installed SDK (else run `npm run stripe-tables`)", () => {
    const fresh = renderTables(root);
    // Every committed table is regenerated: an empty generation must not pass as fresh.
    expect(Object.keys(fresh).sort()).toEqual([
      "emulator/tables/objects.json",
      "emulator/tables/params.json",
      "provider/stripe/stripe-params.ts",
    ]);
    const stale = Object.entries(fresh)
      .filter(([file, text]) => fs.readFileSync(path.join(root, file), "utf8") !== text)
      .map(([file]) => `${file} is stale: run \`npm run stripe-tables\``);
    expect(stale).toEqual([]);
  }, 60_000);

  it("record what the types say: emptyable, required, enums, unions, maps", () => {
    const update = params.endpoints["POST /v1/shipping_rates/{id}"].params.fields;
    const fixed = update.fixed_amount as any;
    expect(fixed.fields.currency_options.type).toBe("map");
    expect(fixed.fields.currency_options.emptyable).toBeUndefined();
    expect(fixed.fields.currency_options.values.fields.amount).toEqual({ type: "integer" });
    expect(update.metadata).toEqual({
      type: "map",
      values: { type: "string", emptyable: true },
      emptyable: true,
    });
    const create = params.endpoints["POST /v1/shipping_rates"].params.fields;
    expect(create.display_name).toEqual({ type: "string", required: true });
    expect((create.delivery_estimate as any).fields.minimum.emptyable).toBeUndefined();
    const registration = params.endpoints["POST /v1/tax/registrations"].params.fields;
    expect(registration.active_from).toEqual({
      type: "union",
      anyOf: [{ type: "enum", values: ["now"] }, { type: "integer" }],
      required: true,
    });
    const listSchedules = params.endpoints["GET /v1/subscription_schedules"].params.fields;
    expect(Object.keys(listSchedules)).toEqual(expect.arrayContaining(["scheduled", "released_at", "limit"]));
    expect(params.endpoints["POST /v1/subscription_schedules/{id}/release"].returns).toBe(
      "subscription_schedule",
    );
    expect(params.endpoints["GET /v1/shipping_rates"].list).toBe(true);
  });

  it("record each object's keys with nullable and optional", () => {
    const portal = objects.objects["billing_portal.configuration"] as any;
    const cancel = portal.fields.features.fields.subscription_cancel.fields;
    expect(cancel.cancellation_reason.fields.feedback_options.nullable).toBe(true);
    const rate = objects.objects.shipping_rate as any;
    expect(rate.fields.fixed_amount.optional).toBe(true);
    expect(rate.fields.tax_code.nullable).toBe(true);
    expect(objects.deleted.customer).toBeDefined();
  });

  it("give the provider the same trees for the endpoints it writes to", () => {
    const writes = Object.values(params.endpoints).filter((e) => e.method === "POST");
    expect(Object.keys(STRIPE_PARAMS).sort()).toEqual(writes.map((e) => `POST ${e.path}`).sort());
    for (const e of writes) expect(STRIPE_PARAMS[`POST ${e.path}`]).toEqual(e.params);
  });
});
