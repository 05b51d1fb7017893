/**
 * `stripe-billing emulator [--port 12111] [--host 127.0.0.1] [--rate-limit N]`
 */
import { startEmulator } from "./index";

export async function runEmulatorCli(argv: string[]): Promise<void> {
  const options = { port: 12111, host: "127.0.0.1", rateLimit: undefined as number | undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === "--port") options.port = Number(value);
    else if (flag === "--host") options.host = value;
    else if (flag === "--rate-limit") options.rateLimit = Number(value);
    else throw new Error(`unknown option ${flag}`);
    i++;
  }
  const emulator = await startEmulator(options);
  process.stdout.write(`Stripe emulator listening on ${emulator.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => emulator.close().then(resolve);
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
