import { spawn } from "node:child_process";
import * as path from "node:path";
import { assertBuilt, REPO_ROOT } from "./support/project";

describe("the stripe-billing command", () => {
  beforeAll(assertBuilt);

  it("runs the emulator until told to stop", async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "provider", "cli", "index.js"), "emulator", "--port", "0"],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (d) => {
        out += d;
        const m = /Stripe emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on("exit", (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/v1/shipping_rates`, { headers: { authorization: "Bearer sk_test_cli" } });
    expect(res.status).toBe(200);
    child.kill("SIGTERM");
    expect(await new Promise((resolve) => child.on("exit", (code) => resolve(code)))).toBe(0);
  });

  it("prints its usage for an unknown command", async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, "dist", "provider", "cli", "index.js"), "launch-rockets"],
      { stdio: "pipe" },
    );
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    expect(await new Promise((resolve) => child.on("exit", (code) => resolve(code)))).toBe(2);
    expect(err).toContain("usage: stripe-billing");
  });
});
