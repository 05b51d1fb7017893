/**
 * examples/yaml-program, a Pulumi YAML program, through plain `pulumi` commands as a user types
 * them (no Automation API): the CLI runs the program with its YAML language host, and every
 * `stripe-billing:index:*` resource, the BillingSetup component included, is served by the
 * provider plugin built from this checkout. Against the emulator, with a file backend:
 * up, exactly-once across processes, secrets, field-level diffs, refresh, import, destroy.
 * Run with `npm run test:e2e` (node's test runner, on the compiled suite).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { parse, parseDocument } from "yaml";
import { startEmulator, type Emulator } from "../../emulator";
import { collectionPath } from "../../provider/engine/declaration";
import type { Plain, PlainObject } from "../../provider/engine/values";
import { declarations } from "../../provider/resources";
import { loadBillingSpec } from "../../provider/spec";
import { setPath } from "../../provider/spec/validate";
import { REPO_ROOT } from "../../scripts/local-stack";
import { liveKey } from "../support/keys";
import { assertHolds, stripeShape } from "../support/stripe-shape";
import { yamlProject, type YamlProject } from "../support/yaml-cli";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-program");
const PROJECT = "billing-yaml";
const STACK = "dev";
const KEY = "sk_test_e2eyamlprogram4b8e2c";
const TYPE_PREFIX = "stripe-billing:index:";

/** A resource as `pulumi stack export` holds it. */
interface StateResource {
  urn: string;
  type: string;
  id?: string;
  parent?: string;
  inputs?: PlainObject;
  outputs?: PlainObject;
  protect?: boolean;
}

type Ids = Record<string, Record<string, string>>;

const nameOf = (urn: string) => urn.split("::").pop()!;
const typeOf = (r: StateResource) => r.type.slice(TYPE_PREFIX.length);

/** `${name.id}` in a program's property values, replaced by that resource's id. */
function resolveIds(value: Plain, idOf: (name: string) => string): Plain {
  if (Array.isArray(value)) return value.map((v) => resolveIds(v, idOf));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveIds(v, idOf)]));
  const ref = typeof value === "string" ? /^\$\{([\w-]+)\.id\}$/.exec(value) : null;
  return ref ? idOf(ref[1]) : value;
}

/** What each declaration's destroy leaves of its object in Stripe. */
const DESTROYED: Record<string, "deleted" | Record<string, unknown>> = {
  Coupon: "deleted",
  WebhookEndpoint: "deleted",
  ProductFeature: "deleted",
  // Every product of the program has prices: archived, not deleted.
  Product: { active: false },
  Price: { active: false },
  ShippingRate: { active: false },
  PromotionCode: { active: false },
  TaxRate: { active: false },
  Feature: { active: false },
  PortalConfiguration: { active: false },
  Meter: { status: "inactive" },
  TaxRegistration: { status: "expired" },
};

