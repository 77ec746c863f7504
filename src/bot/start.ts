// `npm start`: the sample bot against the simulator (no configuration), or against MessageBird
// when MESSAGEBIRD_ACCESS_KEY, MESSAGEBIRD_CHANNEL_ID, MESSAGEBIRD_SIGNING_KEY and WEBHOOK_URL are set.
import { ENV, readStartConfig } from './env.js';
import { startLive } from './start-live.js';
import { startSample } from './start-sample.js';
import { REMINDER_TEMPLATE } from './templates.js';

const log = (line: string) => console.log(line);

async function main(): Promise<() => Promise<void>> {
  const config = readStartConfig(process.env);
  if (config.mode === 'simulator') {
    const sample = await startSample({
      ...(config.port !== undefined ? { port: config.port } : {}),
      ...(config.simulatorPort !== undefined ? { simulatorPort: config.simulatorPort } : {}),
      host: config.host,
      log,
    });
    log('');
    log('  MessageBird WhatsApp sample bot, on the local simulator (no account needed)');
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
