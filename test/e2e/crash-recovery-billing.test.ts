/**
 * A `pulumi up` killed while objects whose create or replacement takes several requests are
 * halfway, on the real engine: the emulator holds each one's next request unanswered (a new
 * price's move to the product's default, a portal configuration's settling update, the tax
 * settings' answer after the write committed, the release of a replaced schedule not yet
 * reached), so the kill lands exactly there. Then the README's runbook runs, and every object
 * exists once, in the state declared, with nothing pending and nothing left to change.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BILLING_KEY, openBillingStack, type BillingSeed } from "../support/billing-stack";
import { killableUps, runbook } from "../support/killable-ups";

/** The tax settings before the stack exists: destroy must bring them back. */
const SEEDED_TAX = { "defaults[tax_behavior]": "inclusive", "defaults[tax_code]": "txcd_99999999" };

describe(
  "recovery after an up killed halfway through multi-request operations",
  {
    skip: process.platform !== "linux" && "needs /proc",
  },
  () => {
    const ups = killableUps("psb-crash-billing-");
    const stripe = async (method: "GET" | "POST", p: string, params: Record<string, string> = {}) => {
      const body = new URLSearchParams(params).toString();
      const res = await fetch(`${ups.emulator.url}${p}${method === "GET" && body ? `?${body}` : ""}`, {
        method,
        headers: {
          authorization: `Bearer ${BILLING_KEY}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: method === "POST" ? body : undefined,
      });
      assert.equal(res.status, 200, `${method} ${p}: ${await res.clone().text()}`);
      return (await res.json()) as any;
    };

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
  },
);
