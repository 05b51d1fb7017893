/**
 * Which of an emulator's logged requests the provider sent and Stripe would refuse, judged by
 * the emulator's validator over the parameter tables generated from Stripe's SDK.
 */
import type { RequestRecord } from "../../emulator";

/** The provider's requests carry its `User-Agent`; a test's own requests are not judged. */
export const PROVIDER_AGENT = /^pulumi-stripe-billing\//;

export type Validate = (
  method: string,
  path: string,
  params: Record<string, unknown>,
) => { code?: string; param?: string; message: string } | undefined;

export function providerViolations(records: readonly RequestRecord[], validate: Validate): string[] {
  const found: string[] = [];
  for (const record of records) {
    if (!PROVIDER_AGENT.test(record.userAgent ?? "")) continue;
    const violation = validate(record.method, record.path, record.params);
    if (!violation) continue;
    found.push(
      `${record.method} ${record.path} ${JSON.stringify(record.params)}: [${violation.code ?? "invalid"}]` +
        `${violation.param ? ` ${violation.param}:` : ""} ${violation.message}`,
    );
  }
  return found;
}
