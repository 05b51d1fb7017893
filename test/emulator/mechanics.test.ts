/**
 * The emulator's cross-cutting behaviour: auth and modes, accounts, idempotency, injected
 * faults, rate limits, lists, request log and the HTTP control surface.
 */
import { raw, useEmulatorWithSdk } from "./support";
import { liveKey } from "../support/keys";

const t = useEmulatorWithSdk();
const RATE = "display_name=Ground&type=fixed_amount&fixed_amount[amount]=500&fixed_amount[currency]=usd";
const post = (body: string, headers: Record<string, string> = {}) =>
  raw(t.url, "POST", "/v1/shipping_rates", body, headers);

describe("auth and scopes", () => {
  it("answers 401 without a valid-looking key", async () => {
    expect((await raw(t.url, "GET", "/v1/shipping_rates", "", { authorization: "" })).status).toBe(401);
    const bad = await raw(t.url, "GET", "/v1/shipping_rates", "", { authorization: "Bearer pk_test_123" });
    expect(bad.status).toBe(401);
    expect(bad.json.error.type).toBe("authentication_error");
  });

  it("keeps test and live mode, and each connected account, apart", async () => {
    const test = await post(RATE);
    const live = await post(RATE, { authorization: `Bearer ${liveKey("abc123")}` });
    const connected = await post(RATE, { "stripe-account": "acct_1" });
    expect([test.json.livemode, live.json.livemode]).toEqual([false, true]);
    const list = (headers: Record<string, string>) =>
      raw(t.url, "GET", "/v1/shipping_rates", "", headers).then((r) => r.json.data.map((o: any) => o.id));
    expect(await list({})).toEqual([test.json.id]);
    expect(await list({ authorization: "Bearer rk_live_abc123" })).toEqual([live.json.id]);
    expect(await list({ "stripe-account": "acct_1" })).toEqual([connected.json.id]);
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${live.json.id}`)).status).toBe(404);
  });

  it("keeps a chosen id held in test and live mode apart: deleting one leaves the other", async () => {
    const live = { authorization: `Bearer ${liveKey("abc123")}` };
    const coupon = "id=launch&percent_off=25&duration=once";
    expect((await raw(t.url, "POST", "/v1/coupons", coupon)).status).toBe(200);
    expect((await raw(t.url, "POST", "/v1/coupons", coupon, live)).status).toBe(200);
    expect((await raw(t.url, "DELETE", "/v1/coupons/launch")).status).toBe(200);
    expect((await raw(t.url, "GET", "/v1/coupons/launch")).status).toBe(404);
    const kept = await raw(t.url, "GET", "/v1/coupons/launch", "", live);
    expect([kept.status, kept.json.livemode]).toEqual([200, true]);
    // The control surface finds the one left.
    expect(t.emulator.objects.get("launch")).toMatchObject({ livemode: true });
    expect((await raw(t.url, "DELETE", "/v1/coupons/launch", "", live)).status).toBe(200);
    expect(t.emulator.objects.get("launch")).toBeUndefined();
  });

  it("sends a request id and echoes the API version", async () => {
    const res = await post(RATE, { "stripe-version": "2026-10-28.endive" });
    expect(res.headers.get("request-id")).toMatch(/^req_/);
    expect(res.headers.get("stripe-version")).toBe("2026-10-28.endive");
  });

  it("answers unknown URLs with Stripe's 404", async () => {
    const res = await raw(t.url, "GET", "/v1/nothing");
    expect(res.status).toBe(404);
    expect(res.json.error.message).toMatch(/Unrecognized request URL/);
  });
});

describe("idempotency", () => {
  it("replays the stored response for the same key and parameters", async () => {
    const first = await post(RATE, { "idempotency-key": "k1" });
    const again = await post(RATE, { "idempotency-key": "k1" });
    expect(again.json.id).toBe(first.json.id);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(t.emulator.objects.get(first.json.id)).toBeDefined();
    expect((await raw(t.url, "GET", "/v1/shipping_rates")).json.data).toHaveLength(1);
  });

  it("refuses the same key with other parameters", async () => {
    await post(RATE, { "idempotency-key": "k2" });
    const other = await post(RATE.replace("500", "600"), { "idempotency-key": "k2" });
    expect(other.status).toBe(400);
    expect(other.json.error.type).toBe("idempotency_error");
  });

  it("answers 409 while the key is still in flight", async () => {
    t.emulator.inject({ type: "latency", ms: 300, method: "POST" });
    const slow = post(RATE, { "idempotency-key": "k3" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const concurrent = await post(RATE, { "idempotency-key": "k3" });
    expect(concurrent.status).toBe(409);
    expect((await slow).status).toBe(200);
  });

  it("does not store validation failures, so the key can be used again", async () => {
    expect((await post("display_name=x", { "idempotency-key": "k4" })).status).toBe(400);
    expect((await post(RATE, { "idempotency-key": "k4" })).status).toBe(200);
  });

  it("keeps keys per account", async () => {
    const a = await post(RATE, { "idempotency-key": "k5" });
    const b = await post(RATE, { "idempotency-key": "k5", "stripe-account": "acct_2" });
    expect(b.json.id).not.toBe(a.json.id);
  });
});

describe("faults", () => {
  it.each([
    [{ type: "status", status: 500 } as const, 500, "api_error"],
    [{ type: "status", status: 503 } as const, 503, "api_error"],
    [{ type: "lock_timeout" } as const, 429, "lock_timeout"],
    [{ type: "rate_limit" } as const, 429, "rate_limit"],
  ])("%j answers %s before executing, and is used up", async (fault, status, kind) => {
    t.emulator.inject({ ...fault, method: "POST" });
    const failed = await post(RATE);
    expect(failed.status).toBe(status);
    expect(failed.json.error.code ?? failed.json.error.type).toBe(kind);
    expect((await raw(t.url, "GET", "/v1/shipping_rates")).json.data).toHaveLength(0);
    expect((await post(RATE)).status).toBe(200);
  });

  it("drops the connection before the write, leaving nothing behind", async () => {
    t.emulator.inject({ type: "reset", when: "before", method: "POST" });
    await expect(post(RATE)).rejects.toThrow();
    expect((await raw(t.url, "GET", "/v1/shipping_rates")).json.data).toHaveLength(0);
  });

  it("drops the connection after the write, which a retry with the same key then finds", async () => {
    t.emulator.inject({ type: "reset", when: "after", method: "POST" });
    await expect(post(RATE, { "idempotency-key": "lost" })).rejects.toThrow();
    const retry = await post(RATE, { "idempotency-key": "lost" });
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect((await raw(t.url, "GET", "/v1/shipping_rates")).json.data).toHaveLength(1);
  });

  it.each([
    ["before", 0],
    ["after", 1],
  ] as const)("holds a request unanswered (%s it runs) until the caller goes away", async (when, stored) => {
    t.emulator.inject({ type: "hang", when, method: "POST", path: "/v1/shipping_rates" });
    const gone = fetch(`${t.url}/v1/shipping_rates`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_hang", "content-type": "application/x-www-form-urlencoded" },
      body: RATE,
      signal: AbortSignal.timeout(300),
    });
    await expect(gone).rejects.toThrow();
    expect(t.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
    const list = await raw(t.url, "GET", "/v1/shipping_rates", "", { authorization: "Bearer sk_test_hang" });
    expect(list.json.data).toHaveLength(stored);
  });

  it("matches faults by method and path, and counts requests", async () => {
    t.emulator.inject({
      type: "status",
      status: 500,
      method: "GET",
      path: /^\/v1\/shipping_rates\//,
      times: 2,
    });
    const created = await post(RATE);
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).status).toBe(500);
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).status).toBe(500);
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).status).toBe(200);
    expect(t.emulator.count("GET", /^\/v1\/shipping_rates\//)).toBe(3);
    expect(t.emulator.count("POST", "/v1/shipping_rates")).toBe(1);
  });
});

describe("rate limit", () => {
  it("answers 429 rate_limit above the configured rate, per mode", async () => {
    t.emulator.setRateLimit(5);
    const statuses = await Promise.all(
      Array.from({ length: 10 }, () => raw(t.url, "GET", "/v1/shipping_rates").then((r) => r.status)),
    );
    // A full bucket of 5; a slow machine may see one more token refill during the burst.
    const ok = statuses.filter((s) => s === 200).length;
    expect(ok).toBeGreaterThanOrEqual(5);
    expect(ok).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - ok);
    expect(
      (await raw(t.url, "GET", "/v1/shipping_rates", "", { authorization: `Bearer ${liveKey("x1")}` }))
        .status,
    ).toBe(200);
    t.emulator.setRateLimit(undefined);
  });
});

describe("lists", () => {
  it("pages newest first with limit, starting_after, ending_before and has_more, and filters", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await post(RATE.replace("usd", i % 2 ? "eur" : "usd"))).json.id);
      t.emulator.clock.advance(10);
    }
    const newest = [...ids].reverse();
    const page1 = (await raw(t.url, "GET", "/v1/shipping_rates?limit=2")).json;
    expect(page1).toMatchObject({ object: "list", has_more: true, url: "/v1/shipping_rates" });
    expect(page1.data.map((o: any) => o.id)).toEqual(newest.slice(0, 2));
    const page2 = (await raw(t.url, "GET", `/v1/shipping_rates?limit=2&starting_after=${newest[1]}`)).json;
    expect(page2.data.map((o: any) => o.id)).toEqual(newest.slice(2, 4));
    const before = (await raw(t.url, "GET", `/v1/shipping_rates?limit=2&ending_before=${newest[3]}`)).json;
    expect(before.data.map((o: any) => o.id)).toEqual(newest.slice(1, 3));
    expect((await raw(t.url, "GET", "/v1/shipping_rates?currency=eur")).json.data).toHaveLength(2);
    const created = Number(t.emulator.objects.get(ids[2])?.created);
    expect((await raw(t.url, "GET", `/v1/shipping_rates?created[gte]=${created}`)).json.data).toHaveLength(3);
    expect((await raw(t.url, "GET", "/v1/shipping_rates?limit=101")).status).toBe(400);
  });

  it("expands each listed object's field with `data.<field>` (https://docs.stripe.com/expand#lists)", async () => {
    await t.sdk.products.create({ id: "pro", name: "Pro" });
    const made = await t.sdk.prices.create({
      product: "pro",
      currency: "usd",
      unit_amount: 100,
      recurring: { interval: "month" },
    });
    await t.sdk.billingPortal.configurations.create({
      features: {
        subscription_update: {
          enabled: true,
          default_allowed_updates: ["price"],
          products: [{ product: "pro", prices: [made.id] }],
        },
      },
    });
    const portals = (path: string) =>
      raw(t.url, "GET", path).then((r) => r.json.data[0].features.subscription_update.products);
    expect(await portals("/v1/billing_portal/configurations")).toBeUndefined();
    expect(
      await portals("/v1/billing_portal/configurations?expand[]=data.features.subscription_update.products"),
    ).toEqual([{ product: "pro", prices: [made.id], adjustable_quantity: expect.any(Object) }]);
    const listed = (await raw(t.url, "GET", "/v1/prices?expand[]=data.currency_options")).json.data[0];
    expect(listed.currency_options).toEqual({ usd: expect.objectContaining({ unit_amount: 100 }) });
  });
});

describe("the control surface", () => {
  it("injects faults, reads the request log, moves the clock and changes objects out of band", async () => {
    const control = (method: string, path: string, body?: unknown) =>
      fetch(`${t.url}/_emulator${path}`, {
        method,
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json());
    const created = await post(RATE);
    expect(
      await control("POST", "/faults", {
        type: "status",
        status: 503,
        method: "GET",
        path: { regex: "^/v1/shipping_rates/" },
      }),
    ).toEqual({
      injected: 1,
    });
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).status).toBe(503);
    const log = (await control("GET", "/requests?method=POST")) as any[];
    expect(log.map((r) => r.path)).toEqual(["/v1/shipping_rates"]);
    const { now } = (await control("POST", "/clock", { advance: 3600 })) as { now: number };
    expect(now).toBe(t.emulator.clock.now());
    await control("POST", `/objects/${created.json.id}`, { active: false });
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).json.active).toBe(false);
    await control("DELETE", `/objects/${created.json.id}`);
    expect((await raw(t.url, "GET", `/v1/shipping_rates/${created.json.id}`)).status).toBe(404);
    await control("POST", "/reset");
    expect(t.emulator.requests()).toHaveLength(0);
  });
});
