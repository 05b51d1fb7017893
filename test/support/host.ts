/**
 * Pulumi's real dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`) as a child
 * process, driven over gRPC exactly as the engine drives it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js");
const structpb = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");

/** Pulumi's envelope for a secret value in config and properties. */
export function secret(value: unknown) {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

export interface Host {
  configure(config: Record<string, unknown>): Promise<void>;
  check(
    olds: object,
    news: object,
  ): Promise<{ inputs: any; failures: { property: string; reason: string }[] }>;
  diff(
    id: string,
    olds: object,
    news: object,
  ): Promise<{ changes: number; replaces: string[]; deleteBeforeReplace: boolean }>;
  create(props: object): Promise<{ id: string; properties: any }>;
  read(id: string, props: object): Promise<{ id: string; properties: any; inputs: any }>;
  update(id: string, olds: object, news: object): Promise<{ properties: any }>;
  delete(id: string, props: object): Promise<void>;
  /** Everything the host printed on stdout and stderr. */
  output(): string;
  close(): Promise<void>;
}

const URN = "urn:pulumi:test::psb-test-project::pulumi-nodejs:dynamic/stripe-billing:ShippingRate::r";

export async function startHost(projectDir: string, env: NodeJS.ProcessEnv = {}): Promise<Host> {
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(pulumiDir, "cmd", "dynamic-provider", "index.js"), "127.0.0.1:1"],
    {
      cwd: projectDir,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: "psb-test-project", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      output += d;
      const m = /^(\d+)\s*$/m.exec(output);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`provider host exited with ${code}: ${output}`)));
  });
  const client = new providerGrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const call = <T>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
    );
  const struct = (value: object) => structpb.Struct.fromJavaScript(value);

  return {
    async configure(config) {
      const req = new providerPb.ConfigureRequest();
      req.setArgs(struct(config));
      await call("configure", req);
    },
    async check(olds, news) {
      const req = new providerPb.CheckRequest();
      req.setUrn(URN);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("check", req);
      return {
        inputs: res.getInputs()?.toJavaScript(),
        failures: res
          .getFailuresList()
          .map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
      };
    },
    async diff(id, olds, news) {
      const req = new providerPb.DiffRequest();
      req.setId(id);
      req.setUrn(URN);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("diff", req);
      return {
        changes: res.getChanges(),
        replaces: res.getReplacesList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
      };
    },
    async create(props) {
      const req = new providerPb.CreateRequest();
      req.setUrn(URN);
      req.setProperties(struct(props));
      const res: any = await call("create", req);
      return { id: res.getId(), properties: res.getProperties().toJavaScript() };
    },
    async read(id, props) {
      const req = new providerPb.ReadRequest();
      req.setId(id);
      req.setUrn(URN);
      req.setProperties(struct(props));
      const res: any = await call("read", req);
      return {
        id: res.getId(),
        properties: res.getProperties()?.toJavaScript(),
        inputs: res.getInputs()?.toJavaScript(),
      };
    },
    async update(id, olds, news) {
      const req = new providerPb.UpdateRequest();
      req.setId(id);
      req.setUrn(URN);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("update", req);
      return { properties: res.getProperties().toJavaScript() };
    },
    async delete(id, props) {
      const req = new providerPb.DeleteRequest();
      req.setId(id);
      req.setUrn(URN);
      req.setProperties(struct(props));
      await call("delete", req);
    },
    output: () => output,
    async close() {
      client.close();
      child.kill();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** DiffResponse.DiffChanges values. */
export const DIFF = { UNKNOWN: 0, NONE: 1, SOME: 2 } as const;
