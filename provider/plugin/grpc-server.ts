/**
 * Serves ./resource-provider over Pulumi's resource-provider protocol (gRPC), through
 * @pulumi/pulumi's own provider server: it starts the server, prints the port, answers
 * GetSchema and GetPluginInfo, and runs Construct (component resources) with the SDK's
 * runtime. Its handlers for the resource operations are replaced by ours, because the SDK's
 * send no detailed diff, fail a Read with no properties (`pulumi import`), pass no config to
 * the provider and do not implement CheckConfig.
 *
 * The handlers are swapped in when the SDK registers its service on the gRPC server: the SDK
 * keeps its server class to itself, and the gRPC module must be the SDK's own instance.
 */
import * as path from "node:path";
import { PartialCreateError, StripeBillingError } from "../errors";
import type { PlainObject } from "../engine/values";
import { configChanged, PluginProvider, type PropertyDiffKind } from "./resource-provider";

type Callback = (err: unknown, value?: unknown, metadata?: unknown) => void;
type Handler = (call: { request: any }, callback: Callback) => void;

/** A module as @pulumi/pulumi itself loads it (one gRPC and protobuf instance for both of us). */
function sdkRequire(id: string): any {
  const sdkRoot = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  return require(require.resolve(id, { paths: [sdkRoot] }));
}

export interface ServeOptions {
  version: string;
  schema: () => string;
  construct: (name: string, type: string, inputs: Record<string, unknown>, opts: unknown) => Promise<unknown>;
}

export async function serve(
  args: string[],
  options: ServeOptions,
  front = new PluginProvider(),
): Promise<void> {
  const grpc = sdkRequire("@grpc/grpc-js");
  const handlers = resourceHandlers(front);
  const original = grpc.Server.prototype.addService;
  grpc.Server.prototype.addService = function (service: unknown, implementation: Record<string, Handler>) {
    grpc.Server.prototype.addService = original;
    return original.call(this, service, Object.assign(implementation, handlers));
  };
  const { main } = sdkRequire("@pulumi/pulumi/provider");
  await main(
    {
      version: options.version,
      getSchema: async () => options.schema(),
      construct: options.construct,
    },
    args,
  );
}

