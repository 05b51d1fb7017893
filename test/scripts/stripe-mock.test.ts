/**
 * scripts/stripe-mock.sh: builds stripe-mock with `go install` into the cache (the version the
 * differences file is written against, with the Go on PATH only), reuses that build afterwards,
 * and leaves nothing behind when the build fails. A stand-in `go` logs each call.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DIFFERENCES } from "../../scripts/stripe-mock-replay";
import { REPO_ROOT } from "../support/project";

describe("scripts/stripe-mock.sh", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "psb-stripe-mock-"));
    fs.mkdirSync(path.join(dir, "bin"));
    // `go install <module>@<version>`: fails when asked to, else writes $GOBIN/stripe-mock.
    fs.writeFileSync(
      path.join(dir, "bin", "go"),
      `#!/usr/bin/env bash
echo "GOTOOLCHAIN=$GOTOOLCHAIN $*" >> "${dir}/go.log"
[ -z "$FAIL_BUILD" ] || exit 3
printf '#!/bin/sh\\n' > "$GOBIN/stripe-mock" && chmod +x "$GOBIN/stripe-mock"
`,
      { mode: 0o755 },
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (extra: NodeJS.ProcessEnv = {}) =>
    spawnSync("bash", [path.join(REPO_ROOT, "scripts", "stripe-mock.sh")], {
      encoding: "utf8",
      env: {
        ...process.env,
        PATH: `${path.join(dir, "bin")}${path.delimiter}${process.env.PATH}`,
        PULUMI_STRIPE_BILLING_CACHE: path.join(dir, "cache"),
        PULUMI_STRIPE_BILLING_STRIPE_MOCK_VERSION: "",
        ...extra,
      },
    });
  const cache = () => path.join(dir, "cache", "stripe-mock");
  const log = () => fs.readFileSync(path.join(dir, "go.log"), "utf8");

  it("builds the version the differences are written against once, with the local Go", () => {
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe(path.join(cache(), DIFFERENCES.stripeMock, "stripe-mock"));
    expect(first.stderr).toMatch(/built in \d+ s/);
    expect(run().stdout).toBe(first.stdout);
    expect(log()).toBe(
      `GOTOOLCHAIN=local install -trimpath -ldflags -s -w github.com/stripe/stripe-mock@v${DIFFERENCES.stripeMock}\n`,
    );
  });

  it("fails with go's status and leaves no build folder when go fails", () => {
    const failed = run({ FAIL_BUILD: "1" });
    expect(failed.status).toBe(3);
    expect(failed.stdout).toBe("");
    expect(fs.readdirSync(cache()).filter((f) => !f.startsWith(".lock"))).toEqual([]);
  });
});
