/**
 * `pulumi up` of a small billing setup in a process of its own, so a test can kill it midway:
 * one object of each kind whose create or replacement takes more than one request. Stage 1
 * declares two products, a default price and a subscription schedule; stage 2 raises the
 * price (a replacement: new price with the lookup key, default moved, old one archived),
 * moves the schedule to another customer (a replacement: new schedule, old one released) and
 * adds a second default price, a portal configuration created inactive (create, then update)
 * and the account's tax settings (read, then write). Settings come from the environment:
 * BILLING_ROOT (the stack's folder), BILLING_STAGE, BILLING_API_BASE, BILLING_SEED (JSON:
 * the customers and the schedule's price, made beforehand through the API).
 */
import { PortalConfiguration, Price, Product, SubscriptionSchedule, TaxSettings } from "../../provider";
import { upAndExit } from "./processes";
import { emulatorStack } from "./rates-stack";

export const BILLING_KEY = "sk_test_billingcrash000";

/** What the program refers to that it does not manage. */
export interface BillingSeed {
  customers: [string, string];
  /** A recurring price the schedule bills. */
  schedulePrice: string;
}

export function billingProgram(stage: 1 | 2, seed: BillingSeed) {
  return async () => {
    const pro = new Product("pro", { productId: "pro", name: "Pro" });
    const team = new Product("team", { productId: "team", name: "Team" });
    const proMonthly = new Price("pro-monthly", {
      product: pro.id,
      currency: "usd",
      unitAmount: stage === 1 ? 1000 : 1200,
      recurring: { interval: "month" },
      lookupKey: "pro-monthly",
      productDefault: true,
    });
    const schedule = new SubscriptionSchedule("upgrade", {
      customer: seed.customers[stage - 1],
      phases: [{ items: [{ price: seed.schedulePrice }] }],
      allowReplaceActive: true,
    });
    const out: Record<string, unknown> = {
      pro: pro.id,
      team: team.id,
      proMonthly: proMonthly.id,
      schedule: schedule.id,
    };
    if (stage === 2) {
      out.teamMonthly = new Price("team-monthly", {
        product: team.id,
        currency: "usd",
        unitAmount: 3000,
        recurring: { interval: "month" },
        lookupKey: "team-monthly",
        productDefault: true,
      }).id;
      out.portal = new PortalConfiguration("portal", {
        features: { invoiceHistory: { enabled: true } },
        active: false,
      }).id;
      out.tax = new TaxSettings("tax", {
        defaults: { taxBehavior: "exclusive", taxCode: "txcd_10000000" },
      }).id;
    }
    return out;
  };
}

export async function openBillingStack(root: string, stage: 1 | 2, apiBase: string, seed: BillingSeed) {
  return emulatorStack("billing", root, billingProgram(stage, seed), apiBase, BILLING_KEY);
}

if (require.main === module) {
  const env = process.env;
  upAndExit(
    openBillingStack(
      String(env.BILLING_ROOT),
      Number(env.BILLING_STAGE) as 1 | 2,
      String(env.BILLING_API_BASE),
      JSON.parse(String(env.BILLING_SEED)) as BillingSeed,
    ),
  );
}
