/**
 * `pulumi up` of a stack of shipping rates in a process of its own, so a test can kill it
 * (the Automation API runs the program in the calling process). Settings come from the
 * environment: RATES_ROOT (the stack's folder, see scripts/local-stack), RATES_COUNT,
 * RATES_API_BASE, RATES_PROJECT.
 */
import { ShippingRate } from "../../provider";
import { localStack } from "../../scripts/local-stack";
import { upAndExit } from "./processes";

export function ratesProgram(count: number) {
  return async () => {
    const ids: Record<string, unknown> = {};
    for (let i = 0; i < count; i++) {
      const rate = new ShippingRate(`rate-${i}`, {
        displayName: `Rate ${i}`,
        fixedAmount: { amount: 100 + i, currency: "usd" },
      });
      ids[`rate${i}`] = rate.id;
    }
    return { count, first: ids.rate0 };
  };
}

export const RATES_KEY = "sk_test_ratesstack0000";

/** A stack in `root` whose program talks to the emulator at `apiBase` with `key`. */
export function emulatorStack(
  projectName: string,
  root: string,
  program: () => Promise<Record<string, unknown>>,
  apiBase: string,
  key: string,
) {
  return localStack({
    projectName,
    root,
    program,
    config: {
      "stripe-billing:apiKey": { value: key, secret: true },
      "stripe-billing:apiBase": { value: apiBase },
    },
  });
}

export async function openRatesStack(root: string, count: number, apiBase: string, project = "rates") {
  return emulatorStack(project, root, ratesProgram(count), apiBase, RATES_KEY);
}

if (require.main === module) {
  const env = process.env;
  upAndExit(
    openRatesStack(
      String(env.RATES_ROOT),
      Number(env.RATES_COUNT),
      String(env.RATES_API_BASE),
      env.RATES_PROJECT,
    ),
  );
}
