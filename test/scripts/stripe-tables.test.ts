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
import { declarations } from "../../provider/resources";
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
    for (const [endpoint, tree] of Object.entries(STRIPE_PARAMS))
      expect(tree).toEqual(params.endpoints[endpoint].params);
  });

  it("record each response enum's values, open where the SDK lets a later version add some", () => {
    const schedule = objects.objects.subscription_schedule as any;
    const phase = schedule.fields.phases.items.fields;
    expect(phase.add_invoice_items.items.fields.period.fields.end.fields.type).toEqual({
      type: "enum",
      values: ["min_item_period_end", "phase_end", "timestamp"],
      open: true,
    });
    expect((objects.objects.shipping_rate as any).fields.type).toEqual({
      type: "enum",
      values: ["fixed_amount"],
    });
    const create = params.endpoints["POST /v1/shipping_rates"].params.fields as any;
    expect(create.tax_behavior).toEqual({ type: "enum", values: ["exclusive", "inclusive", "unspecified"] });
  });
});

describe("Stripe tables cover the declarations", () => {
  const decls = Object.values(declarations);
  const sdk = path.join(root, "node_modules/stripe/cjs/resources");
  /** Every request the SDK's resources make: `METHOD /v1/...` with `{}` for interpolations. */
  const sdkRequests = (fs.readdirSync(sdk, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".js"))
    .flatMap((f) =>
      [
        ...fs.readFileSync(path.join(sdk, f), "utf8").matchAll(/_makeRequest\('(\w+)', ['`]([^'`]+)['`]/g),
      ].map((m) => `${m[1]} ${m[2].replace(/\$\{[^}]+\}/g, "{}")}`),
    );
  const generic = (endpoint: string) => endpoint.replace(/\{\w+\}/g, "{}");
  const tabled = new Set(Object.keys(params.endpoints).map(generic));
  const written = new Set(Object.keys(STRIPE_PARAMS).map(generic));
  /** The source of every resource declaration. */
  const sources = fs
    .readdirSync(path.join(root, "provider/resources"))
    .map((f) => fs.readFileSync(path.join(root, "provider/resources", f), "utf8"));

  it("hold every endpoint the SDK has at or under each declaration's path", () => {
    for (const d of decls) {
      const at = generic(d.path);
      const own = sdkRequests.filter((r) => r.split(" ")[1] === at || r.split(" ")[1].startsWith(`${at}/`));
      expect(own).toContain(`POST ${at}`);
      for (const request of own)
        expect([d.type, request, tabled.has(request)]).toEqual([d.type, request, true]);
    }
  });

  it("give the provider every endpoint it writes to, and none it does not", () => {
    for (const d of decls) {
      const at = generic(d.path);
      expect([d.type, written.has(`POST ${at}`)]).toEqual([d.type, true]);
      if (tabled.has(`POST ${at}/{}`)) expect([d.type, written.has(`POST ${at}/{}`)]).toEqual([d.type, true]);
    }
    // Actions (`ctx.api.action(id, "cancel")`) post to `{path}/{id}/{action}` of some declaration.
    const actions = sources.flatMap((s) => [...s.matchAll(/\.action\(\w+, "(\w+)"/g)].map((m) => m[1]));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions)
      expect(decls.filter((d) => written.has(`POST ${generic(d.path)}/{}/${action}`))).not.toHaveLength(0);
    // Direct posts (`ctx.api.post(`/v1/products/${id}`, ...)`).
    const posts = sources.flatMap((s) => [...s.matchAll(/\.post\(`(\/v1\/[^`]+)`/g)].map((m) => m[1]));
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(written).toContain(`POST ${post.replace(/\$\{[^}]+\}/g, "{}")}`);
    // Nothing beyond the declarations' own paths: no customer or subscription trees.
    for (const endpoint of written)
      expect(decls.some((d) => generic(endpoint.split(" ")[1]).startsWith(generic(d.path)))).toBe(true);
  });
});