/** The handlers for config and the resource operations, over the front end. */
export function resourceHandlers(front: PluginProvider): Record<string, Handler> {
  const proto = sdkRequire("@pulumi/pulumi/proto/provider_pb");
  const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb");
  const { Empty } = sdkRequire("google-protobuf/google/protobuf/empty_pb");
  const toStruct = (value: PlainObject) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
  const plain = (struct: any): PlainObject => (struct ? (struct.toJavaScript() as PlainObject) : {});

  const failuresOf = (failures: { property: string; reason: string }[]) =>
    failures.map((f) => {
      const failure = new proto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    });

  const handle =
    (fn: (request: any) => Promise<unknown> | unknown): Handler =>
    (call, callback) => {
      Promise.resolve()
        .then(() => fn(call.request))
        .then(
          (value) => callback(null, value),
          (err) => callback(grpcError(err)),
        );
    };

  return {
    checkConfig: handle((req) => {
      const { inputs, failures } = front.checkConfig(plain(req.getNews()));
      const resp = new proto.CheckResponse();
      resp.setInputs(toStruct(inputs));
      resp.setFailuresList(failuresOf(failures));
      return resp;
    }),
    diffConfig: handle((req) => {
      const changed = configChanged(plain(req.getOlds()), plain(req.getNews()));
      const resp = new proto.DiffResponse();
      resp.setChanges(
        changed.length > 0
          ? proto.DiffResponse.DiffChanges.DIFF_SOME
          : proto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setDiffsList(changed);
      return resp;
    }),
    configure: handle((req) => {
      const variables: Record<string, string> = {};
      req.getVariablesMap().forEach((value: string, key: string) => (variables[key] = value));
      front.configure(req.getArgs() ? plain(req.getArgs()) : undefined, variables);
      const resp = new proto.ConfigureResponse();
      resp.setAcceptsecrets(true);
      // Resource references and output values arrive as plain ids and values.
      resp.setAcceptresources(false);
      resp.setAcceptoutputs(false);
      resp.setSupportspreview(false);
      return resp;
    }),
    check: handle(async (req) => {
      const { inputs, failures } = await front.check(
        req.getUrn(),
        plain(req.getOlds()),
        plain(req.getNews()),
      );
      const resp = new proto.CheckResponse();
      resp.setInputs(toStruct(inputs));
      resp.setFailuresList(failuresOf(failures));
      return resp;
    }),
    diff: handle(async (req) => {
      const result = await front.diff(req.getUrn(), req.getId(), plain(req.getOlds()), plain(req.getNews()));
      const resp = new proto.DiffResponse();
      resp.setChanges(
        result.changes ? proto.DiffResponse.DiffChanges.DIFF_SOME : proto.DiffResponse.DiffChanges.DIFF_NONE,
      );
      resp.setReplacesList(result.replaces);
      resp.setDeletebeforereplace(result.deleteBeforeReplace);
      resp.setDiffsList(result.diffs);
      resp.setHasdetaileddiff(true);
      const detailed = resp.getDetaileddiffMap();
      for (const [property, kind] of Object.entries(result.detailedDiff)) {
        const diff = new proto.PropertyDiff();
        diff.setKind(proto.PropertyDiff.Kind[kind satisfies PropertyDiffKind]);
        // Old outputs against new inputs: what the engine compared.
        diff.setInputdiff(false);
        detailed.set(property, diff);
      }
      return resp;
    }),
    create: handle(async (req) => {
      const { id, outs } = await front.create(req.getUrn(), plain(req.getProperties()));
      const resp = new proto.CreateResponse();
      resp.setId(id);
      resp.setProperties(toStruct(outs));
      return resp;
    }),
    read: handle(async (req) => {
      const result = await front.read(
        req.getUrn(),
        req.getId(),
        req.getProperties() ? plain(req.getProperties()) : undefined,
        req.getInputs() ? plain(req.getInputs()) : undefined,
      );
      const resp = new proto.ReadResponse();
      resp.setId(result.id);
      resp.setProperties(toStruct(result.props));
      if (result.inputs) resp.setInputs(toStruct(result.inputs));
      return resp;
    }),
    update: handle(async (req) => {
      const { outs } = await front.update(
        req.getUrn(),
        req.getId(),
        plain(req.getOlds()),
        plain(req.getNews()),
      );
      const resp = new proto.UpdateResponse();
      resp.setProperties(toStruct(outs));
      return resp;
    }),
    delete: handle(async (req) => {
      await front.delete(req.getUrn(), req.getId(), plain(req.getProperties()));
      return new Empty();
    }),
  };
}

/**
 * The gRPC error Pulumi shows for a failed operation: the message with its code, and for an
 * object created but not settled, the object (`ErrorResourceInitFailed`), so it is recorded
 * in state rather than orphaned.
 */
function grpcError(err: unknown): unknown {
  const grpc = sdkRequire("@grpc/grpc-js");
  const message =
    err instanceof StripeBillingError && !err.message.includes(`[${err.code}]`)
      ? `[${err.code}] ${err.message}`
      : err instanceof Error
        ? err.message
        : String(err);
  const metadata = new grpc.Metadata();
  if (err instanceof PartialCreateError) {
    const proto = sdkRequire("@pulumi/pulumi/proto/provider_pb");
    const statusproto = sdkRequire("@pulumi/pulumi/proto/status_pb");
    const { Any } = sdkRequire("google-protobuf/google/protobuf/any_pb");
    const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb");
    const detail = new proto.ErrorResourceInitFailed();
    detail.setId(err.id);
    detail.setProperties(Struct.fromJavaScript(JSON.parse(JSON.stringify(err.properties))));
    detail.setReasonsList(err.reasons);
    const details = new Any();
    details.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(details);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, message, details: message, metadata };
}
