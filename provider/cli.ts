#!/usr/bin/env node
/**
 * The `stripe-billing` command.
 *   stripe-billing emulator [--port 12111] [--host 127.0.0.1] [--rate-limit N]
 */
const USAGE = `usage: stripe-billing <command>

commands:
  emulator [--port 12111] [--host 127.0.0.1] [--rate-limit N]   run the local Stripe emulator
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "emulator": {
      const { runEmulatorCli } = require("../emulator/cli") as typeof import("../emulator/cli");
      await runEmulatorCli(rest);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`stripe-billing: unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`stripe-billing: ${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
