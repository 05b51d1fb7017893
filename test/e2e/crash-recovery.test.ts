/**
 * A `pulumi up` killed midway, on the real engine: the Automation API process and the CLI get
 * SIGKILL while the creates are under way (the provider host is left alone, as a lost CI
 * runner leaves it), then the README's recovery runbook runs. Exactly the declared objects
 * exist in Stripe afterwards and no pending operation is left in state.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { killableUps, runbook } from "../support/killable-ups";
import { alive, killUp, sleep } from "../support/processes";
import { openRatesStack } from "../support/rates-stack";

const COUNT = 50;
/** Creates Stripe has received when the run is killed. */
const KILL_AFTER = 20;

describe("recovery after a killed pulumi up", { skip: process.platform !== "linux" && "needs /proc" }, () => {
  const ups = killableUps("psb-crash-");

  it(`SIGKILL midway through ${COUNT} creates, then the runbook: exactly ${COUNT} objects, no pending operation`, async () => {
    const { emulator, root } = ups;
    const creates = () => emulator.count("POST", "/v1/shipping_rates");
    const { child, exited, log } = ups.spawn("rates-stack.js", {
      RATES_ROOT: root,
      RATES_COUNT: String(COUNT),
      RATES_API_BASE: emulator.url,
    });

    // Kill once Stripe has seen KILL_AFTER creates: the run is midway.
    for (let waited = 0; creates() < KILL_AFTER; waited += 10) {
      assert.ok(waited < 300_000, `the up never reached ${KILL_AFTER} creates:\n${log()}`);
      if (child.exitCode !== null) assert.fail(`the up ended before it was killed:\n${log()}`);
      await sleep(10);
    }
    const hosts = killUp(child.pid!);
    const atKill = creates();
    await exited;

    // The provider host notices the engine is gone: it sends no further write and ends.
    await sleep(2_000);
    const afterKill = creates() - atKill;
    console.log(`# ${atKill} creates at the kill; ${afterKill} more reached Stripe after it`);
    assert.ok(afterKill <= 3, `${afterKill} creates reached Stripe after the kill`);
    for (const host of hosts) assert.equal(alive(host), false, "the provider host has ended");
    assert.ok(emulator.requests({ method: "POST" }).length < COUNT, "the up was killed midway");

    // The runbook, as a CI job runs it.
    const local = await openRatesStack(root, COUNT, emulator.url);
    const { run, out } = await runbook(local);

    const list = (await (
      await fetch(`${emulator.url}/v1/shipping_rates?limit=100`, {
        headers: { authorization: "Bearer sk_test_ratesstack0000" },
      })
    ).json()) as { data: { id: string; active: boolean }[] };
    assert.equal(list.data.length, COUNT, `${list.data.length} shipping rates for ${COUNT} declared`);
    assert.ok(list.data.every((r) => r.active));

    const exported = await local.cli(["stack", "export"]);
    assert.equal(exported.code, 0, exported.stderr);
    const deployment = JSON.parse(exported.stdout).deployment;
    assert.deepEqual(deployment.pending_operations ?? [], []);
    const managed = new Set(
      deployment.resources
        .filter((r: { type: string }) => r.type.endsWith("ShippingRate"))
        .map((r: { id: string }) => r.id),
    );
    assert.equal(managed.size, COUNT);
    assert.deepEqual([...managed].sort(), list.data.map((r) => r.id).sort());

    // A later preview finds nothing to do and warns about nothing pending.
    out.text = "";
    await local.stack.preview({ ...run, expectNoChanges: true });
    assert.doesNotMatch(out.text, /pending/i);
  });
});