describe("examples/yaml-program with plain pulumi commands", () => {
  let emulator: Emulator;
  let project: YamlProject;
  const file = (name: string) => path.join(project.dir, name);

  const stripe = async (method: string, url: string, params?: Record<string, string>) => {
    const res = await fetch(`${emulator.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${KEY}`, "content-type": "application/x-www-form-urlencoded" },
      body: params && new URLSearchParams(params),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  /** An out-of-band write, as a person makes it in the Dashboard: it must succeed. */
  const write = async (method: "POST" | "DELETE", url: string, params?: Record<string, string>) => {
    const { status, body } = await stripe(method, url, params);
    assert.equal(status, 200, `${method} ${url}: ${JSON.stringify(body)}`);
    return body;
  };

  const state = async (): Promise<StateResource[]> =>
    JSON.parse((await project.run(["stack", "export"])).stdout).deployment.resources ?? [];
  const stripeResources = async () =>
    (await state()).filter((r) => r.type.startsWith(TYPE_PREFIX) && typeOf(r) !== "BillingSetup");
  const outputs = async (showSecrets = false) =>
    JSON.parse(
      (await project.run(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])])).stdout,
    ) as Record<string, any>;
  const program = () =>
    parse(fs.readFileSync(file("Pulumi.yaml"), "utf8")) as {
      resources: Record<string, { type: string; properties?: PlainObject; options?: PlainObject }>;
    };
  const editProgram = (edit: (doc: ReturnType<typeof parseDocument>) => void) => {
    const doc = parseDocument(fs.readFileSync(file("Pulumi.yaml"), "utf8"));
    edit(doc);
    fs.writeFileSync(file("Pulumi.yaml"), doc.toString());
  };
  const editFile = (name: string, from: string, to: string) => {
    const text = fs.readFileSync(file(name), "utf8");
    assert.ok(text.includes(from), `no ${from} in ${name}`);
    fs.writeFileSync(file(name), text.replace(from, to));
  };
  const expectNoChanges = () => project.run(["preview", "--expect-no-changes", "--diff"]);
  const writesSince = (count: number) =>
    emulator
      .requests()
      .slice(count)
      .filter((r) => r.method !== "GET");

  /**
   * The Stripe object behind a resource of the stack, with what Stripe returns only when asked;
   * one nested under another (a product's feature) is read under the parent `values` name.
   */
  const stripeObject = async (resource: StateResource, values = resource.outputs ?? {}) => {
    const decl = declarations[typeOf(resource)];
    const url = `${collectionPath(decl, values)}/${resource.id}`;
    const query = (decl.expand ?? []).map((p) => `expand[]=${p}`).join("&");
    return stripe("GET", query ? `${url}?${query}` : url);
  };

  /**
   * Every resource of the program and every entry of its spec is in the stack, no other, and
   * Stripe holds each object as written, references as the ids of the objects they name.
   */
  const assertStripeMatchesProgram = async () => {
    const resources = await stripeResources();
    const byName = new Map(resources.map((r) => [nameOf(r.urn), r]));
    const idOf = (name: string) => byName.get(name)?.id ?? assert.fail(`no resource ${name} in the stack`);
    const expected = new Map<string, PlainObject>();
    for (const [name, { type, properties }] of Object.entries(program().resources)) {
      if (type === `${TYPE_PREFIX}BillingSetup`) continue;
      expected.set(name, resolveIds(properties ?? {}, idOf) as PlainObject);
    }
    const ids = (await outputs()).ids as Ids;
    for (const entry of loadBillingSpec(file("billing.yaml"), { environment: STACK }).entries) {
      const inputs = structuredClone(entry.inputs);
      for (const ref of entry.refs) setPath(inputs, ref.path, ids[ref.section][ref.key]);
      expected.set(entry.key, inputs);
    }
    assert.deepEqual([...byName.keys()].sort(), [...expected.keys()].sort());
    for (const [name, inputs] of expected) {
      const resource = byName.get(name)!;
      const { status, body } = await stripeObject(resource, inputs);
      assert.equal(status, 200, `${name}: ${JSON.stringify(body)}`);
      // The parent an object is nested under is in its address, not in the object.
      const nestedUnder = [...declarations[typeOf(resource)].path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const own = Object.fromEntries(Object.entries(inputs).filter(([k]) => !nestedUnder.includes(k)));
      assertHolds(body, stripeShape(own), name);
      if (typeof inputs.productId === "string") assert.equal(body.id, inputs.productId);
      if (typeof inputs.couponId === "string") assert.equal(body.id, inputs.couponId);
    }
    return byName;
  };

  let emptyCheckpoint = "";

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    project = await yamlProject({
      example: EXAMPLE,
      stack: STACK,
      config: { "stripe-billing:apiKey": { secret: KEY }, "stripe-billing:apiBase": emulator.url },
    });
    emptyCheckpoint = file("empty-checkpoint.json");
    await project.run(["stack", "export", "--file", emptyCheckpoint]);
  });

  after(async () => {
    if (project) {
      const total = project.timings.reduce((sum, t) => sum + t.ms, 0);
      console.log(
        `${project.timings.length} pulumi commands, ${(total / 1000).toFixed(1)} s:\n` +
          project.timings.map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(5)} s  ${t.command}`).join("\n"),
      );
    }
    project?.cleanup();
    await emulator?.close();
  });

  it("creates every object of the program and its spec on up; a preview right after shows no changes", async () => {
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    // 4 resources, the component and its 8 entries (the spec's product feature among them), the stack.
    assert.match(up.stdout, /\+ 14 created/);
    const resources = await assertStripeMatchesProgram();
    const component = (await state()).find((r) => r.type === `${TYPE_PREFIX}BillingSetup`);
    assert.equal(component?.urn, `urn:pulumi:${STACK}::${PROJECT}::${TYPE_PREFIX}BillingSetup::billing`);
    for (const key of [
      "pro",
      "pro-monthly",
      "api-usage",
      "api-calls",
      "sso",
      "pro-sso",
      "launch",
      "launch25",
    ])
      assert.equal(resources.get(key)?.parent, component.urn, key);
    // The outputs name what Stripe holds.
    const out = await outputs();
    assert.equal(out.groundShippingRateId, resources.get("ground")!.id);
    assert.equal(out.starterMonthlyPriceId, resources.get("starterMonthly")!.id);
    assert.deepEqual(out.ids.products, { pro: "pro" });
    assert.equal(out.ids.promotionCodes.launch25, resources.get("launch25")!.id);
    const posts = emulator.count("POST", /^\/v1\//);
    await expectNoChanges();
    assert.equal(emulator.count("POST", /^\/v1\//), posts, "the preview wrote to Stripe");
  });

  it("creates nothing twice: an up that lost the first one's answers gets them back from Stripe", async () => {
    // Another process (a new `pulumi up`, a new plugin) with no record of the first up: the
    // idempotency keys come from the URNs and the requests, so Stripe answers with what it made.
    const before = await outputs(true);
    const objectsBefore = (await stripeResources()).map((r) => r.id).sort();
    await project.run(["stack", "import", "--file", emptyCheckpoint]);
    assert.deepEqual(await stripeResources(), []);
    const count = emulator.requests().length;
    const up = await project.run(["up", "--yes", "--skip-preview"]);
    assert.match(up.stdout, /\+ 14 created/);
    // One create per object at least, each answered with the first up's result. The only
    // writes Stripe had not seen are empty ones, which change nothing: a meter's first sight of
    // the meter holding its event name (its own, from the first up) is recorded that way.
    const writes = writesSince(count);
    assert.ok(writes.length >= 12, JSON.stringify(writes.map((r) => r.path)));
    const changing = writes.filter((r) => !r.replayed && Object.keys(r.params).some((k) => k !== "expand"));
    assert.deepEqual(
      changing.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.params)}`),
      [],
      "a write reached Stripe as new instead of being replayed",
    );
    assert.deepEqual((await stripeResources()).map((r) => r.id).sort(), objectsBefore);
    assert.deepEqual(await outputs(true), before);
    // Stripe holds one of each.
    const list = async (url: string) => (await stripe("GET", `${url}?limit=100`)).body.data as unknown[];
    assert.equal((await list("/v1/products")).length, 2);
    assert.equal((await list("/v1/prices")).length, 3);
    assert.equal((await list("/v1/webhook_endpoints")).length, 1);
    assert.equal((await list("/v1/promotion_codes")).length, 1);
    await expectNoChanges();
  });

  it("keeps the webhook signing secret secret: masked in stack output, encrypted in state, shown with --show-secrets", async () => {
    const shown = await project.run(["stack", "output", "--show-secrets", "webhookSigningSecret"]);
    const secret = shown.stdout.trim();
    assert.match(secret, /^whsec_\w{20,}$/);
    const { secret: created } = (await stripeResources()).find((r) => nameOf(r.urn) === "billingEvents")!
      .outputs as any;
    assert.equal(created?.["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
    const masked = await project.run(["stack", "output", "webhookSigningSecret"]);
    assert.equal(masked.stdout.trim(), "[secret]");
    const all = await project.run(["stack", "output"]);
    assert.match(all.stdout, /webhookSigningSecret\s+\[secret\]/);
    assert.ok(!all.stdout.includes(secret), "stack output shows the secret");
    assert.equal((await outputs()).webhookSigningSecret, "[secret]");
    const exported = await project.run(["stack", "export"]);
    assert.ok(exported.stdout.includes("webhookSigningSecret"));
    assert.ok(!exported.stdout.includes(secret), "stack export holds the signing secret in plain text");
    assert.ok(!exported.stdout.includes(KEY), "stack export holds the API key in plain text");
    // Every file the backend wrote: the checkpoint, its backups and the update history.
    for (const name of fs.readdirSync(project.stateDir, { recursive: true, encoding: "utf8" })) {
      const full = path.join(project.stateDir, name);
      if (!fs.statSync(full).isFile()) continue;
      const text = fs.readFileSync(full, "utf8");
      assert.ok(!text.includes(secret), `${name} holds the signing secret in plain text`);
      assert.ok(!text.includes(KEY), `${name} holds the API key in plain text`);
    }
    const withSecrets = await project.run(["stack", "export", "--show-secrets"]);
    assert.ok(withSecrets.stdout.includes(secret));
  });

  it("shows an edit field by field: a create-only field as a replace, a mutable one as an update", async () => {
    editProgram((doc) => {
      doc.setIn(["resources", "ground", "properties", "fixedAmount", "amount"], 700);
      doc.setIn(["resources", "starter", "properties", "description"], "For small teams and freelancers");
    });
    editFile("billing.yaml", "name: Launch offer", "name: Launch offer, 25% off");
    const preview = await project.run(["preview", "--diff"]);
    const lines = (text: string) => text.split("\n").map((l) => l.trim());
    const block = (header: string) => {
      const all = lines(preview.stdout);
      const start = all.findIndex((l) => l === header);
      assert.ok(start >= 0, `no "${header}" in:\n${preview.stdout}`);
      const end = all.findIndex((l, i) => i > start && /^(\+-|[~+-] )?stripe-billing:|^Resources:/.test(l));
      return all.slice(start, end);
    };
    const ground = block("+-stripe-billing:index:ShippingRate: (replace)");
    assert.ok(
      ground.includes(`[urn=urn:pulumi:${STACK}::${PROJECT}::stripe-billing:index:ShippingRate::ground]`),
    );
    assert.deepEqual(ground.slice(-3), ["~ fixedAmount: {", "~ amount: 500 => 700", "}"]);
    const starter = block("~ stripe-billing:index:Product: (update)");
    assert.equal(starter.at(-1), '~ description: "For small teams" => "For small teams and freelancers"');
    const coupon = block("~ stripe-billing:index:Coupon: (update)");
    assert.ok(coupon.some((l) => l.endsWith("BillingSetup$stripe-billing:index:Coupon::launch]")));
    assert.equal(coupon.at(-1), '~ name: "Launch offer" => "Launch offer, 25% off"');
    assert.match(preview.stdout, /~ 2 to update\n\s+\+-1 to replace/);

    // The same in machine-readable form.
    const json = JSON.parse((await project.run(["preview", "--json"])).stdout) as {
      steps: { op: string; urn: string; detailedDiff?: unknown; replaceReasons?: string[] }[];
    };
    const changed = Object.fromEntries(
      json.steps
        .filter((s) => s.op !== "same")
        .map((s) => [
          nameOf(s.urn),
          { op: s.op, detailedDiff: s.detailedDiff, replaceReasons: s.replaceReasons },
        ]),
    );
    assert.deepEqual(changed, {
      ground: {
        op: "replace",
        detailedDiff: { "fixedAmount.amount": { kind: "update-replace", inputDiff: false } },
        replaceReasons: ["fixedAmount"],
      },
      starter: {
        op: "update",
        detailedDiff: { description: { kind: "update", inputDiff: false } },
        replaceReasons: undefined,
      },
      launch: {
        op: "update",
        detailedDiff: { name: { kind: "update", inputDiff: false } },
        replaceReasons: undefined,
      },
    });

    const oldGround = (await outputs()).groundShippingRateId;
    await project.run(["up", "--yes", "--skip-preview"]);
    const out = await outputs();
    assert.notEqual(out.groundShippingRateId, oldGround);
    assert.equal((await stripe("GET", `/v1/shipping_rates/${oldGround}`)).body.active, false);
    await assertStripeMatchesProgram();
    await expectNoChanges();
  });

  it("shows an out-of-band change as drift on refresh, drops an object deleted out of band, and the next up recreates it", async () => {
    const out = await outputs();
    const oldSecret = (await outputs(true)).webhookSigningSecret;
    await write("POST", `/v1/products/${out.starterProductId}`, {
      name: "Starter (edited in the Dashboard)",
    });
    await write("DELETE", `/v1/webhook_endpoints/${out.webhookEndpointId}`);

    const refresh = await project.run(["refresh", "--yes", "--skip-preview", "--diff"]);
    assert.match(refresh.stdout, /~ name: "Starter" => "Starter \(edited in the Dashboard\)"/);
    assert.match(refresh.stdout, /- stripe-billing:index:WebhookEndpoint: \(delete\)/);
    const afterRefresh = await stripeResources();
    assert.equal(
      afterRefresh.find((r) => nameOf(r.urn) === "billingEvents"),
      undefined,
    );
    assert.equal(
      afterRefresh.find((r) => nameOf(r.urn) === "starter")?.outputs?.name,
      "Starter (edited in the Dashboard)",
    );

    const preview = await project.run(["preview", "--diff"]);
    assert.match(preview.stdout, /~ name: "Starter \(edited in the Dashboard\)" => "Starter"/);
    assert.match(preview.stdout, /\+ stripe-billing:index:WebhookEndpoint: \(create\)/);
    assert.match(preview.stdout, /\+ 1 to create\n\s+~ 1 to update/);

    await project.run(["up", "--yes", "--skip-preview"]);
    const now = await outputs(true);
    assert.notEqual(now.webhookEndpointId, out.webhookEndpointId);
    assert.match(now.webhookSigningSecret, /^whsec_/);
    assert.notEqual(now.webhookSigningSecret, oldSecret);
    assert.equal((await outputs()).webhookSigningSecret, "[secret]");
    await assertStripeMatchesProgram();
    await expectNoChanges();
  });

  /** Objects made outside the program, of several types, to import. */
  const createOutOfBand = async () => {
    const legacy = await write("POST", "/v1/products", {
      name: "Legacy",
      description: "Sold before the program",
      "metadata[tier]": "legacy",
    });
    const exportsFeature = await write("POST", "/v1/entitlements/features", {
      name: "Exports",
      lookup_key: "exports",
    });
    const coupon = await write("POST", "/v1/coupons", {
      percent_off: "10",
      duration: "repeating",
      duration_in_months: "2",
      name: "Ten off",
    });
    return {
      pickup: await write("POST", "/v1/shipping_rates", {
        display_name: "Store pickup",
        type: "fixed_amount",
        "fixed_amount[amount]": "0",
        "fixed_amount[currency]": "usd",
        "metadata[source]": "dashboard",
      }),
      legacy,
      legacyMonthly: await write("POST", "/v1/prices", {
        product: legacy.id,
        currency: "usd",
        unit_amount: "999",
        "recurring[interval]": "month",
        lookup_key: "legacy-monthly",
      }),
      exports: exportsFeature,
      legacyExports: await write("POST", `/v1/products/${legacy.id}/features`, {
        entitlement_feature: exportsFeature.id,
      }),
      tenOff: coupon,
      tenOffCode: await write("POST", "/v1/promotion_codes", {
        code: "TENOFF",
        "promotion[type]": "coupon",
        "promotion[coupon]": coupon.id,
      }),
      vatFrance: await write("POST", "/v1/tax_rates", {
        display_name: "VAT",
        percentage: "20",
        inclusive: "false",
        country: "FR",
        tax_type: "vat",
      }),
      calls: await write("POST", "/v1/billing/meters", {
        display_name: "Calls",
        event_name: "call",
        "default_aggregation[formula]": "sum",
      }),
      portal: await write("POST", "/v1/billing_portal/configurations", {
        "features[invoice_history][enabled]": "true",
        "business_profile[headline]": "Your account",
      }),
      germany: await write("POST", "/v1/tax/registrations", {
        country: "DE",
        "country_options[de][type]": "standard",
        active_from: "now",
      }),
    };
  };

  it("imports objects made out of band with pulumi import; the printed code, pasted in, previews with no changes", async () => {
    const made = await createOutOfBand();
    const count = emulator.requests().length;

    // One by one, as the import's printed code says.
    const single = await project.run([
      "import",
      "stripe-billing:index:ShippingRate",
      "pickup",
      made.pickup.id,
      "--yes",
    ]);
    const code = parse(single.stdout.slice(single.stdout.indexOf("\nresources:\n"))) as {
      resources: Record<string, any>;
    };
    // Only what differs from the defaults, as a program would be written.
    assert.deepEqual(code.resources.pickup, {
      type: "stripe-billing:ShippingRate",
      properties: {
        displayName: "Store pickup",
        fixedAmount: { amount: 0, currency: "usd" },
        metadata: { source: "dashboard" },
      },
      options: { protect: true },
    });

    // Several at once; a product's feature by `<product>/<id>`.
    const types: Record<string, string> = {
      legacy: "Product",
      legacyMonthly: "Price",
      exports: "Feature",
      legacyExports: "ProductFeature",
      tenOff: "Coupon",
      tenOffCode: "PromotionCode",
      vatFrance: "TaxRate",
      calls: "Meter",
      portal: "PortalConfiguration",
      germany: "TaxRegistration",
    };
    const importFile = {
      resources: Object.entries(types).map(([name, type]) => ({
        type: `${TYPE_PREFIX}${type}`,
        name,
        id:
          name === "legacyExports"
            ? `${made.legacy.id}/${made.legacyExports.id}`
            : made[name as keyof typeof made].id,
      })),
    };
    fs.writeFileSync(file("import.json"), JSON.stringify(importFile));
    await project.run(["import", "--file", "import.json", "--out", "imported.yaml", "--yes"]);
    const batch = parse(fs.readFileSync(file("imported.yaml"), "utf8")) as { resources: Record<string, any> };
    assert.deepEqual(Object.keys(batch.resources).sort(), Object.keys(types).sort());
    // References between the imported objects are written as references.
    assert.equal(batch.resources.legacyMonthly.properties.product, "${legacy.id}");
    assert.deepEqual(batch.resources.legacyExports.properties, {
      entitlementFeature: "${exports.id}",
      product: "${legacy.id}",
    });
    assert.equal(batch.resources.tenOffCode.properties.promotion.coupon, "${tenOff.id}");
    // Importing reads; it writes nothing.
    assert.deepEqual(writesSince(count), []);

    editProgram((doc) => {
      for (const [name, resource] of Object.entries({ ...code.resources, ...batch.resources }))
        doc.setIn(["resources", name], doc.createNode(resource));
    });
    await expectNoChanges();
    const imported = (await stripeResources()).filter((r) => r.protect);
    assert.deepEqual(imported.map((r) => nameOf(r.urn)).sort(), ["pickup", ...Object.keys(types)].sort());
    await assertStripeMatchesProgram();
  });

  it("destroys as each declaration says: archives, deactivates, expires or deletes", async () => {
    // Imported resources are protected: the program lets them go, as the import's message says.
    editProgram((doc) => {
      for (const name of Object.keys(program().resources))
        if (doc.hasIn(["resources", name, "options", "protect"]))
          doc.deleteIn(["resources", name, "options"]);
    });
    await project.run(["up", "--yes", "--skip-preview"]);
    const resources = await stripeResources();
    assert.equal(resources.filter((r) => r.protect).length, 0);
    const count = emulator.requests().length;
    const destroy = await project.run(["destroy", "--yes", "--skip-preview"]);
    assert.match(destroy.stdout, new RegExp(`- ${resources.length + 2} deleted`));
    const deleted: string[] = [];
    for (const resource of resources) {
      const expected = DESTROYED[typeOf(resource)];
      const { status, body } = await stripeObject(resource);
      const name = nameOf(resource.urn);
      if (expected === "deleted") {
        assert.equal(status, 404, `${name} is still in Stripe`);
        deleted.push(
          `${collectionPath(declarations[typeOf(resource)], resource.outputs ?? {})}/${resource.id}`,
        );
      } else {
        assert.equal(status, 200, name);
        for (const [field, value] of Object.entries(expected))
          assert.equal(body[field], value, `${name}.${field}`);
      }
    }
    // Stripe deletes only what the declarations delete.
    assert.deepEqual(
      emulator
        .requests()
        .slice(count)
        .filter((r) => r.method === "DELETE")
        .map((r) => r.path)
        .sort(),
      deleted.sort(),
    );
    assert.deepEqual(await stripeResources(), []);
  });
});

