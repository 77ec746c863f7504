import { describe, expect, it } from 'vitest';
import { readStartConfig, type StartFlags } from '../../src/bot/env.js';

const KEYS = {
  MESSAGEBIRD_ACCESS_KEY: 'live_abc123',
  MESSAGEBIRD_CHANNEL_ID: '5f1c2a9e-7b3d-4e8a-9c21-0d6e4b7a3f10',
  MESSAGEBIRD_SIGNING_KEY: 'signing_xyz789',
};

const failure = (env: Record<string, string>, flags?: StartFlags) => {
  try {
    readStartConfig(env, flags);
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error('expected an error');
};

describe('npm start configuration from the environment', () => {
  it('runs on the simulator with nothing set', () => {
    expect(readStartConfig({})).toEqual({
      mode: 'simulator',
      api: 'conversations',
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
      api: 'conversations',
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

const BIRD = {
  BIRD_WORKSPACE_ID: '0e8f6a2c-4b1d-4c3e-9a7f-5d2b8c6e1f03',
  BIRD_CHANNEL_ID: '7d3a1f9e-2c4b-4e6d-8f1a-3b5c7d9e0a24',
  MESSAGEBIRD_ACCESS_KEY: 'bird_key_4711',
  MESSAGEBIRD_SIGNING_KEY: 'bird_signing_0815',
  WEBHOOK_URL: 'https://bot.example.com/api/messages',
};

const without = (env: Record<string, string>, ...names: string[]) =>
  Object.fromEntries(Object.entries(env).filter(([name]) => !names.includes(name)));

describe('npm start -- --bird: Bird’s Channels API from the environment', () => {
  it('runs on the simulator’s Bird face with --bird and no credentials', () => {
    expect(readStartConfig({ PORT: '0' }, { bird: true })).toEqual({
      mode: 'simulator',
      api: 'bird',
      port: 0,
      simulatorPort: undefined,
      host: '127.0.0.1',
    });
  });

  it('runs against Bird with BIRD_WORKSPACE_ID, the channel, the keys and WEBHOOK_URL, with or without --bird', () => {
    const expected = {
      mode: 'live',
      api: 'bird',
      workspaceId: BIRD.BIRD_WORKSPACE_ID,
      channelId: BIRD.BIRD_CHANNEL_ID,
      accessKey: BIRD.MESSAGEBIRD_ACCESS_KEY,
      signingKey: BIRD.MESSAGEBIRD_SIGNING_KEY,
      webhookUrl: BIRD.WEBHOOK_URL,
      apiBaseUrl: undefined,
      templateProjectId: undefined,
      port: undefined,
      host: '127.0.0.1',
    };
    expect(readStartConfig(BIRD)).toEqual(expected);
    expect(readStartConfig(BIRD, { bird: true })).toEqual(expected);
  });

  it('takes MESSAGEBIRD_CHANNEL_ID as the channel when BIRD_CHANNEL_ID is not set, and BIRD_CHANNEL_ID first when both are', () => {
    const channel = '1c9e7a5f-3b2d-4f8e-a6c4-9e0b2d4f6a81';
    const reused = readStartConfig({
      ...without(BIRD, 'BIRD_CHANNEL_ID'),
      MESSAGEBIRD_CHANNEL_ID: channel,
    });
    expect(reused).toMatchObject({ api: 'bird', channelId: channel });
    expect(readStartConfig({ ...BIRD, MESSAGEBIRD_CHANNEL_ID: channel })).toMatchObject({
      channelId: BIRD.BIRD_CHANNEL_ID,
    });
  });

  it('reads the optional template project and API base URL', () => {
    const config = readStartConfig({
      ...BIRD,
      BIRD_TEMPLATE_PROJECT_ID: '9f2b4d6e-8a1c-4e3f-b5d7-0c2e4a6b8d19',
      BIRD_API_BASE_URL: 'http://127.0.0.1:4010',
    });
    expect(config).toMatchObject({
      templateProjectId: '9f2b4d6e-8a1c-4e3f-b5d7-0c2e4a6b8d19',
      apiBaseUrl: 'http://127.0.0.1:4010',
    });
  });

  it.each([
    ['BIRD_WORKSPACE_ID', /also set BIRD_WORKSPACE_ID; or unset/],
    ['MESSAGEBIRD_ACCESS_KEY', /also set MESSAGEBIRD_ACCESS_KEY; or unset/],
    ['MESSAGEBIRD_SIGNING_KEY', /also set MESSAGEBIRD_SIGNING_KEY; or unset/],
    ['WEBHOOK_URL', /also set WEBHOOK_URL; or unset/],
    ['BIRD_CHANNEL_ID', /also set BIRD_CHANNEL_ID \(or MESSAGEBIRD_CHANNEL_ID\); or unset/],
  ])('names %s when it is missing, and prints no key', (name, message) => {
    const env = without(BIRD, name);
    // Without BIRD_WORKSPACE_ID it is --bird (or BIRD_CHANNEL_ID) that asks for Bird.
    const error = failure(env, { bird: true });
    expect(error.code).toBe('ENV_INCOMPLETE');
    expect(error.message).toMatch(/to run against Bird's Channels API/);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(BIRD.MESSAGEBIRD_ACCESS_KEY);
    expect(error.message).not.toContain(BIRD.MESSAGEBIRD_SIGNING_KEY);
  });

  it('asks for BIRD_WORKSPACE_ID when --bird is given with MessageBird credentials only', () => {
    const error = failure({ ...KEYS, WEBHOOK_URL: BIRD.WEBHOOK_URL }, { bird: true });
    expect(error.code).toBe('ENV_INCOMPLETE');
    expect(error.message).toMatch(/also set BIRD_WORKSPACE_ID; or unset /);
    expect(error.message).toMatch(/run with --bird to use the simulator's Bird face/);
  });

  it.each([
    [
      'BIRD_WORKSPACE_ID',
      'my-workspace',
      /BIRD_WORKSPACE_ID="my-workspace" is not a Bird workspace id: give the UUID/,
    ],
    [
      'BIRD_CHANNEL_ID',
      '0123456789abcdef0123456789abcdef',
      /BIRD_CHANNEL_ID=".*" is not a Bird channel id/,
    ],
    [
      'BIRD_TEMPLATE_PROJECT_ID',
      'reminders',
      /BIRD_TEMPLATE_PROJECT_ID="reminders" is not a Bird project id/,
    ],
    [
      'BIRD_API_BASE_URL',
      'api.bird.com',
      /BIRD_API_BASE_URL="api.bird.com" must be an absolute URL, such as https:\/\/api.bird.com/,
    ],
  ])('refuses %s="%s", naming it and what to give', (name, given, message) => {
    const error = failure({ ...BIRD, [name]: given });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toMatch(message);
  });

  it('names the MESSAGEBIRD_CHANNEL_ID it reused when that is not a Bird channel id', () => {
    const error = failure({
      ...without(BIRD, 'BIRD_CHANNEL_ID'),
      MESSAGEBIRD_CHANNEL_ID: '0123456789abcdef0123456789abcdef',
    });
    expect(error.code).toBe('ENV_INVALID');
    expect(error.message).toMatch(/^MESSAGEBIRD_CHANNEL_ID=".*" is not a Bird channel id/);
  });
});
