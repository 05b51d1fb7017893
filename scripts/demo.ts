/**
 * `npm run demo`: examples/quickstart through `pulumi up` against the local Stripe emulator,
 * with a throwaway local backend. Says what was created, as a billing team reads it, then runs
 * a second `up` that changes nothing, then destroys the stack. Nothing leaves 127.0.0.1.
 */
import { startEmulator } from "../emulator";
import { formatMoney } from "../provider/cli/plan";
import { exampleProgram, localStack } from "./local-stack";

const DEMO_KEY = "sk_test_localdemo";

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  console.log(`Local Stripe emulator listening on ${emulator.url}`);
  // An account usually has tax settings already: the stack adopts them and destroy puts them back.
  await fetch(`${emulator.url}/v1/tax/settings`, {
    method: "POST",
    headers: { authorization: `Bearer ${DEMO_KEY}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      "defaults[tax_behavior]": "inferred_by_currency",
      "defaults[tax_code]": "txcd_99999999",
      "head_office[address][country]": "US",
      "head_office[address][state]": "CA",
      "head_office[address][postal_code]": "94105",
    }),
  });
  const local = await localStack({
    projectName: "stripe-billing-quickstart",
    stackName: "demo",
    program: exampleProgram("quickstart"),
    config: {
      "stripe-billing:apiKey": { value: DEMO_KEY, secret: true },
      "stripe-billing:apiBase": { value: emulator.url },
    },
  });
  const print = (text: string) => process.stdout.write(text);
  try {
    console.log("\n$ pulumi up");
    await local.stack.up({ onOutput: print, color: "never" });

    console.log("\nWhat Stripe now holds (read back from the emulator):");
    const outputs = Object.fromEntries(
      Object.entries(await local.stack.outputs()).map(([name, output]) => [name, output.value]),
    );
    const settings = (await (
      await fetch(`${emulator.url}/v1/tax/settings`, { headers: { authorization: `Bearer ${DEMO_KEY}` } })
    ).json()) as StripeObject;
    for (const line of describeObjects(outputs, (id) => emulator.objects.get(id), settings)) {
      console.log(`  ${line}`);
    }

    console.log("\n$ pulumi up   (again: the program did not change, so neither does Stripe)");
    const again = await local.stack.up({ onOutput: print, color: "never" });
    const changed = Object.entries(again.summary.resourceChanges ?? {}).filter(([kind]) => kind !== "same");
    const posts = emulator.requests().filter((r) => r.method === "POST").length;
    console.log(
      changed.length === 0
        ? "No changes on the second up."
        : `Unexpected changes: ${JSON.stringify(changed)}`,
    );

    console.log("\n$ pulumi destroy");
    await local.stack.destroy({ onOutput: print, color: "never" });
    console.log(
      `\nDone: ${emulator.requests().length} requests reached the emulator (${posts} writes before destroy).`,
    );
    if (changed.length > 0) process.exitCode = 1;
  } finally {
    local.cleanup();
    await emulator.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});

type StripeObject = Record<string, any>;

/** The quickstart's objects in billing words, from what Stripe (the emulator) holds. */
function describeObjects(
  outputs: Record<string, unknown>,
  get: (id: string) => StripeObject | undefined,
  taxSettings: StripeObject,
): string[] {
  const lines: string[] = [];
  const words = (value: string) => value.replace(/_/g, " ");
  for (const key of ["groundShippingRateId", "expressShippingRateId"]) {
    const rate = get(String(outputs[key]));
    if (!rate) continue;
    const amount = rate.fixed_amount ?? {};
    const others = Object.entries((amount.currency_options ?? {}) as Record<string, { amount: number }>)
      .map(([currency, option]) => formatMoney(option.amount, currency))
      .join(", ");
    const estimate = rate.delivery_estimate ?? {};
    const [min, max] = [estimate.minimum, estimate.maximum];
    const delivery =
      min && max
        ? `${min.value}–${max.value} ${words(max.unit)}s`
        : max
          ? `within ${max.value} ${words(max.unit)}${max.value === 1 ? "" : "s"}`
          : "no estimate";
    lines.push(
      `Shipping rate "${rate.display_name}": ${formatMoney(amount.amount, amount.currency)}` +
        `${others ? ` (${others})` : ""}, ${delivery}, tax ${rate.tax_behavior} (${rate.id})`,
    );
  }
  const portal = get(String(outputs.portalConfigurationId));
  if (portal) {
    const f = portal.features ?? {};
    const on = [
      f.invoice_history?.enabled && "invoice history",
      f.payment_method_update?.enabled && "payment methods",
      f.customer_update?.enabled &&
        `customer details (${(f.customer_update.allowed_updates ?? []).map(words).join(", ")})`,
      f.subscription_cancel?.enabled && `cancellation ${words(f.subscription_cancel.mode ?? "")}`,
    ].filter(Boolean);
    lines.push(`Customer portal: customers may manage ${on.join(", ")} (${portal.id})`);
  }
  const office = taxSettings.head_office?.address;
  const defaults = taxSettings.defaults ?? {};
  lines.push(
    `Stripe Tax settings: ${taxSettings.status}` +
      (office ? `, head office in ${office.city ?? ""} ${office.country ?? ""}`.trimEnd() : "") +
      (defaults.tax_behavior ? `, prices tax ${words(defaults.tax_behavior)}` : "") +
      (defaults.tax_code ? `, default tax code ${defaults.tax_code}` : ""),
  );
  const ireland = get(String(outputs.irelandRegistrationId));
  if (ireland) {
    const type = ireland.country_options?.ie?.type;
    lines.push(
      `Tax registration: ${ireland.country}${type ? `, ${words(type)}` : ""}, ${ireland.status} (${ireland.id})`,
    );
  }
  return lines;
}
