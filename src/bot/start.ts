// `npm start`: the sample bot against the simulator (no configuration), or against MessageBird
// when MESSAGEBIRD_ACCESS_KEY, MESSAGEBIRD_CHANNEL_ID, MESSAGEBIRD_SIGNING_KEY and WEBHOOK_URL are set.
// `npm start -- --bird`: the same over Bird's Channels API, the simulator's Bird face, or Bird
// itself when BIRD_WORKSPACE_ID and the keys are set.
// `npm start -- --agents`: the same sample as a Microsoft 365 Agents SDK AgentApplication, against
// the simulator (with --bird too). Each is imported only when chosen, so the Agents sample never
// loads botbuilder.
import { ENV, readStartConfig } from './env.js';
import { REMINDER_TEMPLATE } from './templates.js';

const log = (line: string) => console.log(line);

async function main(): Promise<() => Promise<void>> {
  const config = readStartConfig(process.env, { bird: process.argv.includes('--bird') });
  const agents = process.argv.includes('--agents');
  if (agents && config.mode !== 'simulator') {
    throw new Error(
      `--agents runs the Agents SDK sample against the local simulator only: unset the MESSAGEBIRD_* and BIRD_* variables, or run without --agents`,
    );
  }
  if (config.mode === 'simulator') {
    const start = agents
      ? (await import('./start-agents-sample.js')).startAgentsSample
      : (await import('./start-sample.js')).startSample;
    const sample = await start({
      api: config.api,
      ...(config.port !== undefined ? { port: config.port } : {}),
      ...(config.simulatorPort !== undefined ? { simulatorPort: config.simulatorPort } : {}),
      host: config.host,
      log,
    });
    const bird = config.api === 'bird';
    log('');
    log(
      `  MessageBird WhatsApp sample bot${agents ? ' (Microsoft 365 Agents SDK)' : ''}, on the local simulator${bird ? "'s Bird face" : ''} (no account needed)`,
    );
    log('');
    log(`  Chat page:  ${sample.chatUrl}   <- open this and write as the WhatsApp user`);
    if (bird) {
      log(
        `  Bot:        ${sample.webhookUrl} (whatsapp.inbound and whatsapp.outbound subscriptions in the simulator)`,
      );
      log(`  Simulator:  ${sample.apiUrl}`);
      log("              Bird's Channels API (default simulator keys); control routes under /_sim");
      log('');
      log(
        `  With real credentials, set ${ENV.birdWorkspaceId}, ${ENV.birdChannelId}, ${ENV.accessKey}, ${ENV.signingKey} and ${ENV.webhookUrl}.`,
      );
    } else {
      log(`  Bot:        ${sample.webhookUrl} (webhook registered with the simulator)`);
      log(
        `  Simulator:  ${sample.apiUrl} (MessageBird's Conversations API, default simulator keys), control routes under /_sim`,
      );
      log('');
      log(
        `  With real credentials, set ${ENV.accessKey}, ${ENV.channelId}, ${ENV.signingKey} and ${ENV.webhookUrl}.`,
      );
    }
    log('  Press Ctrl+C to stop.');
    log('');
    return sample.close;
  }
  const { startLive } = await import('./start-live.js');
  const live = await startLive(config, log);
  const bird = config.api === 'bird';
  log('');
  log(
    bird
      ? "  MessageBird WhatsApp sample bot, on Bird (real API: Bird's Channels API)"
      : '  MessageBird WhatsApp sample bot, on MessageBird (real API)',
  );
  log('');
  log(
    `  Access key: ${live.credentials.accessKey}; ${bird ? `workspace ${config.workspaceId}, ` : ''}channel ${config.channelId}: ${live.credentials.channel}`,
  );
  for (const problem of live.credentials.problems) log(`  ! ${problem}`);
  log(`  Bot:        listening on ${live.botUrl}`);
  log(
    bird
      ? `  Webhook:    Bird must post to ${live.webhookUrl}: subscribe it to whatsapp.inbound and whatsapp.outbound with your signing key (forward it to the bot, e.g. with a tunnel)`
      : `  Webhook:    MessageBird must post to ${live.webhookUrl} (forward it to the bot, e.g. with a tunnel)`,
  );
  if (!live.reminderTemplate) {
    log(
      `  ! ${bird ? ENV.birdTemplateProjectId : ENV.templateNamespace} is not set: reminders cannot fall back to the ${REMINDER_TEMPLATE} template`,
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
