/**
 * `pulumi preview --json` on a local stack, with the program served in this process: the
 * Automation API's `LanguageServer` listens on a local port and the CLI is pointed at it with
 * `--client` (what the Automation API itself does for inline programs), so the output is the
 * CLI's own JSON, exactly as a CI job that runs `pulumi preview --json` gets it.
 */
import * as path from "node:path";
import type { LocalStack } from "./local-stack";

type Program = () => Promise<Record<string, unknown> | void>;

/** Pulumi's modules, from the same @pulumi/pulumi the program uses (one gRPC instance). */
function pulumiModule<T>(subpath: string): T {
  const root = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve(subpath, { paths: [root] })) as T;
}

export interface PreviewJson {
  code: number;
  /** The parsed JSON document the CLI printed (steps, diagnostics, changeSummary). */
  json: any;
  stdout: string;
  stderr: string;
}

export async function previewJson(
  local: LocalStack,
  program: Program,
  args: string[] = [],
): Promise<PreviewJson> {
  const grpc = pulumiModule<typeof import("@grpc/grpc-js")>("@grpc/grpc-js");
  // Not in the SDK's typings: the class the Automation API serves inline programs with.
  const { LanguageServer } = pulumiModule<{
    LanguageServer: new (program: Program) => { onPulumiExit(hasError: boolean): void };
  }>("@pulumi/pulumi/automation/server");
  const langrpc = pulumiModule<any>("@pulumi/pulumi/proto/language_grpc_pb");
  const server = new grpc.Server();
  const language = new LanguageServer(program);
  server.addService(langrpc.LanguageRuntimeService, language as any);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  let result: { code: number; stdout: string; stderr: string } | undefined;
  try {
    result = await local.cli([
      "preview",
      "--json",
      `--client=127.0.0.1:${port}`,
      "--exec-kind",
      "auto.inline",
      ...args,
    ]);
  } finally {
    language.onPulumiExit(result?.code !== 0);
    server.forceShutdown();
  }
  let json: any;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    throw new Error(`pulumi preview --json printed no JSON (exit ${result.code}): ${result.stderr}`);
  }
  return { ...result, json };
}
