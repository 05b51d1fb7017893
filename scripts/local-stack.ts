/**
 * A Pulumi stack on this machine only: the real Pulumi CLI and engine (built by
 * scripts/pulumi-cli.sh when none is installed), a file backend and a throwaway passphrase in a
 * temporary folder, and a project folder whose node_modules resolve this package and its
 * @pulumi/pulumi. Programs run inline (the Automation API's own language server), so no
 * separately installed Node.js language host is needed. Used by the demo and the end-to-end
 * suite.
 */
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { packageRoot } from "../provider/package-info";
import { LocalWorkspace, PulumiCommand, type ConfigMap, type Stack } from "@pulumi/pulumi/automation";

export const REPO_ROOT = packageRoot();

let cliBin: string | undefined;

/** The folder holding `pulumi` and `pulumi-resource-pulumi-nodejs`, built on first use. */
export function pulumiBin(): string {
  cliBin ??= execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-cli.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return cliBin;
}

let yamlBin: string | undefined;

/** The folder holding `pulumi-language-yaml`, the Pulumi YAML language host, built on first use. */
export function yamlHostBin(): string {
  yamlBin ??= execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-language-yaml.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
  return yamlBin;
}

/**
 * A folder holding `pulumi-resource-stripe-billing` for this checkout's build, for PATH: what
 * `npm install` puts in node_modules/.bin for a user. It runs the provider plugin with the
 * Node.js running this code and the Node.js options of the package's own executable.
 */
export function pluginBin(): string {
  // A folder of this process's own, written once per process: a folder left by an earlier
  // process with the same pid may point at another checkout or another Node.js.
  pluginDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-stripe-billing-plugin-"));
  const launcher = path.join(pluginDir, "pulumi-resource-stripe-billing");
  if (!fs.existsSync(launcher)) {
    const main = path.join(REPO_ROOT, "dist", "provider", "plugin", "main.js");
    fs.writeFileSync(
      launcher,
      `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${pluginNodeOptions().join(" ")} ${JSON.stringify(main)} "$@"\n`,
      {
        mode: 0o755,
      },
    );
  }
  return pluginDir;
}
let pluginDir: string | undefined;

/** The Node.js options on the shebang line of the package's plugin executable. */
export function pluginNodeOptions(): string[] {
  const executable = path.join(REPO_ROOT, "pulumi-resource-stripe-billing");
  const shebang = fs.readFileSync(executable, "utf8").split("\n", 1)[0];
  const match = /^#!\/usr\/bin\/env -S node((?: --[\w-]+(?:=\S+)?)*)$/.exec(shebang);
  if (!match) throw new Error(`${executable}: unexpected first line ${shebang}`);
  return match[1].split(" ").filter(Boolean);
}

export interface LocalStackOptions {
  projectName: string;
  stackName?: string;
  /** The Pulumi program; it runs in this process. */
  program: () => Promise<Record<string, unknown> | void>;
  config?: ConfigMap;
  /** Extra environment for the CLI and the provider host it starts. */
  env?: Record<string, string>;
  /**
   * The folder holding project, state and Pulumi home (default: a new temporary one). Another
   * process may open the same stack by passing the same folder.
   */
  root?: string;
}

export interface LocalStack {
  stack: Stack;
  /** Runs the CLI itself on this stack (e.g. `stack export` without `--show-secrets`). */
  cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** The project folder (the provider host's working directory). */
  workDir: string;
  /** The file backend's folder, holding the raw state. */
  stateDir: string;
  cleanup(): void;
}

export async function localStack(options: LocalStackOptions): Promise<LocalStack> {
  const root = options.root ?? fs.mkdtempSync(path.join(os.tmpdir(), "psb-stack-"));
  const workDir = path.join(root, "project");
  const stateDir = path.join(root, "state");
  const home = path.join(root, "pulumi-home");
  for (const dir of [workDir, stateDir, home]) fs.mkdirSync(dir, { recursive: true });
  linkModules(workDir);

  // `metadata=skip`: the file backend then writes each checkpoint to a temporary file and renames
  // it. With its default sidecar metadata (`<stack>.json.attrs`, truncated and rewritten in place)
  // a process killed mid-write leaves an empty sidecar and every later command fails with
  // "failed to load checkpoint: EOF" — which the crash-recovery suite hits when its kill lands there.
  const backendUrl = `file://${stateDir}?metadata=skip`;
  const bin = pulumiBin();
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
  const envVars: Record<string, string> = {
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: backendUrl,
    PULUMI_CONFIG_PASSPHRASE: "local-stack-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    ...options.env,
  };
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: options.stackName ?? "local", projectName: options.projectName, program: options.program },
    {
      workDir,
      pulumiCommand,
      envVars,
      projectSettings: {
        name: options.projectName,
        runtime: "nodejs",
        backend: { url: backendUrl },
      },
    },
  );
  if (options.config) await stack.setAllConfig(options.config);
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        path.join(bin, "pulumi"),
        [...args, "--stack", stack.name, "--non-interactive"],
        { cwd: workDir, env: { ...process.env, ...envVars }, maxBuffer: 64 * 1024 * 1024 },
        (err, stdout, stderr) =>
          resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  return { stack, cli, workDir, stateDir, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The project resolves this package and the very same @pulumi/pulumi the program uses. */
export function linkModules(workDir: string): void {
  const modules = path.join(workDir, "node_modules");
  if (fs.existsSync(path.join(modules, "pulumi-stripe-billing"))) return;
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-stripe-billing"), "dir");
  fs.symlinkSync(
    path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"),
    path.join(modules, "@pulumi", "pulumi"),
    "dir",
  );
  fs.writeFileSync(
    path.join(workDir, "package.json"),
    JSON.stringify({ name: "local-stack", private: true }),
  );
}

/** A program that runs a compiled example afresh on every `up`, `preview` or `refresh`. */
export function exampleProgram(name: string): () => Promise<Record<string, unknown>> {
  const file = path.join(REPO_ROOT, "dist", "examples", name, "index.js");
  return async () => {
    delete require.cache[require.resolve(file)];
    return { ...(require(file) as Record<string, unknown>) };
  };
}
