/**
 * scripts/pulumi-cli.sh under concurrency: two runs that both find no cached CLI build it
 * once; the second waits for the first's lock and reuses its build instead of replacing it.
 * A stand-in `go` on PATH records each build and takes a moment, like the real one.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../support/project";

const SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-cli.sh");
const VERSION = fs
  .readdirSync(path.join(REPO_ROOT, "scripts", "pulumi-cli"))
  .filter((v) => /^\d+\.\d+\.\d+$/.test(v))[0];

function run(env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile("bash", [SCRIPT, VERSION], { env }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

describe("scripts/pulumi-cli.sh", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-cli-lock-"));
    const fakeBin = path.join(dir, "fake-bin");
    fs.mkdirSync(fakeBin);
    // `go build ... -o <out> <pkg>`: writes an executable after a pause and logs the call.
    fs.writeFileSync(
      path.join(fakeBin, "go"),
      `#!/usr/bin/env bash
echo build >> "${dir}/builds.log"
sleep 1.5
while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done
printf '#!/bin/sh\\necho pulumi\\n' > "$out" && chmod +x "$out"
`,
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("builds once for two concurrent runs, and neither deletes the other's build", async () => {
    const env = {
      ...process.env,
      PATH: `${path.join(dir, "fake-bin")}${path.delimiter}${process.env.PATH}`,
      PULUMI_STRIPE_BILLING_CACHE: path.join(dir, "cache"),
    };
    const [a, b] = await Promise.all([run(env), run(env)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const bin = path.join(dir, "cache", "pulumi-cli", VERSION, "bin");
    expect(a.stdout.trim()).toBe(bin);
    expect(b.stdout.trim()).toBe(bin);
    expect(fs.readFileSync(path.join(dir, "builds.log"), "utf8")).toBe("build\n");
    expect(`${a.stderr}${b.stderr}`).toContain("waiting for another build");
    expect(fs.existsSync(path.join(bin, "pulumi"))).toBe(true);
    expect(fs.existsSync(path.join(bin, "pulumi-resource-pulumi-nodejs"))).toBe(true);
    // No half-built folder is left behind.
    expect(
      fs.readdirSync(path.join(dir, "cache", "pulumi-cli")).filter((f) => f.startsWith(".build")),
    ).toEqual([]);
  });
});
