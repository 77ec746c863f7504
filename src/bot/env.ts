import { SampleStartError } from './errors.js';

/** The environment variables `npm start` reads. */
export const ENV = {
  accessKey: 'MESSAGEBIRD_ACCESS_KEY',
  channelId: 'MESSAGEBIRD_CHANNEL_ID',
  signingKey: 'MESSAGEBIRD_SIGNING_KEY',
  webhookUrl: 'WEBHOOK_URL',
  apiBaseUrl: 'MESSAGEBIRD_API_BASE_URL',
  templateNamespace: 'MESSAGEBIRD_TEMPLATE_NAMESPACE',
  birdWorkspaceId: 'BIRD_WORKSPACE_ID',
  birdChannelId: 'BIRD_CHANNEL_ID',
  birdTemplateProjectId: 'BIRD_TEMPLATE_PROJECT_ID',
  birdApiBaseUrl: 'BIRD_API_BASE_URL',
  port: 'PORT',
  simulatorPort: 'SIMULATOR_PORT',
  host: 'HOST',
} as const;

/** The APIs `npm start` runs the sample on: MessageBird's Conversations API, or Bird's Channels API. */
export type SampleApi = 'conversations' | 'bird';

/** Run against the simulator: no account. */
export interface SimulatorConfig {
  mode: 'simulator';
  /** The simulator's face the adapter speaks to: `bird` with `--bird`. */
  api: SampleApi;
  /** Undefined when not set: the default, swapped for a free port when busy. */
  port: number | undefined;
  simulatorPort: number | undefined;
  host: string;
}

/** Run against MessageBird's Conversations API with real credentials. */
export interface ConversationsLiveConfig {
  mode: 'live';
  api: 'conversations';
  accessKey: string;
  channelId: string;
  signingKey: string;
  /** The public URL MessageBird posts to, such as `https://bot.example.com/api/messages`. */
  webhookUrl: string;
  apiBaseUrl: string | undefined;
  templateNamespace: string | undefined;
  port: number | undefined;
  host: string;
}

/** Run against Bird's Channels API with real credentials (`BIRD_WORKSPACE_ID` set, or `--bird`). */
export interface BirdLiveConfig {
  mode: 'live';
  api: 'bird';
  accessKey: string;
  /** The Bird workspace's UUID. */
  workspaceId: string;
  /** The WhatsApp channel's Bird UUID (`BIRD_CHANNEL_ID`, else `MESSAGEBIRD_CHANNEL_ID`). */
  channelId: string;
  /** The signing key of the bot's webhook subscriptions. */
  signingKey: string;
  /** The public URL Bird posts to (the subscriptions' url). */
  webhookUrl: string;
  apiBaseUrl: string | undefined;
  /** The Studio project of the reminder template, if there is one. */
  templateProjectId: string | undefined;
  port: number | undefined;
  host: string;
}

/** Run against the real API, MessageBird's or Bird's. */
export type LiveConfig = ConversationsLiveConfig | BirdLiveConfig;

/** What `npm start` runs. */
export type StartConfig = SimulatorConfig | LiveConfig;

/** What the command line adds to the environment. */
export interface StartFlags {
  /** `--bird`: Bird's Channels API (the simulator's Bird face, or Bird itself with credentials). */
  bird?: boolean;
}

type Env = Record<string, string | undefined>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const value = (env: Env, name: string): string | undefined => {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
};

function port(env: Env, name: string): number | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new SampleStartError('ENV_INVALID', `${name}="${raw}" is not a port: give 0 to 65535`);
  }
  return n;
}

function uuid(env: Env, name: string, what: string): string | undefined {
  const raw = value(env, name);
  if (raw !== undefined && !UUID.test(raw)) {
    throw new SampleStartError('ENV_INVALID', `${name}="${raw}" is not ${what}`);
  }
  return raw;
}

function baseUrl(env: Env, name: string, example: string): string | undefined {
  const raw = value(env, name);
  if (raw !== undefined && !/^https?:\/\/[^/\s]+\S*$/.test(raw)) {
    throw new SampleStartError(
      'ENV_INVALID',
      `${name}="${raw}" must be an absolute URL, such as ${example}`,
    );
  }
  return raw;
}

