/**
 * examples/yaml-spec through the Pulumi CLI and engine: the three-line program deploys
 * billing.yaml to two accounts of the emulator — stack `test` in test mode (base file only),
 * stack `live` in live mode (a `sk_live_…` key from STRIPE_API_KEY, with `allowLiveMode`, base
 * plus billing.live.yaml), as a team runs it for its test and live Stripe accounts. What each
 * account then holds is compared with the merged spec, field by field; edits of the YAML update,
 * rename and destroy as documented.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { after, before, describe, it } from "node:test";
import { parse } from "yaml";
import { startEmulator, type Emulator } from "../../emulator";
import { collectionPath } from "../../provider/engine/declaration";
import type { Plain, PlainObject } from "../../provider/engine/values";
import { BillingSetup } from "../../provider";
import { loadBillingSpec, SECTIONS, type BillingSpec, type SpecEntry } from "../../provider/spec";
import { setPath } from "../../provider/spec/validate";
import { exampleProgram, localStack, REPO_ROOT, type LocalStack } from "../../scripts/local-stack";
import { SEEDED_TAX } from "./seed";
import { liveKey } from "../support/keys";
import { assertHolds, CUSTOM_IDS, snake, stripeShape } from "../support/stripe-shape";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-spec");
const PROJECT = "stripe-billing-yaml-spec";
const KEYS = { test: "sk_test_e2eyamlspec5c7d1e", live: liveKey("yamlspc") } as const;
type StackName = keyof typeof KEYS;

type Ids = Record<string, Record<string, string>>;

/** The example's stack config file, as the config map the Automation API takes. */
function exampleConfig(stack: StackName): Record<string, { value: string }> {
  const file = parse(fs.readFileSync(path.join(EXAMPLE, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, string>;
  };
  return Object.fromEntries(Object.entries(file.config).map(([k, v]) => [k, { value: String(v) }]));
}

/** `${config:NAME}` values of the project, as the spec loader takes them. */
function projectConfig(stack: StackName): Record<string, string> {
  const prefix = `${PROJECT}:`;
  return Object.fromEntries(
    Object.entries(exampleConfig(stack))
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v.value]),
  );
}

/** An input path as Stripe's `expand` spells it: `["appliesTo", "products", "[]"]` → `applies_to.products`. */
const stripePath = (steps: readonly string[]) =>
  steps
    .filter((step) => step !== "[]")
    .map(snake)
    .join(".");

/** The entry's inputs as Stripe spells them, with the entries it names replaced by their ids. */
function expectedObject(entry: SpecEntry, ids: Ids): Plain {
  const inputs = structuredClone(entry.inputs);
  for (const ref of entry.refs) setPath(inputs, ref.path, ids[ref.section][ref.key]);
  return stripeShape(inputs);
}

