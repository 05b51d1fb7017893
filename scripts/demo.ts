/**
 * `npm run demo`: examples/quickstart through `pulumi up` against the local Stripe emulator,
 * with a throwaway local backend. Shows the ids Stripe gave, then a second `up` that changes
 * nothing, then destroys the stack. Nothing leaves 127.0.0.1.
 */
import { startEmulator } from "../emulator";
import { exampleProgram, localStack } from "./local-stack";

async function main(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  console.log(`Local Stripe emulator listening on ${emulator.url}`);
  const local = await localStack({
    projectName: "stripe-billing-quickstart",
    stackName: "demo",
    program: exampleProgram("quickstart"),
    config: {
      "stripe-billing:apiKey": { value: "sk_test_localdemo", secret: true },
      "stripe-billing:apiBase": { value: emulator.url },
    },
  });
  const print = (text: string) => process.stdout.write(text);
  try {
    console.log("\n$ pulumi up");
    await local.stack.up({ onOutput: print, color: "never" });

    console.log("\nObjects in the emulator:");
    for (const [name, output] of Object.entries(await local.stack.outputs())) {
      console.log(`  ${name.padEnd(24)} ${JSON.stringify(output.value)}`);
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
