import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { startEmulator, type Emulator } from "../../emulator";
import type { FormParams } from "../../provider/stripe/encode";
import { assertBuilt, REPO_ROOT } from "../support/project";
import { stripePost } from "../support/stripe-api";

const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");
const KEY = "sk_test_exportcli0000000000000";

function run(args: string[], env: Record<string, string> = {}, cwd = os.tmpdir()) {
  return new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("STRIPE_")));
    execFile(process.execPath, [CLI, ...args], { cwd, env: { ...base, ...env } }, (error, out, err) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

describe("stripe-billing export", () => {
  let emulator: Emulator;
  let dir: string;
  const post = (p: string, params: FormParams, account?: string) =>
    stripePost(emulator.url, KEY, p, params, account);

  beforeAll(async () => {
    assertBuilt();
    emulator = await startEmulator({ port: 0 });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-cli-"));
    await post("/v1/products", { id: "pro", name: "Pro" }, "acct_exported");
    await post(
      "/v1/prices",
      { product: "pro", currency: "usd", unit_amount: 1000, lookup_key: "pro-once" },
      "acct_exported",
    );
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("writes a spec that `stripe-billing validate` accepts, reading only, from a connected account", async () => {
    const before = emulator.requests().length;
    const r = await run(
      ["export", "--account", "acct_exported", "--out", "billing.yaml"],
      {
        STRIPE_API_KEY: KEY,
        STRIPE_API_BASE: emulator.url,
      },
      dir,
    );
    expect(r).toMatchObject({ code: 0, out: "" });
    expect(r.err).toContain("billing.yaml: 2 entries");
    const text = fs.readFileSync(path.join(dir, "billing.yaml"), "utf8");
    expect(parse(text)).toEqual({
      products: { pro: { productId: "pro", name: "Pro", adoptId: "pro" } },
      prices: {
        "pro-once": {
          product: "pro",
          currency: "usd",
          unitAmount: 1000,
          lookupKey: "pro-once",
          adoptId: expect.stringMatching(/^price_/),
        },
      },
    });
    const sent = emulator.requests().slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((q) => q.method === "GET" && q.stripeAccount === "acct_exported")).toBe(true);
    expect(sent.every((q) => q.stripeVersion === "2026-10-28.endive")).toBe(true);
    const v = await run(["validate", "billing.yaml"], {}, dir);
    expect(v).toMatchObject({ code: 0, out: "billing.yaml: 2 entries, valid\n" });
  });

  it("prints to standard output, takes the address from --api-base and the account from STRIPE_ACCOUNT", async () => {
    const r = await run(["export", "--no-adopt-ids", "--api-base", emulator.url], {
      STRIPE_API_KEY: KEY,
      STRIPE_ACCOUNT: "acct_exported",
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# yaml-language-server: \$schema=/);
    expect(r.out).not.toContain("adoptId");
    expect(parse(r.out).prices["pro-once"].product).toBe("pro");
  });

  it("exports tax rates and webhook endpoints as entries, never the endpoint's signing secret", async () => {
    const account = "acct_hooks";
    await post(
      "/v1/tax_rates",
      { display_name: "VAT", percentage: 19, inclusive: false, country: "DE", tax_type: "vat" },
      account,
    );
    const hook = await post(
      "/v1/webhook_endpoints",
      {
        url: "https://example.com/stripe/webhooks",
        enabled_events: ["invoice.paid"],
        description: "Billing",
      },
      account,
    );
    expect(hook.secret).toMatch(/^whsec_/);
    const r = await run(["export", "--account", account, "--api-base", emulator.url], {
      STRIPE_API_KEY: KEY,
    });
    expect(r.code).toBe(0);
    expect(parse(r.out)).toEqual({
      taxRates: {
        "vat-de-19-exclusive": {
          displayName: "VAT",
          percentage: 19,
          inclusive: false,
          country: "DE",
          taxType: "vat",
          adoptId: expect.stringMatching(/^txr_/),
        },
      },
      webhookEndpoints: {
        "example.com-stripe-webhooks": {
          url: "https://example.com/stripe/webhooks",
          enabledEvents: ["invoice.paid"],
          description: "Billing",
          adoptId: hook.id,
        },
      },
    });
    expect(r.out + r.err).not.toContain(hook.secret);
    expect(r.out + r.err).not.toContain("whsec_");
  });

  it("fails with exit 1 and a coded message without a key", async () => {
    const r = await run(["export", "--api-base", emulator.url]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("[missing_api_key] No Stripe API key: set STRIPE_API_KEY");
    expect(r.out).toBe("");
  });

  it("fails with exit 1 and a coded message for a malformed key, never printing it", async () => {
    const r = await run(["export", "--api-base", emulator.url], { STRIPE_API_KEY: "sk_test_abc-secret!" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("[invalid_api_key]");
    expect(r.err).not.toContain("abc-secret");
  });

  it("fails with exit 1 and Stripe's code when Stripe refuses the key, the key redacted", async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json", "request-id": "req_401" });
      res.end(
        JSON.stringify({
          error: {
            type: "invalid_request_error",
            code: "api_key_expired",
            message: "Expired API Key provided: sk_test_revokedkey12345",
          },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const r = await run(["export", "--api-base", url], { STRIPE_API_KEY: "sk_test_revokedkey12345" });
      expect(r.code).toBe(1);
      expect(r.err).toMatch(
        /\[api_key_expired\] Stripe 401 api_key_expired: Expired API Key provided: sk_test_\*\*\*/,
      );
      expect(r.err).not.toContain("revokedkey12345");
      expect(r.out).toBe("");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    [["--account", "not-an-account"], "--account takes an account id"],
    [["--api-base", "ftp://x"], "--api-base takes an http(s) URL"],
    [["--frobnicate"], "unknown option --frobnicate"],
    [["extra"], "unexpected argument extra"],
  ])("refuses %j with exit 2: %s", async (args, message) => {
    const r = await run(["export", ...args], { STRIPE_API_KEY: KEY });
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("documents itself and its flags", async () => {
    const r = await run(["export", "--help"]);
    expect(r.code).toBe(0);
    for (const flag of ["--account", "--out", "--include-schedules", "--no-adopt-ids", "--api-base"])
      expect(r.out).toContain(flag);
    expect((await run(["--help"])).out).toContain("export ");
  });
});
