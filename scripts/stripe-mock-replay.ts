/**
 * Replays the writes the provider sent during `npm test` on stripe-mock, Stripe's own mock
 * server, which checks each request against Stripe's published OpenAPI spec: a second judge of
 * the provider's requests, independent of the tables the emulator and the provider share.
 *
 *   PULUMI_STRIPE_BILLING_RECORD_WRITES=$PWD/dist/writes.jsonl npm test
 *   node dist/scripts/stripe-mock-replay.js dist/writes.jsonl [stripe-mock binary]
 *
 * (`npm run test:stripe-mock` does both.) Without a binary, scripts/stripe-mock.sh builds or
 * finds one. stripe-mock keeps no state and accepts any id in a path, so ids are replaced by
 * fixed ones of the same prefix, which also folds writes that differ only by id into one.
 * stripe-mock's spec is older than the pinned API version. What was added in between and
 * stripe-mock refuses is listed in scripts/stripe-mock-differences.json: a parameter is stripped
 * before sending; a write carrying an enum value stripe-mock's spec lacks is skipped (no value of
 * the older version means the same). Each difference met is also sent once as recorded, to show
 * stripe-mock still refuses it (else it is no longer a difference and the list must shrink).
 * Every other write must be accepted (2xx); a refusal prints the request and stripe-mock's error
 * and exits 1.
 *
 * stripe-mock refuses unknown parameters only at the top level of a body (Stripe's spec leaves
 * nested objects open), but checks types, enum values and required parameters at every depth.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { RequestRecord } from "../emulator";
import { parseForm, type FormTree } from "../emulator/form";
import { endpointFor } from "../emulator/params";
import { encodeForm, type FormParams } from "../provider/stripe/encode";
import differencesFile from "./stripe-mock-differences.json";

/** One recorded write: what the provider sent, as the emulator logged it. */
export interface RecordedWrite {
  method: string;
  path: string;
  /** The form parameters, encoded as the provider encodes them. */
  body: string;
  stripeVersion?: string;
  /** Whether a `Stripe-Account` header was sent (its value is the test's, not the request's shape). */
  stripeAccount: boolean;
}

export function recordedWrite(r: RequestRecord): RecordedWrite {
  return {
    method: r.method,
    path: r.path,
    body: encodeForm(r.params as FormParams),
    ...(r.stripeVersion ? { stripeVersion: r.stripeVersion } : {}),
    stripeAccount: r.stripeAccount !== undefined,
  };
}

/** A parameter, or an enum value, of the pinned API version that stripe-mock's spec refuses. */
export interface Difference {
  /** `METHOD /path` as in emulator/tables/params.json, e.g. `POST /v1/shipping_rates`. */
  endpoint: string;
  /** Its form name, `*` for any array index or map key, e.g. `fixed_amount[currency_options][*][foo]`. */
  param: string;
  /** For an enum value: the value stripe-mock's spec lacks (the parameter itself is known). */
  value?: string;
  /**
   * Where the pinned SDK declares it, in a file under node_modules/stripe/cjs/resources/: the
   * parameter's property (`ShippingRateCreateParams.FixedAmount.foo`), or for a value the type
   * listing it (`Tax.RegistrationCreateParams.CountryOptions.Us.Type`).
   */
  declaration: { file: string; name: string };
}

export interface DifferencesFile {
  stripeMock: string;
  stripeMockApiVersion: string;
  pinnedApiVersion: string;
  differences: Difference[];
}

export const DIFFERENCES = differencesFile as DifferencesFile;

/** A write as it is sent: the endpoint it belongs to, ids replaced, differences stripped. */
export interface PreparedWrite {
  endpoint: string;
  method: string;
  path: string;
  params: Record<string, FormTree>;
  stripeVersion?: string;
  stripeAccount: boolean;
  /** Parameters removed. */
  stripped: Difference[];
  /** Enum values it carries that stripe-mock's spec lacks: the write is not sent. */
  skippedFor: Difference[];
}

const FIXED_ID = "stripemock";

