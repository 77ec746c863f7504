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
  const simulator = await startSimulator({ ...command.options, logger: consoleLogger });
  console.info(`MessageBird simulator listening on ${simulator.url}`);
  console.info(`  API:      ${simulator.url}/v1  (channel ${simulator.channelId})`);
  console.info(`  Controls: ${simulator.url}/_sim`);
  console.info(`  Chat:     ${simulator.url}/  (play the WhatsApp user)`);
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
