import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startEmulator, type Emulator } from "../../emulator";
import { StripeApiError, StripeConnectionError } from "../../provider/errors";
import { StripeClient } from "../../provider/stripe/client";
import { RateLimiter } from "../../provider/stripe/rate-limiter";
import { resolveSettings } from "../../provider/stripe/settings";

const KEY = "sk_test_clientsuite12345678";

/** Servers still open; closed after each test, so a failing assertion cannot keep jest alive. */
const open: Server[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/**
 * A scripted server: each request gets the next canned answer; headers are recorded. A string
 * body is sent as is (as a proxy would answer), anything else as JSON.
 */
async function scripted(answers: { status: number; headers?: Record<string, string>; body: unknown }[]) {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    req.on("end", () => {
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
      const raw = typeof answer.body === "string";
      res.writeHead(answer.status, {
        "content-type": raw ? "text/html" : "application/json",
        "request-id": "req_scripted",
        ...answer.headers,
      });
      res.end(raw ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  open.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen };
}

function client(apiBase: string, extra: Record<string, string> = {}, random = () => 0) {
  const sleeps: number[] = [];
  const c = new StripeClient(
    resolveSettings({ "stripe-billing:apiKey": KEY, "stripe-billing:apiBase": apiBase, ...extra }, {}),
    {
      limiter: new RateLimiter({ perSecond: 1000 }),
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random,
    },
  );
  return { c, sleeps };
}

describe("StripeClient against the emulator", () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.reset());

  it("sends Stripe's headers: key, pinned version, account, and an idempotency key on writes only", async () => {
    const { c } = client(emulator.url, { "stripe-billing:stripeAccount": "acct_9" });
    const rate = await c.post<{ id: string }>("/v1/shipping_rates", {
      display_name: "x",
      type: "fixed_amount",
      fixed_amount: { amount: 1, currency: "usd" },
    });
    await c.get(`/v1/shipping_rates/${rate.id}`);
    const [write, read] = emulator.requests();
    expect(write).toMatchObject({
      stripeVersion: "2026-10-28.endive",
      stripeAccount: "acct_9",
      livemode: false,
    });
    expect(write.idempotencyKey).toMatch(/^psb-[0-9a-f-]{36}$/);
    expect(read.idempotencyKey).toBeUndefined();
  });

  it("reuses one idempotency key across retries", async () => {
    emulator.inject({ type: "status", status: 503, method: "POST", times: 2 });
    const { c, sleeps } = client(emulator.url, {}, () => 1);
    await c.post("/v1/shipping_rates", {
      display_name: "x",
      type: "fixed_amount",
      fixed_amount: { amount: 1, currency: "usd" },
    });
    const keys = emulator.requests().map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(sleeps).toEqual([500, 1000]);
  });

  it("pages through a list with starting_after", async () => {
    const { c } = client(emulator.url);
    for (let i = 0; i < 7; i++) {
      await c.post("/v1/shipping_rates", {
        display_name: `r${i}`,
        type: "fixed_amount",
        fixed_amount: { amount: i, currency: "usd" },
      });
    }
    const seen: string[] = [];
    for await (const rate of c.list<{ id: string }>("/v1/shipping_rates", { limit: 3 })) seen.push(rate.id);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(emulator.requests({ method: "GET" }).map((r) => r.params.starting_after ?? null)).toEqual([
      null,
      seen[2],
      seen[5],
    ]);
  });

  it("reports a refused connection as a connection error after its retries", async () => {
    const { c, sleeps } = client("http://127.0.0.1:9", { "stripe-billing:maxRetries": "3" });
    const err = (await c.get("/v1/shipping_rates").catch((e) => e)) as StripeConnectionError;
    expect(err).toBeInstanceOf(StripeConnectionError);
    expect(err.message).toContain("Could not reach Stripe at http://127.0.0.1:9 (GET /v1/shipping_rates)");
    // One wait before each retry: four attempts in all, the last one failing for good.
    expect(sleeps).toHaveLength(3);
  });
});

describe("StripeClient retry signals", () => {
  it("honours Retry-After as the least wait", async () => {
    const server = await scripted([
      {
        status: 429,
        headers: { "retry-after": "3" },
        body: { error: { type: "invalid_request_error", code: "rate_limit" } },
      },
      { status: 200, body: { ok: true } },
    ]);
    const { c, sleeps } = client(server.url);
    await expect(c.get("/v1/x")).resolves.toEqual({ ok: true });
    expect(sleeps).toEqual([3000]);
  });

  // A proxy or load balancer in front of Stripe answers 429 with no Stripe error body at all.
  it.each([
    ["an empty body", ""],
    ["an HTML page", "<html><body>429 Too Many Requests</body></html>"],
    ["JSON without an error code", { error: { type: "invalid_request_error" } }],
  ])("retries a bare 429 with %s, then succeeds", async (_name, body) => {
    const server = await scripted([
      { status: 429, body },
      { status: 429, body },
      { status: 200, body: { ok: true } },
    ]);
    const { c, sleeps } = client(server.url);
    await expect(c.post("/v1/x", {})).resolves.toEqual({ ok: true });
    expect(server.seen).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it("does not retry when Stripe-Should-Retry says false, even on a 500", async () => {
    const server = await scripted([
      { status: 500, headers: { "stripe-should-retry": "false" }, body: { error: { type: "api_error" } } },
    ]);
    const { c } = client(server.url);
    await expect(c.post("/v1/x", {})).rejects.toMatchObject({ statusCode: 500, requestId: "req_scripted" });
    expect(server.seen).toHaveLength(1);
  });

  it("retries a 400 when Stripe-Should-Retry says true", async () => {
    const server = await scripted([
      {
        status: 400,
        headers: { "stripe-should-retry": "true" },
        body: { error: { type: "invalid_request_error" } },
      },
      { status: 200, body: { ok: 1 } },
    ]);
    const { c } = client(server.url);
    await expect(c.post("/v1/x", {})).resolves.toEqual({ ok: 1 });
    expect(server.seen[0]["idempotency-key"]).toBe(server.seen[1]["idempotency-key"]);
  });

  it("never puts the API key in an error message, even when the server echoes it", async () => {
    const server = await scripted([
      {
        status: 401,
        body: { error: { type: "authentication_error", message: `Invalid API Key provided: ${KEY}` } },
      },
    ]);
    const { c } = client(server.url);
    const err = (await c.get("/v1/x").catch((e) => e)) as StripeApiError;
    expect(err).toBeInstanceOf(StripeApiError);
    expect(err.message).not.toContain(KEY);
    expect(err.stripeMessage).not.toContain(KEY);
    expect(err.message).toContain("sk_test_***");
    expect(server.seen[0].authorization).toBe(`Bearer ${KEY}`);
    expect(server.seen[0]["user-agent"]).toMatch(/^pulumi-stripe-billing\/\d+\.\d+\.\d+ node\//);
  });
});
