// `npm start`: the sample bot against the simulator (no configuration), or against MessageBird
// when MESSAGEBIRD_ACCESS_KEY, MESSAGEBIRD_CHANNEL_ID, MESSAGEBIRD_SIGNING_KEY and WEBHOOK_URL are set.
// `npm start -- --agents`: the same sample as a Microsoft 365 Agents SDK AgentApplication, against
// the simulator. Each is imported only when chosen, so the Agents sample never loads botbuilder.
import { ENV, readStartConfig } from './env.js';
import { REMINDER_TEMPLATE } from './templates.js';

const log = (line: string) => console.log(line);

async function main(): Promise<() => Promise<void>> {
  const config = readStartConfig(process.env);
  const agents = process.argv.includes('--agents');
  if (agents && config.mode !== 'simulator') {
    throw new Error(
      '--agents runs the Agents SDK sample against the local simulator only: unset the MESSAGEBIRD_* variables, or run without --agents',
    );
  }
  if (config.mode === 'simulator') {
    const start = agents
      ? (await import('./start-agents-sample.js')).startAgentsSample
      : (await import('./start-sample.js')).startSample;
    const sample = await start({
      ...(config.port !== undefined ? { port: config.port } : {}),
      ...(config.simulatorPort !== undefined ? { simulatorPort: config.simulatorPort } : {}),
      host: config.host,
      log,
    });
    log('');
    log(
      `  MessageBird WhatsApp sample bot${agents ? ' (Microsoft 365 Agents SDK)' : ''}, on the local simulator (no account needed)`,
    );
    log('');
    log(`  Chat page:  ${sample.chatUrl}   <- open this and write as the WhatsApp user`);
    log(`  Bot:        ${sample.webhookUrl} (webhook registered with the simulator)`);
    log(
      `  Simulator:  ${sample.simulator.url}/v1 (default simulator keys), control routes under /_sim`,
    );
    log('');
    log(
      `  With real credentials, set ${ENV.accessKey}, ${ENV.channelId}, ${ENV.signingKey} and ${ENV.webhookUrl}.`,
    );
    log('  Press Ctrl+C to stop.');
    log('');
    return sample.close;
  }
  const { startLive } = await import('./start-live.js');
  const live = await startLive(config, log);
  log('');
  log('  MessageBird WhatsApp sample bot, on MessageBird (real API)');
  log('');
  log(
    `  Access key: ${live.credentials.accessKey}; channel ${config.channelId}: ${live.credentials.channel}`,
  );
  for (const problem of live.credentials.problems) log(`  ! ${problem}`);
  log(`  Bot:        listening on ${live.botUrl}`);
  log(
    `  Webhook:    MessageBird must post to ${live.webhookUrl} (forward it to the bot, e.g. with a tunnel)`,
  );
  if (!config.templateNamespace) {
    log(
      `  ! ${ENV.templateNamespace} is not set: reminders cannot fall back to the ${REMINDER_TEMPLATE} template`,
    );
  }
  log('  Press Ctrl+C to stop.');
  log('');
  return live.close;
}

main().then(
  (close) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error: Error & { code?: string }) => {
    console.error(`Cannot start: ${error.message}${error.code ? ` [${error.code}]` : ''}`);
    process.exitCode = 1;
  },
);
