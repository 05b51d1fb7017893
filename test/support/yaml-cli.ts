/**
 * The Pulumi CLI as a user runs it on a Pulumi YAML project: plain `pulumi <args>` in the
 * project folder, no Automation API in between. The project is a copy of an example in a
 * temporary folder, with a file backend, its own PULUMI_HOME and a throwaway passphrase; on
 * PATH are the CLI, the Pulumi YAML language host and this checkout's provider plugin
 * (`pulumi-resource-stripe-billing`), as `npm install` would put it in node_modules/.bin.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pluginBin, pulumiBin, yamlHostBin } from "../../scripts/local-stack";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface YamlProject {
  /** The project folder: the example's copy, which a test edits. */
  dir: string;
  /** The file backend's folder, holding the raw state. */
  stateDir: string;
  /** `pulumi <args>` in the project folder; never throws. */
  pulumi(args: string[]): Promise<CliResult>;
  /** `pulumi <args>`, which must succeed: a failure throws with the command's output. */
  run(args: string[]): Promise<CliResult>;
  /** Every command run so far, with how long it took. */
  timings: { command: string; ms: number }[];
  cleanup(): void;
}

export interface YamlProjectOptions {
  /** The example folder to copy. */
  example: string;
  /** The stack created and selected. */
  stack: string;
  /** Stack config set before the first command: `key` → value, or `{ secret }`. */
  config?: Record<string, string | { secret: string }>;
  /** Extra environment for the CLI and the plugins it starts (e.g. STRIPE_API_KEY). */
  env?: Record<string, string>;
}

export async function yamlProject(options: YamlProjectOptions): Promise<YamlProject> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "psb-yaml-"));
  const dir = path.join(root, "project");
  const stateDir = path.join(root, "state");
  const home = path.join(root, "pulumi-home");
  fs.cpSync(options.example, dir, { recursive: true });
  for (const d of [stateDir, home]) fs.mkdirSync(d, { recursive: true });

  const env: NodeJS.ProcessEnv = {
    ...inheritedEnv(),
    PULUMI_HOME: home,
    // `metadata=skip`: checkpoints are written whole and renamed (see the README's killed `up`).
    PULUMI_BACKEND_URL: `file://${stateDir}?metadata=skip`,
    PULUMI_CONFIG_PASSPHRASE: "yaml-program-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PATH: [pulumiBin(), yamlHostBin(), pluginBin(), process.env.PATH ?? ""].join(path.delimiter),
    ...options.env,
  };
  const timings: { command: string; ms: number }[] = [];
  const pulumi = (args: string[]) =>
    new Promise<CliResult>((resolve) => {
      const started = Date.now();
      // Asynchronous: the emulator answering the plugin may run in this very process.
      execFile(
        path.join(pulumiBin(), "pulumi"),
        [...args, "--color=never"],
        { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) => {
          timings.push({ command: `pulumi ${args.join(" ")}`, ms: Date.now() - started });
          resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) || 1 : 0, stdout, stderr });
        },
      );
    });
  const run = async (args: string[]) => {
    const result = await pulumi(args);
    if (result.code !== 0)
      throw new Error(
        `pulumi ${args.join(" ")} exited with ${result.code}:\n${result.stdout}\n${result.stderr}`,
      );
    return result;
  };

  await run(["stack", "init", options.stack]);
  for (const [key, value] of Object.entries(options.config ?? {})) {
    if (typeof value === "string") await run(["config", "set", key, value]);
    else await run(["config", "set", "--secret", key, value.secret]);
  }
  return {
    dir,
    stateDir,
    pulumi,
    run,
    timings,
    cleanup: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

/**
 * This process's environment without what would point the CLI or the plugin elsewhere: a
 * developer's Stripe key or API address, Pulumi login, home, stack or access token.
 */
function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(STRIPE_|PULUMI_)/.test(key)));
}
