import { parseArgs } from 'node:util';
import type { SimulatorOptions } from './options.js';
import type { ServerOptions } from './server.js';

/** The port the CLI listens on when `--port` is not given. */
export const DEFAULT_CLI_PORT = 4010;

/** The CLI's usage text. */
export const USAGE = `Usage: messagebird-simulator [options]

  --port <n>                     port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host <host>                  interface to listen on (default 127.0.0.1)
  --access-key <key>             the access key clients must send (default test_simulator_access_key)
  --signing-key <key>            the key webhooks are signed with
  --channel-id <id>              the WhatsApp channel id to play (32 hex characters or a dashed UUID)
  --bird-workspace-id <uuid>     the Bird workspace its Channels API answers for
  --bird-channel-id <uuid>       that channel's Bird channel id
  --bird-organization-id <uuid>  the Bird organization of its webhook subscriptions
  --persist <file>               load state from this JSON file and save it there
  --approve-templates            approve templates as soon as they are submitted
  -h, --help                     show this help`;

/** What the command line asks for: start with these options, or show help. */
export type CliCommand =
  | { kind: 'start'; options: SimulatorOptions & ServerOptions }
  | { kind: 'help' };

/** A command line the CLI cannot read; its message says what to fix. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  /** Stable code for programs. */
  readonly code = 'SIMULATOR_CLI_USAGE';
}

/** Reads the CLI's arguments (without `node` and the script). */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let values: ReturnType<typeof read>['values'];
  try {
    values = read(argv).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? DEFAULT_CLI_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliUsageError(`--port must be a whole number from 0 to 65535\n\n${USAGE}`);
  }
  const options: SimulatorOptions & ServerOptions = { port };
  if (values.host) options.host = values.host;
  if (values['access-key']) options.accessKey = values['access-key'];
  if (values['signing-key']) options.signingKey = values['signing-key'];
  if (values['channel-id']) options.channelId = values['channel-id'];
  if (values['bird-workspace-id']) options.birdWorkspaceId = values['bird-workspace-id'];
  if (values['bird-channel-id']) options.birdChannelId = values['bird-channel-id'];
  if (values['bird-organization-id']) options.birdOrganizationId = values['bird-organization-id'];
  if (values.persist) options.persist = values.persist;
  if (values['approve-templates']) options.approveTemplatesOnSubmit = true;
  return { kind: 'start', options };
}

function read(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'access-key': { type: 'string' },
      'signing-key': { type: 'string' },
      'channel-id': { type: 'string' },
      'bird-workspace-id': { type: 'string' },
      'bird-channel-id': { type: 'string' },
      'bird-organization-id': { type: 'string' },
      persist: { type: 'string' },
      'approve-templates': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
