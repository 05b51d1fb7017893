/**
 * Test setup for every suite: each request the provider sends to an emulator during the run
 * is checked against the parameter tables generated from Stripe's SDK. A parameter Stripe does
 * not know, a missing required one, a bad enum value or an empty value where Stripe cannot
 * unset fails the test that sent it — even when the emulator let it through or the test
 * expected an error. Requests a test makes itself are not judged.
 *
 * Every successful answer of an emulator, whoever asked, is held to the SDK's object tables:
 * exactly the object's keys, recursively, and values of the right kind, in the enum, within the
 * documented rules (emulator/shapes.ts). An answer Stripe would not give fails the test too.
 *
 * With PULUMI_STRIPE_BILLING_RECORD_WRITES=<file>, every write (POST, DELETE) the provider sent
 * and the tables accept is also appended to that file, one JSON line each, for
 * scripts/stripe-mock-replay.ts to replay on Stripe's own mock server. Requests the tables
 * refuse are left out: they fail their test, or a test sent them on purpose
 * (`expectRefusedRequests`).
 */
import * as fs from "node:fs";
import type { Emulator, RequestRecord } from "../../emulator";
import { recordedWrite } from "../../scripts/stripe-mock-replay";
import { PROVIDER_AGENT, providerViolations, type Validate } from "./conformance";

interface Watched {
  emulator: Emulator;
  /** How many of its logged requests were judged already. */
  seen: number;
}

const watched = new Set<Watched>();
const pending: string[] = [];
/** Answers of an emulator that Stripe would not give. */
const answers: string[] = [];

jest.mock("../../emulator", () => {
  const actual = jest.requireActual("../../emulator") as typeof import("../../emulator");
  return {
    ...actual,
    async startEmulator(...args: Parameters<typeof actual.startEmulator>) {
      const emulator = await actual.startEmulator(...args);
      const entry: Watched = { emulator, seen: 0 };
      watched.add(entry);
      // The log is cleared on reset and gone after close: judge what it holds first.
      const { reset, close } = emulator;
      emulator.reset = () => {
        judge(entry);
        entry.seen = 0;
        reset();
      };
      emulator.close = () => {
        judge(entry);
        watched.delete(entry);
        return close();
      };
      return emulator;
    },
  };
});

function judge(entry: Watched): void {
  const { validateRequest } = jest.requireActual("../../emulator") as typeof import("../../emulator");
  const log = entry.emulator.requests();
  const fresh = log.slice(entry.seen);
  pending.push(...providerViolations(fresh, validateRequest));
  answers.push(...answerViolations(fresh));
  if (RECORD_TO) record(fresh, validateRequest);
  entry.seen = log.length;
}

const RECORD_TO = process.env.PULUMI_STRIPE_BILLING_RECORD_WRITES;
/** Lines this test file wrote already; the replay dedupes across files again. */
const recorded = new Set<string>();

function record(records: readonly RequestRecord[], validate: Validate): void {
  const lines = recordableWrites(records, validate).filter((line) => !recorded.has(line));
  for (const line of lines) recorded.add(line);
  // One append per judgement: test files run in parallel workers, and O_APPEND writes of whole
  // lines do not interleave.
  if (lines.length > 0) fs.appendFileSync(RECORD_TO!, lines.map((line) => `${line}\n`).join(""));
}

/** The provider's writes (POST, DELETE) that the tables accept, as recording lines. */
export function recordableWrites(records: readonly RequestRecord[], validate: Validate): string[] {
  return records
    .filter(
      (r) =>
        PROVIDER_AGENT.test(r.userAgent ?? "") &&
        (r.method === "POST" || r.method === "DELETE") &&
        !validate(r.method, r.path, r.params),
    )
    .map((r) => JSON.stringify(recordedWrite(r)));
}

let allowed = 0;

/**
 * For a test that makes the provider send a request Stripe refuses on purpose (unchecked
 * inputs, to see how Stripe's error is reported): exactly `count` such requests are expected.
 */
export function expectRefusedRequests(count = 1): void {
  allowed = count;
}

/** Each successful JSON answer's departures from the SDK's object tables. */
function answerViolations(records: readonly RequestRecord[]): string[] {
  const { shapeViolations } = jest.requireActual(
    "../../emulator/shapes",
  ) as typeof import("../../emulator/shapes");
  return records
    .filter((r) => r.status === 200 && r.response)
    .flatMap((r) => shapeViolations(JSON.parse(r.response!)).map((v) => `${r.method} ${r.path} ${v}`));
}

function failOnViolations(): void {
  for (const entry of watched) judge(entry);
  const wrong = [...new Set(answers.splice(0))];
  if (wrong.length > 0)
    throw new Error(
      `The emulator gave ${wrong.length} answer(s) Stripe would not give:\n${wrong.join("\n")}`,
    );
  const found = pending.splice(0);
  const expected = allowed;
  allowed = 0;
  if (found.length === expected) return;
  if (found.length < expected)
    throw new Error(
      `Expected ${expected} request(s) Stripe would refuse, the provider sent ${found.length}.`,
    );
  throw new Error(`The provider sent ${found.length} request(s) Stripe would refuse:\n${found.join("\n")}`);
}

afterEach(failOnViolations);
afterAll(failOnViolations);
