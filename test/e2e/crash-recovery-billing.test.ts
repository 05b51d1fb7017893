/**
 * A `pulumi up` killed while objects whose create or replacement takes several requests are
 * halfway, on the real engine: the emulator holds each one's next request unanswered (a new
 * price's move to the product's default, a portal configuration's settling update, the tax
 * settings' answer after the write committed, the release of a replaced schedule not yet
 * reached), so the kill lands exactly there. Objects made by one create whose answer a kill
 * lost (a coupon, a promotion code, a webhook endpoint) are held the same way, after the create
 * committed. Then the README's runbook runs, and every object exists once, in the state
 * declared, with nothing pending and nothing left to change.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, it } from "node:test";
import { BILLING_KEY, openBillingStack, type BillingSeed } from "../support/billing-stack";
import { clearPending, killableUps, runbook } from "../support/killable-ups";
import {
  openPromotionsStack,
  PROMOTION_CODE,
  PROMOTIONS_KEY,
  WEBHOOK_URL,
} from "../support/promotions-stack";

/** How Pulumi's state marks a secret value: this key holding this value. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

/** The tax settings before the stack exists: destroy must bring them back. */
const SEEDED_TAX = { "defaults[tax_behavior]": "inclusive", "defaults[tax_code]": "txcd_99999999" };

