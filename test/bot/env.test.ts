import { describe, expect, it } from 'vitest';
import { readStartConfig } from '../../src/bot/env.js';

const KEYS = {
  MESSAGEBIRD_ACCESS_KEY: 'live_abc123',
  MESSAGEBIRD_CHANNEL_ID: '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
  MESSAGEBIRD_SIGNING_KEY: 'signing_xyz789',
};

const failure = (env: Record<string, string>) => {
  try {
    readStartConfig(env);
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected an error');
};

describe('npm start configuration from the environment', () => {
  it('runs on the simulator with nothing set', () => {
    expect(readStartConfig({})).toEqual({
      mode: 'simulator',
      port: undefined,
      simulatorPort: undefined,
      host: '127.0.0.1',
    });
  });

  it('reads ports and host for the simulator, and refuses a port that is not one', () => {
    expect(readStartConfig({ PORT: '0', SIMULATOR_PORT: '4020', HOST: '0.0.0.0' })).toMatchObject({
      port: 0,
      simulatorPort: 4020,
      host: '0.0.0.0',
    });
    const error = failure({ PORT: '80a' });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toMatch(/PORT="80a" is not a port/);
  });

  it('runs against MessageBird with the three keys and WEBHOOK_URL', () => {
    const config = readStartConfig({
      ...KEYS,
      WEBHOOK_URL: 'https://bot.example.com/api/messages',
    });
    expect(config).toMatchObject({
      mode: 'live',
      webhookUrl: 'https://bot.example.com/api/messages',
    });
  });

  it('names what is missing when only some credentials are set, without printing any key', () => {
    const error = failure({ MESSAGEBIRD_ACCESS_KEY: KEYS.MESSAGEBIRD_ACCESS_KEY });
    expect(error.code).toBe('ENV_INCOMPLETE');
    expect(error.message).toMatch(
      /also set MESSAGEBIRD_CHANNEL_ID, MESSAGEBIRD_SIGNING_KEY, WEBHOOK_URL/,
    );
    expect(error.message).not.toContain(KEYS.MESSAGEBIRD_ACCESS_KEY);
  });

  it('refuses a webhook URL that is not an absolute public URL', () => {
    const error = failure({ ...KEYS, WEBHOOK_URL: 'bot.example.com/api' });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toMatch(/WEBHOOK_URL must be the public URL/);
  });
});