describe("examples/yaml-program/two-accounts: explicit providers with plain pulumi commands", () => {
  const KEYS = { us: "sk_test_e2eyamlaccountus", eu: "sk_test_e2eyamlaccounteu" };
  let emulator: Emulator;
  let project: YamlProject;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    project = await yamlProject({
      example: path.join(EXAMPLE, "two-accounts"),
      stack: STACK,
      config: { usApiKey: { secret: KEYS.us }, euApiKey: { secret: KEYS.eu }, apiBase: emulator.url },
    });
  });

  after(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  const get = async (key: string, url: string) => {
    const res = await fetch(`${emulator.url}${url}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it("creates each rate with its provider's key, keeps both keys encrypted in state, and destroys them", async () => {
    // No stack-wide key (no stripe-billing:apiKey, no STRIPE_API_KEY): each provider's own is all there is.
    await project.run(["up", "--yes", "--skip-preview"]);
    const out = JSON.parse((await project.run(["stack", "output", "--json"])).stdout);
    const us = await get(KEYS.us, `/v1/shipping_rates/${out.usGroundId}`);
    const eu = await get(KEYS.eu, `/v1/shipping_rates/${out.euGroundId}`);
    assert.deepEqual(
      [us.body.fixed_amount, us.body.tax_behavior],
      [{ amount: 500, currency: "usd" }, "exclusive"],
    );
    assert.deepEqual(
      [eu.body.fixed_amount, eu.body.tax_behavior],
      [{ amount: 450, currency: "eur" }, "inclusive"],
    );

    // A provider's inputs are in state: its key there only encrypted.
    const exported = (await project.run(["stack", "export"])).stdout;
    const providers = (JSON.parse(exported).deployment.resources as StateResource[]).filter(
      (r) => r.type === "pulumi:providers:stripe-billing",
    );
    assert.deepEqual(providers.map((r) => nameOf(r.urn)).sort(), ["eu", "us"]);
    for (const provider of providers) assert.ok((provider.inputs?.apiKey as any)?.ciphertext, provider.urn);
    for (const name of fs.readdirSync(project.stateDir, { recursive: true, encoding: "utf8" })) {
      const full = path.join(project.stateDir, name);
      if (!fs.statSync(full).isFile()) continue;
      const text = fs.readFileSync(full, "utf8");
      for (const key of Object.values(KEYS))
        assert.ok(!text.includes(key), `${name} holds a key in plain text`);
    }
    await project.run(["preview", "--expect-no-changes"]);

    // Each provider is configured with its own key: a live key for one fails that provider
    // alone (no allowLiveMode), before any request.
    await project.run(["config", "set", "--secret", "euApiKey", liveKey("yamleu")]);
    const count = emulator.requests().length;
    const refused = await project.pulumi(["preview"]);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stdout,
      /resource 'eu': property apiKey value \{\[secret\]\} has a problem: \[live_mode_refused\]/,
    );
    assert.doesNotMatch(refused.stdout, /resource 'us'/);
    assert.ok(!refused.stdout.includes(liveKey("yamleu")), "the key is in the output");
    assert.equal(emulator.requests().length, count);
    await project.run(["config", "set", "--secret", "euApiKey", KEYS.eu]);

    await project.run(["destroy", "--yes", "--skip-preview"]);
    assert.equal((await get(KEYS.us, `/v1/shipping_rates/${out.usGroundId}`)).body.active, false);
    assert.equal((await get(KEYS.eu, `/v1/shipping_rates/${out.euGroundId}`)).body.active, false);
  });
});
