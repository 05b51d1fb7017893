/**
 * examples/github-actions: the workflow is valid YAML of the shape GitHub runs, and every
 * command it runs exists — the package's scripts and `stripe-billing` commands, the plan
 * marker its comment step looks for, and a `validate` step that is skipped until the
 * installed package has the command.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { PLAN_MARKER } from "../../provider/cli/plan";
import { assertBuilt, REPO_ROOT } from "../support/project";

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
}
interface Job {
  if?: string;
  needs?: string | string[];
  environment?: string;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  steps: Step[];
}

const FILE = path.join(REPO_ROOT, "examples", "github-actions", "stripe-billing.yml");
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "index.js");
const workflow = parse(fs.readFileSync(FILE, "utf8"), { strict: true, uniqueKeys: true }) as {
  on: Record<string, unknown>;
  jobs: Record<string, Job>;
};
const jobs = Object.entries(workflow.jobs);
const runs = jobs.flatMap(([, job]) => job.steps.filter((s) => s.run).map((s) => s.run!));

/** The commands `stripe-billing --help` lists. */
function cliCommands(): string[] {
  const help = execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
  const section = help.split("commands:\n")[1].split("\n\n")[0];
  return section.split("\n").map((line) => line.trim().split(/\s+/)[0]);
}

describe("examples/github-actions", () => {
  beforeAll(assertBuilt);

  it("is a workflow of jobs and steps GitHub accepts", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push"]);
    for (const [name, job] of jobs) {
      expect(Array.isArray(job.steps)).toBe(true);
      for (const step of job.steps) {
        // A step is exactly one of `uses` or `run`.
        expect([step.uses, step.run].filter(Boolean)).toHaveLength(1);
        if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
      }
      expect(name).toMatch(/^[a-z][a-z-]*$/);
    }
    // Every shell script parses.
    for (const script of runs) execFileSync("bash", ["-n"], { input: script });
  });

  it("plans on pull requests and applies on main, test before live, live behind an environment", () => {
    const onPullRequest = jobs.filter(([, j]) => j.if?.includes("pull_request")).map(([n]) => n);
    const onPush = jobs.filter(([, j]) => j.if?.includes("'push'") || j.needs).map(([n]) => n);
    expect(onPullRequest).toEqual(["plan"]);
    expect(onPush).toEqual(["apply-test", "apply-live"]);
    expect(workflow.jobs["apply-live"].needs).toBe("apply-test");
    expect(workflow.jobs["apply-live"].environment).toBe("stripe-live");
    expect(workflow.jobs["apply-test"].steps.some((s) => s.run?.includes("pulumi up --stack test"))).toBe(
      true,
    );
    expect(workflow.jobs["apply-live"].steps.some((s) => s.run?.includes("pulumi up --stack live"))).toBe(
      true,
    );
    expect(workflow.jobs.plan.permissions?.["pull-requests"]).toBe("write");
  });

  it("takes the Stripe key from secrets into STRIPE_API_KEY, never into stack config", () => {
    for (const [, job] of jobs) expect(job.env?.STRIPE_API_KEY).toMatch(/^\$\{\{ secrets\.STRIPE_\w+ \}\}$/);
    expect(runs.join("\n")).not.toMatch(/config set|apiKey/);
  });

  it("runs only commands the package has, and updates one comment found by the plan's marker", () => {
    const commands = cliCommands();
    expect(commands).toContain("plan");
    const used = [...runs.join("\n").matchAll(/npx stripe-billing (\S+)/g)].map((m) => m[1]);
    expect(used).toContain("plan");
    for (const command of used) {
      if (command === "--help") continue;
      if (command === "validate" && !commands.includes("validate")) {
        // Not in this version yet: the step must skip it unless `--help` lists it.
        const step = runs.find((r) => r.includes("stripe-billing validate"))!;
        expect(step).toContain("npx stripe-billing --help | grep -q '^  validate '");
        expect(execFileSync(process.execPath, [CLI, "--help"], { encoding: "utf8" })).not.toMatch(
          /^ {2}validate /m,
        );
        continue;
      }
      expect(commands).toContain(command);
    }
    // `npm ci` needs a lock file, and `npm run` only scripts that exist.
    expect(runs.some((r) => r.trim() === "npm ci")).toBe(true);
    const scripts = Object.keys(
      JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts,
    );
    for (const m of runs.join("\n").matchAll(/npm run (\S+)/g)) expect(scripts).toContain(m[1]);

    const comment = workflow.jobs.plan.steps.find((s) => s.uses?.startsWith("actions/github-script"))!;
    const script = String(comment.with?.script);
    expect(script).toContain(JSON.stringify(PLAN_MARKER));
    expect(script).toContain("updateComment");
    // The script is valid JavaScript as github-script runs it (the body of an async function).
    expect(() => new Function(`return (async () => {\n${script}\n})`)).not.toThrow();
  });
});
