/**
 * examples/yaml-spec: the spec validates for both stacks with `stripe-billing validate` (the
 * pull-request check its README gives), a bad edit fails with file, line and column, every
 * `${config:NAME}` it uses is set in each stack's config file, and its editor schema comment
 * points at the schema the package ships.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { assertBuilt, REPO_ROOT } from "../support/project";

const EXAMPLE = path.join(REPO_ROOT, "examples", "yaml-spec");
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");
const STACKS = ["test", "live"] as const;

function validate(cwd: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, "validate", "billing.yaml", ...args], {
    cwd,
    encoding: "utf8",
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The project's config values of a stack (Pulumi.<stack>.yaml), as `--config` arguments. */
function stackConfig(stack: string): string[] {
  const project = (parse(fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8")) as { name: string })
    .name;
  const file = parse(fs.readFileSync(path.join(EXAMPLE, `Pulumi.${stack}.yaml`), "utf8")) as {
    config: Record<string, string>;
  };
  return Object.entries(file.config)
    .filter(([k]) => k.startsWith(`${project}:`))
    .flatMap(([k, v]) => ["--config", `${k.slice(project.length + 1)}=${v}`]);
}

describe("examples/yaml-spec", () => {
  beforeAll(assertBuilt);

  it("validates for each stack, as its README's pull-request check runs it", () => {
    expect(validate(EXAMPLE)).toMatchObject({ code: 0, stdout: "billing.yaml: 25 entries, valid\n" });
    expect(validate(EXAMPLE, "--environment", "live")).toMatchObject({
      code: 0,
      stdout: "billing.yaml + billing.live.yaml: 26 entries, valid\n",
    });
  });

  it("sets every ${config:NAME} of the spec in each stack's config file, with values that validate", () => {
    const names = new Set(
      ["billing.yaml", "billing.live.yaml"].flatMap((f) =>
        [...fs.readFileSync(path.join(EXAMPLE, f), "utf8").matchAll(/\$\{config:([\w.:-]+)\}/g)].map(
          (m) => m[1],
        ),
      ),
    );
    expect([...names].sort()).toEqual(["privacyUrl", "returnUrl"]);
    for (const stack of STACKS) {
      const given = stackConfig(stack).filter((a) => a !== "--config");
      expect(given.map((a) => a.split("=")[0]).sort()).toEqual([...names].sort());
      expect(validate(EXAMPLE, "--environment", stack, ...stackConfig(stack)).code).toBe(0);
    }
  });

  it("fails an invalid edit with file, line, column and path", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-yaml-spec-"));
    try {
      for (const f of ["billing.yaml", "billing.live.yaml"])
        fs.copyFileSync(path.join(EXAMPLE, f), path.join(dir, f));
      const live = path.join(dir, "billing.live.yaml");
      const text = fs.readFileSync(live, "utf8");
      fs.writeFileSync(live, text.replace("fixedAmount: { amount: 1800 }", "fixedAmount: { amount: -1800 }"));
      // The base file still validates; the live stack's does not, at the edited value.
      expect(validate(dir).code).toBe(0);
      const lines = text.split("\n");
      const line = lines.findIndex((l) => l.includes("amount: 1800")) + 1;
      const col = lines[line - 1].indexOf("1800") + 1;
      const failed = validate(dir, "--environment", "live");
      expect(failed.code).toBe(1);
      expect(failed.stdout).toBe(
        `billing.live.yaml:${line}:${col} shippingRates.express.fixedAmount.amount: Too small: expected number to be >=0\n`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("points editors at the JSON Schema the package ships", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
    for (const f of ["billing.yaml", "billing.live.yaml"]) {
      const first = fs.readFileSync(path.join(EXAMPLE, f), "utf8").split("\n")[0];
      const [, target] = /^# yaml-language-server: \$schema=(\S+)$/.exec(first) ?? [];
      // Relative to the file: the package as the example's `npm install` puts it in node_modules.
      const inPackage = path.posix.relative("node_modules/pulumi-stripe-billing", target);
      expect(pkg.files).toContain(inPackage);
      expect(fs.existsSync(path.join(REPO_ROOT, inPackage))).toBe(true);
    }
  });
});