describe(
  "recovery after an up killed halfway through multi-request operations",
  {
    skip: process.platform !== "linux" && "needs /proc",
  },
  () => {
    const ups = killableUps("psb-crash-billing-");
    const stripeAs =
      (key: string) =>
      async (method: "GET" | "POST", p: string, params: Record<string, string> = {}) => {
        const body = new URLSearchParams(params).toString();
        const res = await fetch(`${ups.emulator.url}${p}${method === "GET" && body ? `?${body}` : ""}`, {
          method,
          headers: {
            authorization: `Bearer ${key}`,
            "content-type": "application/x-www-form-urlencoded",
          },
          body: method === "POST" ? body : undefined,
        });
        assert.equal(res.status, 200, `${method} ${p}: ${await res.clone().text()}`);
        return (await res.json()) as any;
      };
    const stripe = stripeAs(BILLING_KEY);

    it("a default price, a price replacement, a portal configuration, tax settings and a schedule replacement: each once", async () => {
      const { emulator, root } = ups;
      const started = Date.now();
      const seededTax = await stripe("POST", "/v1/tax/settings", SEEDED_TAX);
      const customers = [
        (await stripe("POST", "/v1/customers", { email: "a@example.com" })).id,
        (await stripe("POST", "/v1/customers", { email: "b@example.com" })).id,
      ] as [string, string];
      const basics = await stripe("POST", "/v1/products", { name: "Basics" });
      const schedulePrice = (
        await stripe("POST", "/v1/prices", {
          product: basics.id,
          currency: "usd",
          unit_amount: "500",
          "recurring[interval]": "month",
        })
      ).id;
      const seed: BillingSeed = { customers, schedulePrice };

      const first = await openBillingStack(root, 1, emulator.url, seed);
      const up1 = await first.stack.up();
      assert.equal(up1.summary.result, "succeeded");
      const oldPrice = String((await first.stack.outputs()).proMonthly.value);
      const oldSchedule = String((await first.stack.outputs()).schedule.value);

      // Each operation's next request is held: it never runs (or, for the tax settings, runs
      // and is never answered) until the provider host that sent it is gone.
      emulator.inject({
        type: "hang",
        when: "before",
        method: "POST",
        path: /^\/v1\/products\/(pro|team)$/,
        times: 2,
      });
      emulator.inject({
        type: "hang",
        when: "before",
        method: "POST",
        path: /^\/v1\/billing_portal\/configurations\/bpc_/,
      });
      // The tax settings' first look (an empty write) is answered; their write is not.
      emulator.inject({ type: "latency", ms: 0, method: "POST", path: "/v1/tax/settings" });
      emulator.inject({ type: "hang", when: "after", method: "POST", path: "/v1/tax/settings" });
      const mark = emulator.requests().length;
      const since = (method: string, p: RegExp) =>
        emulator.requests({ method, path: p }).filter((r) => emulator.requests().indexOf(r) >= mark);

      const up2 = ups.spawn("billing-stack.js", {
        BILLING_ROOT: root,
        BILLING_STAGE: "2",
        BILLING_API_BASE: emulator.url,
        BILLING_SEED: JSON.stringify(seed),
      });
      await ups.killWhen(
        up2,
        () =>
          since("POST", /^\/v1\/products\/(pro|team)$/).length === 2 &&
          since("POST", /^\/v1\/billing_portal\/configurations\/bpc_/).length === 1 &&
          since("POST", /^\/v1\/tax\/settings$/).length === 2 &&
          since("POST", /^\/v1\/subscription_schedules$/).some((r) => r.status === 200),
      );
      // Killed where intended: the new prices exist, no default moved, the old objects untouched.
      assert.equal((await stripe("GET", "/v1/products/pro")).default_price, oldPrice);
      assert.equal(emulator.count("POST", `/v1/subscription_schedules/${oldSchedule}/release`), 0);
      assert.equal(emulator.count("POST", `/v1/prices/${oldPrice}`), 0);
      assert.equal((await stripe("GET", "/v1/tax/settings")).defaults.tax_code, "txcd_10000000");

      // The runbook, as a CI job runs it.
      const local = await openBillingStack(root, 2, emulator.url, seed);
      const { run, out } = await runbook(local);
      const outs = Object.fromEntries(
        Object.entries(await local.stack.outputs()).map(([k, v]) => [k, v.value]),
      );

      // Prices: the raised one replaced the old once, took its key and the default; the new one
      // is its product's default; the old one archived by exactly one request.
      const proPrices = (await stripe("GET", "/v1/prices", { product: "pro", limit: "100" })).data;
      assert.deepEqual(proPrices.map((p: any) => p.id).sort(), [oldPrice, outs.proMonthly].sort());
      const raised = proPrices.find((p: any) => p.id === outs.proMonthly);
      assert.equal(raised.unit_amount, 1200);
      assert.equal(raised.lookup_key, "pro-monthly");
      assert.equal(raised.active, true);
      assert.equal(proPrices.find((p: any) => p.id === oldPrice).active, false);
      const archives = emulator
        .requests({ method: "POST", path: `/v1/prices/${oldPrice}` })
        .filter((r) => !r.replayed && r.params.active === "false");
      assert.equal(archives.length, 1, "the old price is archived exactly once");
      assert.equal((await stripe("GET", "/v1/products/pro")).default_price, outs.proMonthly);
      const teamPrices = (await stripe("GET", "/v1/prices", { product: "team", limit: "100" })).data;
      assert.deepEqual(
        teamPrices.map((p: any) => p.id),
        [outs.teamMonthly],
      );
      assert.equal(teamPrices[0].lookup_key, "team-monthly");
      assert.equal((await stripe("GET", "/v1/products/team")).default_price, outs.teamMonthly);

      // One portal configuration, inactive as declared.
      const portals = (await stripe("GET", "/v1/billing_portal/configurations", { limit: "100" })).data;
      assert.deepEqual(
        portals.map((c: any) => [c.id, c.active]),
        [[outs.portal, false]],
      );

      // The tax settings as declared.
      const tax = await stripe("GET", "/v1/tax/settings");
      assert.deepEqual(tax.defaults, {
        ...seededTax.defaults,
        tax_behavior: "exclusive",
        tax_code: "txcd_10000000",
      });

      // Schedules: the new one for the second customer, the old one released exactly once.
      const schedules = (await stripe("GET", "/v1/subscription_schedules", { limit: "100" })).data;
      assert.deepEqual(schedules.map((s: any) => s.id).sort(), [oldSchedule, outs.schedule].sort());
      const current = schedules.find((s: any) => s.id === outs.schedule);
      assert.equal(current.customer, customers[1]);
      assert.ok(["active", "not_started"].includes(current.status), current.status);
      assert.equal(schedules.find((s: any) => s.id === oldSchedule).status, "released");
      const releases = emulator
        .requests({ method: "POST", path: `/v1/subscription_schedules/${oldSchedule}/release` })
        .filter((r) => !r.replayed);
      assert.equal(releases.length, 1, "the old schedule is released exactly once");

      // State: no pending operation, and a preview with nothing to do and nothing pending.
      const exported = await local.cli(["stack", "export"]);
      assert.equal(exported.code, 0, exported.stderr);
      assert.deepEqual(JSON.parse(exported.stdout).deployment.pending_operations ?? [], []);
      out.text = "";
      await local.stack.preview({ ...run, expectNoChanges: true });
      assert.doesNotMatch(out.text, /pending/i);

      // Destroy brings back the tax settings the account had before the stack.
      await local.stack.destroy(run);
      assert.deepEqual((await stripe("GET", "/v1/tax/settings")).defaults, seededTax.defaults);
      console.log(
        `# crash recovery of multi-request operations: ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });

    it("a coupon, a promotion code and a webhook endpoint whose creates committed unanswered: each once, the signing secret kept as a secret", async () => {
      const { emulator } = ups;
      const root = path.join(ups.root, "promotions");
      const started = Date.now();
      const promotions = stripeAs(PROMOTIONS_KEY);
      const listed = async (p: string) => (await promotions("GET", p, { limit: "100" })).data as any[];
      const creates = (p: string) => emulator.requests({ method: "POST", path: p });
      const spawnUp = () =>
        ups.spawn("promotions-stack.js", { PROMOTIONS_ROOT: root, PROMOTIONS_API_BASE: emulator.url });
      const local = await openPromotionsStack(root, emulator.url);

      // Killed while the coupon's and the endpoint's creates are in flight: each runs (the object
      // exists in Stripe) and its answer never comes, so Pulumi holds only a pending create.
      emulator.inject({ type: "hang", when: "after", method: "POST", path: "/v1/coupons" });
      emulator.inject({ type: "hang", when: "after", method: "POST", path: "/v1/webhook_endpoints" });
      await ups.killWhen(
        spawnUp(),
        () => creates("/v1/coupons").length === 1 && creates("/v1/webhook_endpoints").length === 1,
      );
      assert.equal((await listed("/v1/coupons")).length, 1);
      assert.equal((await listed("/v1/webhook_endpoints")).length, 1);
      assert.equal(creates("/v1/promotion_codes").length, 0, "the code waits for its coupon");

      // The runbook's `up` is itself killed, once the promotion code's create has committed
      // unanswered: the coupon and the endpoint it sent again are in state, the code pending.
      await clearPending(local);
      emulator.inject({ type: "hang", when: "after", method: "POST", path: "/v1/promotion_codes" });
      await ups.killWhen(spawnUp(), () => creates("/v1/promotion_codes").length === 1);
      assert.equal(
        (await listed("/v1/coupons")).length,
        1,
        "the coupon's create, sent again, made a second coupon",
      );
      assert.equal(
        (await listed("/v1/webhook_endpoints")).length,
        1,
        "the endpoint's create, sent again, made a second endpoint",
      );
      assert.equal((await listed("/v1/promotion_codes")).length, 1);

      const { run, out } = await runbook(local);
      const outs = Object.fromEntries(
        Object.entries(await local.stack.outputs()).map(([k, v]) => [k, v.value]),
      );

      // One object of each kind, the one in state; each created by one request, every later
      // create of it a replay of that one.
      assert.deepEqual(
        (await listed("/v1/coupons")).map((c) => [c.id, c.percent_off, c.name]),
        [[outs.coupon, 20, "Launch"]],
      );
      assert.deepEqual(
        (await listed("/v1/promotion_codes")).map((c) => [c.id, c.code, c.active, c.promotion.coupon]),
        [[outs.promotionCode, PROMOTION_CODE, true, outs.coupon]],
      );
      const endpoints = await listed("/v1/webhook_endpoints");
      assert.deepEqual(
        endpoints.map((e) => [e.id, e.url]),
        [[outs.webhook, WEBHOOK_URL]],
      );
      for (const p of ["/v1/coupons", "/v1/promotion_codes", "/v1/webhook_endpoints"]) {
        assert.equal(creates(p).filter((r) => !r.replayed).length, 1, `${p}: one create ran`);
        assert.ok(
          creates(p).some((r) => r.replayed),
          `${p}: the create was replayed`,
        );
      }

      // The signing secret, which only the create's answer holds: no file of the state (latest
      // checkpoint, backups, history) holds it in plain text; it is there encrypted, the very
      // secret the replayed create returned.
      for (const file of fs.readdirSync(local.stateDir, { recursive: true })) {
        const full = path.join(local.stateDir, String(file));
        if (fs.statSync(full).isFile())
          assert.ok(
            !fs.readFileSync(full, "utf8").includes("whsec_"),
            `${String(file)} holds the signing secret`,
          );
      }
      const stateOf = async (showSecrets: boolean) => {
        const exported = await local.cli(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
        assert.equal(exported.code, 0, exported.stderr);
        return JSON.parse(exported.stdout).deployment;
      };
      const endpointOf = (deployment: any) =>
        deployment.resources.find((r: any) => r.type.endsWith("WebhookEndpoint"));
      const deployment = await stateOf(false);
      assert.deepEqual(Object.keys(endpointOf(deployment).outputs.secret).sort(), [SECRET_SIG, "ciphertext"]);
      const replayed = creates("/v1/webhook_endpoints").find((r) => r.replayed && r.status === 200);
      const secret = JSON.parse(String(replayed?.response)).secret as string;
      assert.match(secret, /^whsec_/);
      assert.deepEqual(endpointOf(await stateOf(true)).outputs.secret, {
        [SECRET_SIG]: SECRET_VALUE,
        plaintext: JSON.stringify(secret),
      });

      // No pending operation, and a preview with nothing to do and nothing pending.
      assert.deepEqual(deployment.pending_operations ?? [], []);
      out.text = "";
      await local.stack.preview({ ...run, expectNoChanges: true });
      assert.doesNotMatch(out.text, /pending/i);
      console.log(`# crash recovery of promotions: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  },
);