describe("examples/yaml-spec with the Pulumi CLI", () => {
  let emulator: Emulator;
  const stacks = {} as Record<StackName, LocalStack>;
  let output = "";
  const run = { onOutput: (s: string) => (output += s), onError: (s: string) => (output += s) };

  const stripe = async (stack: StackName, method: string, url: string, params?: Record<string, string>) => {
    const res = await fetch(`${emulator.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${KEYS[stack]}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: params && new URLSearchParams(params),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const get = async (stack: StackName, url: string) => {
    const { status, body } = await stripe(stack, "GET", url);
    assert.equal(status, 200, `GET ${url}: ${JSON.stringify(body)}`);
    return body;
  };
  const ids = async (stack: StackName) => (await stacks[stack].stack.outputs()).ids.value as Ids;
  const spec = (stack: StackName): BillingSpec =>
    loadBillingSpec(path.join(stacks[stack].workDir, "billing.yaml"), {
      environment: stack,
      config: projectConfig(stack),
    });
  const yamlFile = (stack: StackName) => path.join(stacks[stack].workDir, "billing.yaml");
  const editYaml = (stack: StackName, from: string | RegExp, to: string) => {
    const text = fs.readFileSync(yamlFile(stack), "utf8");
    const edited = text.replace(from, to);
    assert.notEqual(edited, text, `no ${String(from)} in billing.yaml`);
    fs.writeFileSync(yamlFile(stack), edited);
  };

  /**
   * The Stripe object of an entry, read with the stack's own key where its declaration says it
   * lives, with what Stripe returns only when asked; a reference stays an id, as the spec names it.
   */
  const stripeObject = async (stack: StackName, entry: SpecEntry, id: string) => {
    const { declaration, refs } = SECTIONS[entry.section];
    const refPaths = new Set(refs.map((r) => stripePath(r.path)));
    const expand = (declaration.expand ?? []).filter((p) => !refPaths.has(p));
    const query = expand.map((p) => `expand[]=${p}`).join("&");
    // An object nested under another (a product's feature) lives under its parent's id.
    const collection = collectionPath(declaration, expectedObject(entry, await ids(stack)) as PlainObject);
    const url = declaration.singleton ? declaration.path : `${collection}/${id}`;
    return get(stack, query ? `${url}?${query}` : url);
  };

  /** Every entry of the merged spec is in the stack's account as written; ids by section and key. */
  const assertAccountMatchesSpec = async (stack: StackName) => {
    const merged = spec(stack);
    const out = await ids(stack);
    const keys = (s: Ids | Record<string, SpecEntry[]>) =>
      Object.fromEntries(Object.entries(s).map(([section, byKey]) => [section, Object.keys(byKey).sort()]));
    const bySection: Record<string, Record<string, SpecEntry>> = {};
    for (const e of merged.entries) (bySection[e.section] ??= {})[e.key] = e;
    assert.deepEqual(keys(out), keys(bySection as never));
    for (const entry of merged.entries) {
      const id = out[entry.section][entry.key];
      const object = await stripeObject(stack, entry, id);
      assert.equal(object.livemode, stack === "live", `${entry.section}.${entry.key}: livemode`);
      // Inputs the object's path carries (a product feature's product) are not fields of it.
      const inPath = [...SECTIONS[entry.section].declaration.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const expected = expectedObject(entry, out) as PlainObject;
      for (const input of inPath) delete expected[input];
      assertHolds(object, expected, `${stack}: ${entry.section}.${entry.key}`);
      for (const input of CUSTOM_IDS)
        if (typeof entry.inputs[input] === "string") assert.equal(object.id, entry.inputs[input]);
      if (entry.inputs.productDefault === true) {
        const product = await get(stack, `/v1/products/${object.product}`);
        assert.equal(product.default_price, id, `${entry.key} is its product's default price`);
      }
    }
    return { merged, out };
  };

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    for (const name of ["test", "live"] as const) {
      assert.equal((await stripe(name, "POST", "/v1/tax/settings", SEEDED_TAX)).status, 200);
      let workDir = "";
      const example = exampleProgram("yaml-spec");
      // `pulumi up` runs a program in its project folder: there the program finds billing.yaml.
      const program = async () => {
        const cwd = process.cwd();
        process.chdir(workDir);
        try {
          return await example();
        } finally {
          process.chdir(cwd);
        }
      };
      const local = await localStack({
        projectName: PROJECT,
        stackName: name,
        program,
        config: {
          ...exampleConfig(name),
          "stripe-billing:apiBase": { value: emulator.url },
          // The test stack keeps its key in stack config; the live stack takes it from the
          // environment, as CI does (it never enters state).
          ...(name === "test" ? { "stripe-billing:apiKey": { value: KEYS.test, secret: true } } : {}),
        },
        env: name === "live" ? { STRIPE_API_KEY: KEYS.live } : {},
      });
      workDir = local.workDir;
      for (const file of ["billing.yaml", "billing.live.yaml"])
        fs.copyFileSync(path.join(EXAMPLE, file), path.join(workDir, file));
      stacks[name] = local;
    }
  });

  after(async () => {
    for (const local of Object.values(stacks)) local.cleanup();
    await emulator?.close();
  });

  it("deploys the base spec to the test account and base + live overlay to the live account", async () => {
    for (const name of ["test", "live"] as const) {
      output = "";
      const up = await stacks[name].stack.up(run);
      assert.equal(up.summary.result, "succeeded", output);
      await stacks[name].stack.preview({ ...run, expectNoChanges: true });
    }
    const test = await assertAccountMatchesSpec("test");
    const live = await assertAccountMatchesSpec("live");
    assert.equal(test.merged.entries.length, 25);
    assert.equal(live.merged.entries.length, 26);

    // What the live overlay changes is really there, and nothing of it in test.
    assert.equal(test.out.prices["team-yearly"].startsWith("price_"), true);
    assert.equal(live.out.prices["team-yearly"], undefined);
    const yearly = await get("live", "/v1/prices?lookup_keys[]=team-yearly");
    assert.deepEqual(yearly.data, []);
    const express = async (s: StackName) =>
      (await get(s, `/v1/shipping_rates/${(await ids(s)).shippingRates.express}`)).fixed_amount;
    assert.deepEqual(await express("test"), { amount: 1500, currency: "usd" });
    assert.deepEqual(await express("live"), { amount: 1800, currency: "usd" });
    const registrations = async (s: StackName) =>
      ((await get(s, "/v1/tax/registrations")).data as any[]).map((r) => r.country).sort();
    assert.deepEqual(await registrations("test"), ["IE"]);
    assert.deepEqual(await registrations("live"), ["GB", "IE", "US"]);
    const portal = async (s: StackName) =>
      get(
        s,
        `/v1/billing_portal/configurations/${(await ids(s)).portalConfigurations.portal}?expand[]=features.subscription_update.products`,
      );
    const [testPortal, livePortal] = [await portal("test"), await portal("live")];
    assert.deepEqual(testPortal.business_profile, {
      headline: "Manage your subscription (test)",
      privacy_policy_url: "https://example.com/test/privacy",
      terms_of_service_url: null,
    });
    // Maps merge: the live headline and terms, the privacy URL from the base file (with the live config).
    assert.deepEqual(livePortal.business_profile, {
      headline: "Manage your subscription",
      privacy_policy_url: "https://example.com/privacy",
      terms_of_service_url: "https://example.com/terms",
    });
    assert.equal(livePortal.default_return_url, "https://example.com/account");
    // References are wired to the objects of the portal's own account.
    const offered = (p: any) =>
      Object.fromEntries(
        (p.features.subscription_update.products as any[]).map((o) => [o.product, [...o.prices].sort()]),
      );
    const priceIds = (out: Ids, ...keys: string[]) => keys.map((k) => out.prices[k]).sort();
    assert.deepEqual(offered(testPortal), {
      pro: priceIds(test.out, "pro-monthly", "pro-yearly"),
      team: priceIds(test.out, "team-monthly", "team-yearly"),
    });
    assert.deepEqual(offered(livePortal), {
      pro: priceIds(live.out, "pro-monthly", "pro-yearly"),
      team: priceIds(live.out, "team-monthly"),
    });
    for (const id of Object.values(live.out.prices)) {
      assert.equal((await stripe("test", "GET", `/v1/prices/${id}`)).status, 404, `${id} is not in test`);
    }
    // The launch code and its coupon, with the same ids in both accounts, the live overlay's limit in live.
    const maxRedemptions = { test: 100, live: 1000 };
    for (const s of ["test", "live"] as const) {
      const out = await ids(s);
      const code = await get(s, `/v1/promotion_codes/${out.promotionCodes.launch25}`);
      assert.deepEqual(
        [code.code, code.promotion.coupon, code.max_redemptions],
        ["LAUNCH25", "launch", maxRedemptions[s]],
      );
      const coupon = await get(s, "/v1/coupons/launch?expand[]=applies_to");
      assert.deepEqual(coupon.applies_to.products, ["pro"]);
      const hook = await get(s, `/v1/webhook_endpoints/${out.webhookEndpoints["billing-events"]}`);
      assert.equal(hook.url, `https://${s === "live" ? "app" : "staging"}.example.com/stripe/webhooks`);
    }
    // The product without a custom id got one of Stripe's in each account.
    assert.match(test.out.products.onboarding, /^prod_/);
    assert.notEqual(test.out.products.onboarding, live.out.products.onboarding);
  });

  it("exports the webhook endpoint's signing secret as a secret: masked by the CLI, encrypted in state", async () => {
    const secrets: string[] = [];
    for (const name of ["test", "live"] as const) {
      const local = stacks[name];
      const output = (await local.stack.outputs()).webhookSigningSecret;
      assert.equal(output?.secret, true, `${name}: webhookSigningSecret is not a secret output`);
      const shown = await local.cli(["stack", "output", "--show-secrets", "webhookSigningSecret"]);
      assert.equal(shown.code, 0, shown.stderr);
      const secret = shown.stdout.trim();
      assert.match(secret, /^whsec_\w{20,}$/);
      assert.equal(secret, output.value);
      secrets.push(secret);
      const masked = await local.cli(["stack", "output", "webhookSigningSecret"]);
      assert.equal(masked.code, 0, masked.stderr);
      assert.equal(masked.stdout.trim(), "[secret]");
      const all = await local.cli(["stack", "output"]);
      assert.match(all.stdout, /webhookSigningSecret\s+\[secret\]/);
      assert.ok(!all.stdout.includes(secret), `${name}: stack output shows the secret`);
      const exported = await local.cli(["stack", "export"]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.ok(exported.stdout.includes("webhookSigningSecret"), `${name}: no output in the export`);
      assert.ok(!exported.stdout.includes(secret), `${name}: stack export holds the secret in plain text`);
      // Every file the backend wrote: the checkpoint, its backups and the update history.
      for (const file of fs.readdirSync(local.stateDir, { recursive: true, encoding: "utf8" })) {
        const full = path.join(local.stateDir, file);
        if (fs.statSync(full).isFile())
          assert.ok(
            !fs.readFileSync(full, "utf8").includes(secret),
            `${file} holds the secret in plain text`,
          );
      }
    }
    // Each account's endpoint has its own.
    assert.notEqual(secrets[0], secrets[1]);
  });

  it("registers each resource as a child of the component, with the engine's URN in its identity", async () => {
    const exported = await stacks.test.cli(["stack", "export"]);
    assert.equal(exported.code, 0, exported.stderr);
    const resources = JSON.parse(exported.stdout).deployment.resources as {
      urn: string;
      type: string;
      parent?: string;
      inputs?: Record<string, unknown>;
    }[];
    const component = resources.find((r) => r.type === "stripe-billing:index:BillingSetup");
    assert.ok(component);
    assert.equal(component.urn, `urn:pulumi:test::${PROJECT}::stripe-billing:index:BillingSetup::billing`);
    const children = resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/stripe-billing:"));
    assert.equal(children.length, 25);
    for (const child of children) {
      assert.equal(child.parent, component.urn, child.urn);
      const name = child.urn.split("::").pop()!;
      const type = child.type.split(":").pop()!;
      // What idempotency keys are derived from: project, stack, the parent's URN as the engine gave it, type, name.
      assert.equal(child.inputs?.__identity, [PROJECT, "test", component.urn, type, name].join("::"));
    }
  });

  it("updates in place what an edit of the YAML changes, with only that write", async () => {
    editYaml("test", "nickname: Pro monthly", "nickname: Pro, billed monthly");
    const price = (await ids("test")).prices["pro-monthly"];
    const before = emulator.requests().length;
    output = "";
    const up = await stacks.test.stack.up(run);
    assert.deepEqual(up.summary.resourceChanges, { update: 1, same: 26 }, output);
    const writes = emulator
      .requests()
      .slice(before)
      .filter((r) => r.method !== "GET");
    // What the response shows (`expand`) aside, the write carries the nickname and nothing else.
    assert.deepEqual(
      writes.map((r) => [r.method, r.path, { ...r.params, expand: undefined }]),
      [["POST", `/v1/prices/${price}`, { nickname: "Pro, billed monthly", expand: undefined }]],
    );
    assert.equal((await get("test", `/v1/prices/${price}`)).nickname, "Pro, billed monthly");
    await stacks.test.stack.preview({ ...run, expectNoChanges: true });
  });

  it("shows a renamed key as a create and a delete, and applies it with no gap", async () => {
    const old = await ids("test");
    editYaml("test", /pro-yearly:\n/, "pro-annual:\n");
    editYaml("test", "prices: [pro-monthly, pro-yearly]", "prices: [pro-monthly, pro-annual]");
    const preview = await stacks.test.stack.preview(run);
    assert.deepEqual(preview.changeSummary, { create: 1, delete: 1, update: 1, same: 25 });
    assert.match(preview.stdout, /\+ {2,}.*pro-annual\s+create/);
    assert.match(preview.stdout, /- {2,}.*pro-yearly\s+delete/);
    await stacks.test.stack.up(run);
    await stacks.test.stack.preview({ ...run, expectNoChanges: true });
    const now = await ids("test");
    assert.equal(now.prices["pro-yearly"], undefined);
    const annual = await get("test", `/v1/prices/${now.prices["pro-annual"]}`);
    assert.equal(annual.lookup_key, "pro-yearly");
    assert.equal(annual.active, true);
    const yearly = await get("test", `/v1/prices/${old.prices["pro-yearly"]}`);
    assert.equal(yearly.active, false);
    assert.equal(yearly.lookup_key, null);
    await assertAccountMatchesSpec("test");
  });

  it("destroys as each object's delete policy says", async () => {
    const testIds = await ids("test");
    output = "";
    await stacks.test.stack.destroy(run);
    await assertDestroyed("test", testIds);

    // Live: refused before any write until allowLiveDestroy is applied by an up.
    const liveIds = await ids("live");
    const before = emulator.requests().length;
    await assert.rejects(stacks.live.stack.destroy(run), /allowLiveDestroy/);
    const writes = emulator
      .requests()
      .slice(before)
      .filter((r) => r.method !== "GET");
    assert.deepEqual(writes, []);
    await stacks.live.stack.setConfig("stripe-billing:allowLiveDestroy", { value: "true" });
    await stacks.live.stack.up(run);
    output = "";
    await stacks.live.stack.destroy(run);
    await assertDestroyed("live", liveIds);
  });

  /** What each object's delete policy says: archived, deactivated, expired, restored, or deleted. */
  const assertDestroyed = async (stack: StackName, out: Ids) => {
    for (const id of Object.values(out.products)) {
      // Every product has prices: archived, not deleted.
      assert.equal((await get(stack, `/v1/products/${id}`)).active, false, id);
    }
    // Prices are archived, except a product's default price, which Stripe cannot archive:
    // left active, and the destroy says so (its product, destroyed in the same run, archived).
    const defaults = spec(stack).entries.filter((e) => e.section === "prices" && e.inputs.productDefault);
    assert.equal(defaults.length, 2);
    for (const [key, id] of Object.entries(out.prices)) {
      const isDefault = defaults.some((e) => e.key === key);
      assert.equal((await get(stack, `/v1/prices/${id}`)).active, isDefault, `${key}: ${output}`);
      if (isDefault)
        assert.match(
          output,
          new RegExp(
            `${id} stays active in Stripe, no longer managed by this stack: it is the default price of \\w+`,
          ),
        );
    }
    for (const id of Object.values(out.shippingRates))
      assert.equal((await get(stack, `/v1/shipping_rates/${id}`)).active, false);
    for (const id of Object.values(out.portalConfigurations))
      assert.equal((await get(stack, `/v1/billing_portal/configurations/${id}`)).active, false);
    for (const id of Object.values(out.taxRegistrations))
      assert.equal((await get(stack, `/v1/tax/registrations/${id}`)).status, "expired");
    // Tax settings: restored to what the account had before the stack.
    const settings = await get(stack, "/v1/tax/settings");
    const { tax_behavior, tax_code } = settings.defaults;
    assert.deepEqual(
      { tax_behavior, tax_code },
      { tax_behavior: "inferred_by_currency", tax_code: "txcd_99999999" },
    );
    const { country, state, postal_code } = settings.head_office.address;
    assert.deepEqual({ country, state, postal_code }, { country: "US", state: "CA", postal_code: "94105" });
    // Promotion codes are deactivated (Stripe cannot delete them), tax rates archived.
    for (const id of Object.values(out.promotionCodes))
      assert.equal((await get(stack, `/v1/promotion_codes/${id}`)).active, false);
    for (const id of Object.values(out.taxRates))
      assert.equal((await get(stack, `/v1/tax_rates/${id}`)).active, false);
    // Meters are deactivated, features archived (Stripe can delete neither).
    for (const id of Object.values(out.meters))
      assert.equal((await get(stack, `/v1/billing/meters/${id}`)).status, "inactive");
    for (const id of Object.values(out.features))
      assert.equal((await get(stack, `/v1/entitlements/features/${id}`)).active, false);
    // Coupons, webhook endpoints and a product's features are deleted, and they alone.
    const attachments = spec(stack)
      .entries.filter((e) => e.section === "productFeatures")
      .map((e) => {
        const product = out.products[e.refs.find((r) => r.path[0] === "product")!.key];
        return `/v1/products/${product}/features/${out.productFeatures[e.key]}`;
      });
    const deleted = [
      ...Object.values(out.coupons).map((id) => `/v1/coupons/${id}`),
      ...Object.values(out.webhookEndpoints).map((id) => `/v1/webhook_endpoints/${id}`),
      ...attachments,
    ];
    for (const url of deleted) assert.equal((await stripe(stack, "GET", url)).status, 404, url);
    const deletes = emulator.requests({ method: "DELETE" }).filter((r) => r.livemode === (stack === "live"));
    assert.deepEqual(deletes.map((r) => r.path).sort(), deleted.sort());
  };
});

