import { SampleStartError } from './errors.js';

/** The environment variables `npm start` reads. */
export const ENV = {
  accessKey: 'MESSAGEBIRD_ACCESS_KEY',
  channelId: 'MESSAGEBIRD_CHANNEL_ID',
  signingKey: 'MESSAGEBIRD_SIGNING_KEY',
  webhookUrl: 'WEBHOOK_URL',
  apiBaseUrl: 'MESSAGEBIRD_API_BASE_URL',
  templateNamespace: 'MESSAGEBIRD_TEMPLATE_NAMESPACE',
  port: 'PORT',
  simulatorPort: 'SIMULATOR_PORT',
  host: 'HOST',
} as const;

/** Run against the simulator: no account. */
export interface SimulatorConfig {
  mode: 'simulator';
  /** Undefined when not set: the default, swapped for a free port when busy. */
  port: number | undefined;
  simulatorPort: number | undefined;
  host: string;
}

/** Run against MessageBird with real credentials. */
export interface LiveConfig {
  mode: 'live';
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

/** What `npm start` runs. */
export type StartConfig = SimulatorConfig | LiveConfig;

type Env = Record<string, string | undefined>;

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

/**
 * Reads the configuration from the environment. Without MessageBird credentials: the simulator.
 * With any of them: the real API, and then the three keys and WEBHOOK_URL are all required.
 *
 * @example
 * const config = readStartConfig(process.env);
 */
export function readStartConfig(env: Env): StartConfig {
  const host = value(env, ENV.host) ?? '127.0.0.1';
  const credentials = [ENV.accessKey, ENV.channelId, ENV.signingKey] as const;
  if (credentials.every((name) => value(env, name) === undefined)) {
    return {
      mode: 'simulator',
      port: port(env, ENV.port),
      simulatorPort: port(env, ENV.simulatorPort),
      host,
    };
  }
  const missing = [...credentials, ENV.webhookUrl].filter((name) => value(env, name) === undefined);
  if (missing.length > 0) {
    throw new SampleStartError(
      'ENV_INCOMPLETE',
      `to run against MessageBird, also set ${missing.join(', ')} (or unset ${credentials.join(', ')} to use the simulator)`,
    );
  }
  const webhookUrl = value(env, ENV.webhookUrl) as string;
  if (!/^https?:\/\/[^/\s]+\/\S*$/.test(webhookUrl)) {
    throw new SampleStartError(
      'ENV_INVALID',
      `${ENV.webhookUrl} must be the public URL MessageBird posts to, such as https://bot.example.com/api/messages`,
    );
  }
  return {
    mode: 'live',
    accessKey: value(env, ENV.accessKey) as string,
    channelId: value(env, ENV.channelId) as string,
    signingKey: value(env, ENV.signingKey) as string,
    webhookUrl,
    apiBaseUrl: value(env, ENV.apiBaseUrl),
    templateNamespace: value(env, ENV.templateNamespace),
    port: port(env, ENV.port),
    host,
  };
}