/**
 * Reads the configuration from the environment (and `--bird`). Without credentials: the
 * simulator, on its Bird face with `--bird`. With any of them: the real API, and then every key
 * and WEBHOOK_URL are required. `BIRD_WORKSPACE_ID` (or `BIRD_CHANNEL_ID`, or `--bird`) picks
 * Bird's Channels API; otherwise MessageBird's Conversations API.
 *
 * @example
 * const config = readStartConfig(process.env, { bird: process.argv.includes('--bird') });
 */
export function readStartConfig(env: Env, flags: StartFlags = {}): StartConfig {
  const host = value(env, ENV.host) ?? '127.0.0.1';
  const credentials = [
    ENV.accessKey,
    ENV.channelId,
    ENV.signingKey,
    ENV.birdWorkspaceId,
    ENV.birdChannelId,
  ] as const;
  const set = (name: string) => value(env, name) !== undefined;
  const bird = flags.bird === true || set(ENV.birdWorkspaceId) || set(ENV.birdChannelId);
  if (!credentials.some(set)) {
    return {
      mode: 'simulator',
      api: bird ? 'bird' : 'conversations',
      port: port(env, ENV.port),
      simulatorPort: port(env, ENV.simulatorPort),
      host,
    };
  }
  const required = bird
    ? [
        ENV.accessKey,
        ENV.birdWorkspaceId,
        set(ENV.channelId) ? ENV.channelId : ENV.birdChannelId,
        ENV.signingKey,
        ENV.webhookUrl,
      ]
    : [ENV.accessKey, ENV.channelId, ENV.signingKey, ENV.webhookUrl];
  const missing = required.filter((name) => !set(name));
  if (missing.length > 0) {
    const unset = credentials.filter(set).join(', ');
    const named = missing.map((name) =>
      name === ENV.birdChannelId ? `${name} (or ${ENV.channelId})` : name,
    );
    throw new SampleStartError(
      'ENV_INCOMPLETE',
      bird
        ? `to run against Bird's Channels API, also set ${named.join(', ')}; or unset ${unset} and run with --bird to use the simulator's Bird face`
        : `to run against MessageBird, also set ${missing.join(', ')} (or unset ${unset} to use the simulator)`,
    );
  }
  const webhookUrl = value(env, ENV.webhookUrl) as string;
  if (!/^https?:\/\/[^/\s]+\/\S*$/.test(webhookUrl)) {
    throw new SampleStartError(
      'ENV_INVALID',
      `${ENV.webhookUrl} must be the public URL ${bird ? 'Bird' : 'MessageBird'} posts to, such as https://bot.example.com/api/messages`,
    );
  }
  const common = {
    mode: 'live' as const,
    accessKey: value(env, ENV.accessKey) as string,
    signingKey: value(env, ENV.signingKey) as string,
    webhookUrl,
    port: port(env, ENV.port),
    host,
  };
  if (!bird) {
    return {
      ...common,
      api: 'conversations',
      channelId: value(env, ENV.channelId) as string,
      apiBaseUrl: baseUrl(env, ENV.apiBaseUrl, 'https://conversations.messagebird.com/v1'),
      templateNamespace: value(env, ENV.templateNamespace),
    };
  }
  const channelName = set(ENV.birdChannelId) ? ENV.birdChannelId : ENV.channelId;
  return {
    ...common,
    api: 'bird',
    workspaceId: uuid(
      env,
      ENV.birdWorkspaceId,
      'a Bird workspace id: give the UUID in the URL app.bird.com/workspaces/<id>/…',
    ) as string,
    channelId: uuid(
      env,
      channelName,
      'a Bird channel id: give the UUID of your WhatsApp channel in Bird (Channels → WhatsApp; the id in its URL)',
    ) as string,
    apiBaseUrl: baseUrl(env, ENV.birdApiBaseUrl, 'https://api.bird.com'),
    templateProjectId: uuid(
      env,
      ENV.birdTemplateProjectId,
      "a Bird project id: give the UUID of the reminder template's project (Studio → Templates; the id in its URL)",
    ),
  };
}
