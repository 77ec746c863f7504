#!/usr/bin/env node
import { CliUsageError, parseCliArgs, USAGE } from './cli-args.js';
import { consoleLogger } from './logger.js';
import { startSimulator } from './server.js';

/** Runs the simulator from the command line until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const command = parseCliArgs(process.argv.slice(2));
  if (command.kind === 'help') {
    console.info(USAGE);
    return;
  }
  // startSimulator logs where both APIs, the controls and the chat page are.
  const simulator = await startSimulator({ ...command.options, logger: consoleLogger });
  const stop = (signal: string) => {
    console.info(`${signal}: closing the simulator`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(error instanceof CliUsageError ? 2 : 1);
});
