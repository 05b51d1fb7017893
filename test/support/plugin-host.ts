/**
 * The provider plugin (`pulumi-resource-stripe-billing`, dist/provider/plugin/main.js) as a
 * child process, driven over gRPC as the Pulumi engine drives it. Every response is kept, so a
 * test can say what the process ever answered (and that no API key was in it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import type { PlainObject } from "../../provider/engine/values";
import { pluginNodeOptions } from "../../scripts/local-stack";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromPulumi = (id: string) => require(require.resolve(id, { paths: [pulumiDir] }));
const grpc = fromPulumi("@grpc/grpc-js");
const structpb = fromPulumi("google-protobuf/google/protobuf/struct_pb");
const emptypb = fromPulumi("google-protobuf/google/protobuf/empty_pb");
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");

export const PLUGIN_MAIN = path.join(__dirname, "..", "..", "dist", "provider", "plugin", "main.js");

/** PropertyDiff.Kind by name. */
export const KIND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(providerPb.PropertyDiff.Kind as Record<string, number>).map(([name, n]) => [n, name]),
);

export interface CheckResult {
  inputs: PlainObject;
  failures: { property: string; reason: string }[];
}

export interface DiffResult {
  /** DiffResponse.DiffChanges: 1 none, 2 some. */
  changes: number;
  replaces: string[];
  diffs: string[];
  deleteBeforeReplace: boolean;
  hasDetailedDiff: boolean;
  /** Property path → PropertyDiff.Kind name. */
  detailedDiff: Record<string, string>;
}

export interface PluginHost {
  getSchema(): Promise<Record<string, any>>;
  getPluginInfo(): Promise<{ version: string }>;
  checkConfig(news: PlainObject): Promise<CheckResult>;
  configure(args: PlainObject): Promise<{ acceptSecrets: boolean }>;
  check(urn: string, olds: PlainObject, news: PlainObject): Promise<CheckResult>;
  diff(urn: string, id: string, olds: PlainObject, news: PlainObject): Promise<DiffResult>;
  create(urn: string, props: PlainObject): Promise<{ id: string; properties: PlainObject }>;
  /** A Read; without `props` none are sent (`pulumi import`). */
  read(
    urn: string,
    id: string,
    props?: PlainObject,
    inputs?: PlainObject,
  ): Promise<{ id: string; properties: PlainObject; inputs?: PlainObject }>;
  update(urn: string, id: string, olds: PlainObject, news: PlainObject): Promise<{ properties: PlainObject }>;
  delete(urn: string, id: string, props: PlainObject): Promise<void>;
  /** Every response so far, as plain values. */
  responses(): unknown[];
  /** Everything the process printed on stdout and stderr. */
  output(): string;
  /** Kills the process at once (a lost CI runner), without waiting for calls under way. */
  kill(): Promise<void>;
  close(): Promise<void>;
}

export async function startPlugin(env: NodeJS.ProcessEnv = {}): Promise<PluginHost> {
  const child: ChildProcess = spawn(process.execPath, [...pluginNodeOptions(), PLUGIN_MAIN, "127.0.0.1:1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      output += d;
      const m = /^(\d+)\s*$/m.exec(output);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`provider plugin exited with ${code}: ${output}`)));
  });
  const client = new providerGrpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  const seen: unknown[] = [];
  const call = <T>(method: string, request: unknown): Promise<T> =>
    new Promise((resolve, reject) =>
      client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))),
    );
  const struct = (value: PlainObject) => structpb.Struct.fromJavaScript(value);
  const plain = (s: any): PlainObject | undefined => s?.toJavaScript();
  const kept = <T>(value: T): T => {
    seen.push(value);
    return value;
  };
  const checkResult = (res: any): CheckResult =>
    kept({
      inputs: plain(res.getInputs()) ?? {},
      failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
    });
  const checkRequest = (urn: string, olds: PlainObject, news: PlainObject) => {
    const req = new providerPb.CheckRequest();
    req.setUrn(urn);
    req.setOlds(struct(olds));
    req.setNews(struct(news));
    return req;
  };

  return {
    async getSchema() {
      const req = new providerPb.GetSchemaRequest();
      const res: any = await call("getSchema", req);
      return kept(JSON.parse(res.getSchema()));
    },
    async getPluginInfo() {
      const res: any = await call("getPluginInfo", new emptypb.Empty());
      return kept({ version: res.getVersion() });
    },
    async checkConfig(news) {
      return checkResult(await call("checkConfig", checkRequest("", {}, news)));
    },
    async configure(args) {
      const req = new providerPb.ConfigureRequest();
      req.setArgs(struct(args));
      req.setAcceptsecrets(true);
      const res: any = await call("configure", req);
      return kept({ acceptSecrets: res.getAcceptsecrets() });
    },
    async check(urn, olds, news) {
      return checkResult(await call("check", checkRequest(urn, olds, news)));
    },
    async diff(urn, id, olds, news) {
      const req = new providerPb.DiffRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("diff", req);
      const detailedDiff: Record<string, string> = {};
      res
        .getDetaileddiffMap()
        .forEach((d: any, key: string) => (detailedDiff[key] = KIND_NAMES[d.getKind()]));
      return kept({
        changes: res.getChanges(),
        replaces: res.getReplacesList(),
        diffs: res.getDiffsList(),
        deleteBeforeReplace: res.getDeletebeforereplace(),
        hasDetailedDiff: res.getHasdetaileddiff(),
        detailedDiff,
      });
    },
    async create(urn, props) {
      const req = new providerPb.CreateRequest();
      req.setUrn(urn);
      req.setProperties(struct(props));
      const res: any = await call("create", req);
      return kept({ id: res.getId(), properties: plain(res.getProperties()) ?? {} });
    },
    async read(urn, id, props, inputs) {
      const req = new providerPb.ReadRequest();
      req.setId(id);
      req.setUrn(urn);
      if (props) req.setProperties(struct(props));
      if (inputs) req.setInputs(struct(inputs));
      const res: any = await call("read", req);
      return kept({
        id: res.getId(),
        properties: plain(res.getProperties()) ?? {},
        inputs: plain(res.getInputs()),
      });
    },
    async update(urn, id, olds, news) {
      const req = new providerPb.UpdateRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res: any = await call("update", req);
      return kept({ properties: plain(res.getProperties()) ?? {} });
    },
    async delete(urn, id, props) {
      const req = new providerPb.DeleteRequest();
      req.setId(id);
      req.setUrn(urn);
      req.setProperties(struct(props));
      await call("delete", req);
    },
    responses: () => seen,
    output: () => output,
    async kill() {
      client.close();
      child.kill("SIGKILL");
      await exited;
    },
    async close() {
      client.close();
      child.kill();
      await exited;
    },
  };
}

/** DiffResponse.DiffChanges values. */
export const DIFF = { UNKNOWN: 0, NONE: 1, SOME: 2 } as const;