export function prepare(write: RecordedWrite, differences: readonly Difference[]): PreparedWrite {
  const endpoint = endpointFor(write.method, write.path);
  const template = endpoint?.path.split("/");
  const segments = write.path.split("/").map((s, i) => {
    if (!template?.[i]?.startsWith("{")) return s;
    const cut = decodeURIComponent(s).lastIndexOf("_");
    return `${cut > 0 ? decodeURIComponent(s).slice(0, cut) : "id"}_${FIXED_ID}`;
  });
  const key = endpoint ? `${endpoint.method} ${endpoint.path}` : `${write.method} ${write.path}`;
  const params = parseForm(write.body);
  const mine = differences.filter((d) => d.endpoint === key);
  const skippedFor = mine.filter(
    (d) => d.value !== undefined && carries(params, nameSegments(d.param), d.value),
  );
  const stripped = mine.filter((d) => d.value === undefined && strip(params, nameSegments(d.param)));
  return {
    endpoint: key,
    method: write.method,
    path: segments.join("/"),
    params,
    ...(write.stripeVersion ? { stripeVersion: write.stripeVersion } : {}),
    stripeAccount: write.stripeAccount,
    stripped,
    skippedFor,
  };
}

/** `a[*][b]` → ["a", "*", "b"]. */
function nameSegments(name: string): string[] {
  return name.replace(/\]/g, "").split("[");
}

/** Removes every value at `segments` (`*` matching any key or index); true when one was there. */
function strip(tree: FormTree, segments: readonly string[]): boolean {
  if (typeof tree === "string" || segments.length === 0) return false;
  const [head, ...rest] = segments;
  const keys = Array.isArray(tree) ? tree.map((_, i) => String(i)) : Object.keys(tree);
  let found = false;
  for (const k of keys) {
    if (head !== "*" && head !== k) continue;
    const node = tree as Record<string, FormTree>;
    if (rest.length === 0) {
      delete node[k];
      found = true;
    } else if (strip(node[k], rest)) found = true;
  }
  return found;
}

/** Whether a value at `segments` (`*` matching any key or index) is `value`. */
function carries(tree: FormTree | undefined, segments: readonly string[], value: string): boolean {
  if (tree === undefined) return false;
  if (segments.length === 0) return tree === value;
  if (typeof tree === "string") return false;
  const [head, ...rest] = segments;
  const node = tree as Record<string, FormTree>;
  const keys = head === "*" ? Object.keys(node) : [head];
  return keys.some((k) => carries(node[k], rest, value));
}

/** Parses a recording (JSON lines, possibly appended by several test files) and dedupes it. */
export function readRecording(text: string): RecordedWrite[] {
  const lines = new Set(text.split("\n").filter((l) => l.trim() !== ""));
  return [...lines].map((l) => JSON.parse(l) as RecordedWrite);
}

export interface StripeMock {
  url: string;
  close(): Promise<void>;
}

/** Starts stripe-mock on 127.0.0.1 at ports the system chooses, HTTP and HTTPS both. */
export function startStripeMock(binary: string): Promise<StripeMock> {
  // Binding HTTP alone would still open HTTPS on every interface at its default port: stripe-mock
  // starts HTTPS unless -http, -http-port or -port is given, and -http-addr is not among them.
  const child = spawn(binary, ["-http-addr", "127.0.0.1:0", "-https-addr", "127.0.0.1:0"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      // It logs every request: the output is read to the end so its pipe never fills.
      if (output.length < 65536) output += chunk.toString();
      const m = /Listening for HTTP at address: (127\.0\.0\.1:\d+)/.exec(output);
      if (m) resolve({ url: `http://${m[1]}`, close: () => stop(child) });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) =>
      reject(new Error(`stripe-mock exited (${code}) before listening:\n${output}`)),
    );
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill();
  });
}

export interface Sent {
  status: number;
  body: string;
}

