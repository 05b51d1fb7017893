import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertBuilt, REPO_ROOT } from "../support/project";

const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");

function run(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, "validate", ...args], { cwd, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("stripe-billing validate", () => {
  let dir: string;
  beforeAll(() => {
    assertBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"));
    fs.writeFileSync(
      path.join(dir, "billing.yaml"),
      "products:\n  pro: { productId: pro, name: Pro }\nprices:\n  pro-monthly:\n    product: pro\n    currency: usd\n    unitAmount: 900\n",
    );
    fs.writeFileSync(
      path.join(dir, "billing.live.yaml"),
      "prices:\n  pro-monthly:\n    currency: usdollar\n",
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 for a valid spec, offline and without a key", () => {
    const r = run(["billing.yaml"], dir);
    expect(r).toMatchObject({ code: 0, out: "billing.yaml: 2 entries, valid\n" });
  });

  it("prints file:line:col path: reason for each problem and exits 1", () => {
    const r = run(["billing.yaml", "--environment", "live"], dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^billing\.live\.yaml:3:15 prices\.pro-monthly\.currency: .+\n$/);
    expect(r.err).toContain("1 problem(s) in billing.yaml + billing.live.yaml");
  });

  it.each([
    [[], "give the spec file"],
    [["a.yaml", "b.yaml"], "one spec file at most"],
    [["billing.yaml", "--live"], "unknown option --live"],
    [["billing.yaml", "--config", "novalue"], "--config takes NAME=VALUE"],
  ])("refuses %j with exit 2: %s", (args, message) => {
    const r = run(args, dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("says when the file cannot be read", () => {
    const r = run(["missing.yaml"], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain("ENOENT");
  });

  it("documents itself", () => {
    const r = run(["--help"], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain("usage: stripe-billing validate FILE [--environment NAME]");
  });
});