describe("BillingSetup and stack config through the engine", () => {
  let emulator: Emulator;
  let local: LocalStack;
  const SECRET = "pc-7f3a9b1c-partner";
  let previousKeys: Record<string, string[]> = {};
  const SPEC = `
shippingRates:
  pickup:
    displayName: Partner pickup
    fixedAmount: { amount: 0, currency: usd }
    metadata: { partnerCode: "\${config:partnerCode}", region: "\${config:shop:region}" }
`;

  before(async () => {
    emulator = await startEmulator({ port: 0 });
    let file = "";
    local = await localStack({
      projectName: "billing-setup-config",
      program: async () => {
        const setup = new BillingSetup("billing", { spec: loadBillingSpec(file), previousKeys });
        return { ids: setup.ids };
      },
      config: {
        "stripe-billing:apiKey": { value: KEYS.test, secret: true },
        "stripe-billing:apiBase": { value: emulator.url },
        partnerCode: { value: SECRET, secret: true },
        "shop:region": { value: "eu" },
      },
    });
    file = path.join(local.workDir, "billing.yaml");
    fs.writeFileSync(file, SPEC);
  });

  after(async () => {
    local?.cleanup();
    await emulator?.close();
  });

  it("reads ${config:NAME} in the project's namespace and ${config:ns:NAME} in another; a secret stays encrypted in state", async () => {
    await local.stack.up({ onOutput: () => undefined });
    await local.stack.preview({ expectNoChanges: true, onOutput: () => undefined });
    const ids = (await local.stack.outputs()).ids.value as Ids;
    const rate = emulator.objects.get(ids.shippingRates.pickup) as any;
    assert.deepEqual(rate.metadata, { partnerCode: SECRET, region: "eu" });
    const exported = await local.cli(["stack", "export"]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(!exported.stdout.includes(SECRET), "the secret config value is in state in plain text");
  });

  it("keeps a renamed key the same object when the program gives its previous key", async () => {
    const before = (await local.stack.outputs()).ids.value as Ids;
    const file = path.join(local.workDir, "billing.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("  pickup:", "  partner-pickup:"));
    previousKeys = { "shippingRates.partner-pickup": ["pickup"] };
    const preview = await local.stack.preview({ onOutput: () => undefined });
    assert.equal(preview.changeSummary.create, undefined);
    assert.equal(preview.changeSummary.delete, undefined);
    const posts = emulator.requests({ method: "POST" }).length;
    await local.stack.up({ onOutput: () => undefined });
    await local.stack.preview({ expectNoChanges: true, onOutput: () => undefined });
    const after = (await local.stack.outputs()).ids.value as Ids;
    assert.deepEqual(after.shippingRates, { "partner-pickup": before.shippingRates.pickup });
    assert.equal(emulator.requests({ method: "POST" }).length, posts);
    await local.stack.destroy({ onOutput: () => undefined });
  });
});