export async function send(url: string, write: PreparedWrite, params = write.params): Promise<Sent> {
  const form = encodeForm(params as FormParams);
  // The emulator logs a DELETE's parameters from its query string, which is where Stripe reads them.
  const query = write.method === "POST" || form === "" ? "" : `?${form}`;
  const response = await fetch(`${url}${write.path}${query}`, {
    method: write.method,
    headers: {
      authorization: "Bearer sk_test_stripemock",
      ...(write.method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...(write.stripeVersion ? { "stripe-version": write.stripeVersion } : {}),
      ...(write.stripeAccount ? { "stripe-account": "acct_stripemock" } : {}),
    },
    ...(write.method === "POST" ? { body: form } : {}),
  });
  return { status: response.status, body: await response.text() };
}

function describeWrite(write: PreparedWrite, params = write.params): string {
  const headers = [
    write.stripeVersion ? `Stripe-Version: ${write.stripeVersion}` : "",
    write.stripeAccount ? "Stripe-Account: acct_…" : "",
  ].filter(Boolean);
  return `${write.method} ${write.path}${headers.length ? ` (${headers.join(", ")})` : ""}\n  ${encodeForm(params as FormParams) || "(no parameters)"}`;
}

async function main(): Promise<number> {
  const started = Date.now();
  const [file, given] = process.argv.slice(2);
  if (!file) {
    console.error(
      "usage: node dist/scripts/stripe-mock-replay.js <recorded writes (JSON lines)> [stripe-mock binary]",
    );
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(
      `stripe-mock-replay: [no_recording] ${file}: no such file; run npm test with PULUMI_STRIPE_BILLING_RECORD_WRITES=${file}`,
    );
    return 2;
  }
  const recorded = readRecording(fs.readFileSync(file, "utf8"));
  if (recorded.length === 0) {
    console.error(`stripe-mock-replay: [empty_recording] ${file}: no writes recorded`);
    return 1;
  }
  const binary =
    given ??
    execFileSync(
      "bash",
      [path.join(__dirname, "..", "..", "scripts", "stripe-mock.sh"), DIFFERENCES.stripeMock],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      },
    ).trim();
  /** Distinct writes as sent, each with the first recorded write it came from. */
  const writes = new Map<string, { prepared: PreparedWrite; from: RecordedWrite }>();
  for (const from of recorded) {
    const prepared = prepare(from, DIFFERENCES.differences);
    const key = JSON.stringify(prepared);
    if (!writes.has(key)) writes.set(key, { prepared, from });
  }

  const mock = await startStripeMock(binary);
  const perEndpoint = new Map<string, number>();
  const refused: string[] = [];
  const stale: string[] = [];
  /** Each difference met, with the first recorded write that carried it. */
  const met = new Map<Difference, RecordedWrite>();
  let strippedCount = 0;
  let skipped = 0;
  try {
    for (const { prepared, from } of writes.values()) {
      for (const d of [...prepared.stripped, ...prepared.skippedFor]) if (!met.has(d)) met.set(d, from);
      strippedCount += prepared.stripped.length;
      if (prepared.skippedFor.length > 0) {
        skipped++;
        continue;
      }
      perEndpoint.set(prepared.endpoint, (perEndpoint.get(prepared.endpoint) ?? 0) + 1);
      const { status, body } = await send(mock.url, prepared);
      if (status < 200 || status >= 300)
        refused.push(`${describeWrite(prepared)}\n  → ${status} ${oneLine(body)}`);
    }
    // Each difference met, sent back as recorded (the others still handled): one stripe-mock
    // accepts is no longer a difference, and the list must shrink with it.
    for (const [d, from] of met) {
      const { status } = await send(
        mock.url,
        prepare(
          from,
          DIFFERENCES.differences.filter((o) => o !== d),
        ),
      );
      if (status >= 200 && status < 300)
        stale.push(
          `[not_a_difference] ${d.endpoint} ${d.param}${d.value ? `=${d.value}` : ""}: stripe-mock ${DIFFERENCES.stripeMock} ` +
            "accepts it; remove it from scripts/stripe-mock-differences.json",
        );
    }
  } finally {
    await mock.close();
  }

  const replayed = writes.size - skipped;
  console.log(
    `stripe-mock ${DIFFERENCES.stripeMock} (API ${DIFFERENCES.stripeMockApiVersion}, pinned ${DIFFERENCES.pinnedApiVersion}): ` +
      `${replayed} distinct writes replayed (${recorded.length} distinct as recorded, ids included), ${replayed - refused.length} accepted; ` +
      `${strippedCount} parameter(s) stripped and ${skipped} write(s) skipped as differences ` +
      `(${met.size} of the ${DIFFERENCES.differences.length} listed met); ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const [endpoint, n] of [...perEndpoint].sort()) console.log(`${String(n).padStart(6)}  ${endpoint}`);
  if (refused.length === 0 && stale.length === 0) return 0;
  if (refused.length > 0) console.error(`\nstripe-mock refused ${refused.length}:\n${refused.join("\n")}`);
  if (stale.length > 0) console.error(`\n${stale.join("\n")}`);
  return 1;
}

function oneLine(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } };
    return parsed.error?.message ?? body;
  } catch {
    return body.replace(/\s+/g, " ");
  }
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
