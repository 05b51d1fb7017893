#!/usr/bin/env node
/**
 * The `stripe-billing` command: the local Stripe emulator, a reviewer's plan, the offline
 * check of a YAML billing spec, and the export of an account as one.
 */
import * as fs from "node:fs";
import { packageVersion } from "../package-info";
import { renderPlan, type PlanFormat } from "./plan";
import { runExport } from "./export";
import { runValidate } from "./validate";

const USAGE = `usage: stripe-billing <command> [options]

commands:
  emulator   run the local Stripe emulator (stripe-billing emulator --help)
  plan       turn \`pulumi preview --json\` into a plan a reviewer reads (stripe-billing plan --help)
  validate   check a YAML billing spec offline (stripe-billing validate --help)
  export     print an account's billing setup as a YAML billing spec (stripe-billing export --help)

options:
  --help, -h      this help
  --version, -v   the package version
`;

const PLAN_USAGE = `usage: stripe-billing plan [FILE] [--format markdown|text]

Reads the JSON that \`pulumi preview --json\` prints, from FILE or standard input, and writes
the plan: one line per changed Stripe object in billing words (what changes, the inputs that
force a replacement, what destroy does in Stripe), warnings first, a one-line summary last.

  --format markdown   for a pull-request comment (the default); starts with a hidden marker
                      line, ${"<!-- stripe-billing-plan -->"}, to find the comment again
  --format text       for a terminal

example:
  pulumi preview --json --stack test | npx stripe-billing plan > plan.md
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "emulator": {
      const { runEmulatorCli } = require("../../emulator/cli") as typeof import("../../emulator/cli");
      return runEmulatorCli(rest);
    }
    case "plan":
      return runPlan(rest);
    case "validate":
      return runValidate(rest);
    case "export":
      return runExport(rest);
    case "--version":
    case "-v":
    case "version":
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`stripe-billing: unknown command ${command}\n\n${USAGE}`);
      return 2;
  }
}

async function runPlan(argv: string[]): Promise<number> {
  let format: PlanFormat = "markdown";
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      process.stdout.write(PLAN_USAGE);
      return 0;
    }
    if (arg === "--format" || arg.startsWith("--format=")) {
      const value = arg.includes("=") ? arg.slice("--format=".length) : argv[++i];
      if (value !== "markdown" && value !== "text") {
        process.stderr.write(`stripe-billing plan: --format takes markdown or text\n\n${PLAN_USAGE}`);
        return 2;
      }
      format = value;
    } else if (arg.startsWith("-") && arg !== "-") {
      process.stderr.write(`stripe-billing plan: unknown option ${arg}\n\n${PLAN_USAGE}`);
      return 2;
    } else if (file === undefined) {
      file = arg;
    } else {
      process.stderr.write(`stripe-billing plan: one input file at most\n\n${PLAN_USAGE}`);
      return 2;
    }
  }
  const input = file && file !== "-" ? fs.readFileSync(file, "utf8") : await readStdin();
  process.stdout.write(renderPlan(input, format));
  return 0;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new Error("plan: give a file, or pipe `pulumi preview --json` into standard input");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`stripe-billing: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
