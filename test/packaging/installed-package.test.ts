import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, INBOUND, messageEvent, SENDS } from '../payloads/index.js';
import { entryPoints, ROOT } from '../support/entry-points.js';

/**
 * What `npm install` gives a user: the packed tarball installed beside the user's own botbuilder
 * (from npm's cache, as a user's npm would take it) in a fresh project, then used from there: ESM
 * and CommonJS, the simulator's bin, its chat page, and MessageBird's official client through it.
 * The Agents SDK (optional peers) is not installed at first: every entry but `./agents` works
 * without it. Then it is installed, and `./agents` is used from ESM and CommonJS with
 * NODE_ENV=production and no Azure settings.
 */
const run = promisify(execFile);
const require = createRequire(import.meta.url);
const BOTBUILDER = (require('botbuilder/package.json') as { version: string }).version;
/** The Agents SDK packages at the versions the repository tests (1.8.1). */
const AGENTS_SDK = ['@microsoft/agents-hosting', '@microsoft/agents-activity'].map(
  (name) => `${name}@${(require(`${name}/package.json`) as { version: string }).version}`,
);
const ENTRIES = entryPoints();
const specifierOf = (subpath: string) =>
  (ENTRIES.find((e) => e.subpath === subpath) as (typeof ENTRIES)[number]).specifier;
const ROOT_ENTRY = specifierOf('.');
const AGENTS_ENTRY = specifierOf('./agents');
const SIM_ENTRY = specifierOf('./simulator');
const VITEST_ENTRY = specifierOf('./testing/vitest');
/** Entries that need no Agents SDK (nor vitest, an optional peer of `./testing/vitest`). */
const WITHOUT_SDK = ENTRIES.filter((e) => !['./agents', './testing/vitest'].includes(e.subpath));
const SIM_KEY = 'packaging_access_key_7c1';
/** Lists the loaded files (CommonJS, where every bot SDK lives) whose path matches `pattern`. */
const loadedMatching = (pattern: RegExp) =>
  `Object.keys(process.getBuiltinModule('node:module').createRequire(process.cwd() + '/').cache).filter((p) => ${pattern}.test(p))`;
/** botbuilder's packages (botbuilder, botbuilder-core…, botframework-…), not this package. */
const BOTBUILDER_FILES =
  /[\\/]node_modules[\\/](botbuilder(?!-adapter-messagebird-whatsapp)[^\\/]*|botframework-[^\\/]*)[\\/]/;
const AGENTS_SDK_FILES = /[\\/]node_modules[\\/]@microsoft[\\/]agents-/;

let dir: string;
let app: string;
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] };
let simulator: ChildProcess | undefined;
let simUrl: string;

/** Runs npm in `cwd` and answers its stdout. */
async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/**
 * Runs a script of the user's project with Node and answers what it printed, parsed as JSON. The
 * environment is this one's, without Azure settings (clientId, tenantId, Connections__…), plus `env`.
 */
async function node(file: string, source: string, env: Record<string, string> = {}) {
  writeFileSync(join(app, file), source);
  const inherited = Object.entries(process.env).filter(
    ([key]) => !/^(clientid|tenantid|clientsecret|connections__)/i.test(key),
  );
  const { stdout } = await run(process.execPath, [file], {
    cwd: app,
    env: { ...Object.fromEntries(inherited), ...env },
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

/** Starts the installed `messagebird-simulator` bin on a free port; resolves with its URL. */
function startBin(): Promise<string> {
  const child = spawn(
    join(app, 'node_modules/.bin/messagebird-simulator'),
    ['--port', '0', '--access-key', SIM_KEY, '--channel-id', IDS.channelId],
    { cwd: app, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  simulator = child;
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the bin did not start:\n${output}`)), 15_000);
    const read = (chunk: Buffer) => {
      output += String(chunk);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`the bin exited (${code}):\n${output}`)));
  });
}

/**
 * Type-checks one file of the user's project against the installed declarations, strictly and
 * with `skipLibCheck: false`; answers tsc's output, empty when it passed.
 */
async function typeCheck(file: string): Promise<string> {
  const config = join(app, `tsconfig.${file}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: {
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'es2022',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      files: [file],
    }),
  );
  return run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', config]).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? String(error),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mbwa-package-'));
  // `npm pack` runs `prepack`, the build: dist is made afresh from src.
  const [info] = JSON.parse(await npm(['pack', '--pack-destination', dir, '--json'], ROOT));
  packed = info;
  app = join(dir, 'user-bot');
  await run('mkdir', [app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'user-bot', version: '1.0.0', private: true }),
  );
  await npm(
    [
      'install',
      join(dir, packed.filename),
      `botbuilder@${BOTBUILDER}`,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
    ],
    app,
  );
  simUrl = await startBin();
}, 120_000);

afterAll(() => {
  simulator?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the compiled package, its page files, README, LICENSE and CHANGELOG; no src, no sample bot', () => {
    const files = packed.files.map((f) => f.path);
    expect(files.filter((f) => !f.startsWith('dist/')).sort()).toEqual([
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'package.json',
    ]);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/adapter/index.js',
        'dist/adapter/index.d.ts',
        'dist/simulator/cli.js',
        'dist/simulator/chat/static/index.html',
        'dist/simulator/chat/static/chat.js',
        'dist/simulator/chat/static/chat.css',
      ]),
    );
    expect(files.filter((f) => f.startsWith('dist/bot/') || f.startsWith('src/'))).toEqual([]);
  });

  it('installs beside the user’s botbuilder as one copy', async () => {
    const paths = (await npm(['ls', 'botbuilder', '--all', '--parseable'], app))
      .split('\n')
      .filter(Boolean);
    expect(paths).toEqual([join(app, 'node_modules/botbuilder')]);
  });
});

describe('the installed package', () => {
  const program = (load: (specifier: string) => string) => `
    const entries = ${JSON.stringify(WITHOUT_SDK.map((e) => e.specifier))};
    const out = {};
    for (const specifier of entries) out[specifier] = Object.keys(${load('specifier')}).sort();
    out.agentsSdkFiles = ${loadedMatching(AGENTS_SDK_FILES)};
    try {
      ${load(JSON.stringify(AGENTS_ENTRY))};
      out.agentsEntry = 'loaded';
    } catch (error) {
      out.agentsEntry = error.message;
    }
    try {
      ${load(JSON.stringify(VITEST_ENTRY))};
      out.vitestEntry = 'loaded';
    } catch (error) {
      out.vitestEntry = error.message;
    }
    const { MessageBirdAdapter, ConfigurationError } = ${load(JSON.stringify(ROOT_ENTRY))};
    const sim = ${load(JSON.stringify(SIM_ENTRY))};
    const options = {
      accessKey: process.env.SIM_KEY,
      signingKey: sim.DEFAULT_SIGNING_KEY,
      channelId: ${JSON.stringify(IDS.channelId)},
      apiBaseUrl: process.env.SIM_URL + '/v1',
    };
    const adapter = new MessageBirdAdapter(options);
    out.credentials = await adapter.verifyCredentials();
    await adapter.close();
    try {
      new MessageBirdAdapter({ ...options, redis: { url: 'redis://127.0.0.1:1' } });
    } catch (error) {
      out.redis = { configuration: error instanceof ConfigurationError, message: error.message };
    }
    console.log(JSON.stringify(out));`;
  const env = () => ({ SIM_URL: simUrl, SIM_KEY });
  const expected = Object.fromEntries(WITHOUT_SDK.map((e) => [e.specifier, e.values]));

  for (const [kind, file, source] of [
    ['imported (ESM)', 'bot.mjs', `${program((s) => `(await import(${s}))`)}`],
    [
      'required (CommonJS)',
      'bot.cjs',
      `(async () => {${program((s) => `require(${s})`)}})().catch((e) => { console.error(e); process.exit(1); });`,
    ],
  ] as const) {
    it(`${kind}: every entry point but ./agents and ./testing/vitest loads with its exports without the Agents SDK or vitest, and the adapter talks to the bin’s simulator`, async () => {
      const out = await node(file, source, env());
      for (const [specifier, values] of Object.entries(expected)) {
        expect(out[specifier], specifier).toEqual(values);
      }
      expect(out.agentsSdkFiles).toEqual([]);
      // ./agents needs the Agents SDK, an optional peer the user did not install.
      expect(out.agentsEntry).toMatch(/Cannot find (package|module) '@microsoft\/agents-/);
      // ./testing/vitest needs vitest, an optional peer the user did not install.
      expect(out.vitestEntry).toMatch(/Cannot find (package|module) 'vitest'/);
      expect(out.credentials).toMatchObject({ accessKey: 'valid' });
      // ioredis is an optional peer the user did not install.
      expect(out.redis).toEqual({
        configuration: true,
        message: expect.stringContaining('npm install ioredis'),
      });
    });
  }

  it('type-checks a TypeScript bot against its declarations, without skipLibCheck or ioredis', async () => {
    writeFileSync(
      join(app, 'bot.ts'),
      `import { MessageBirdAdapter, type StatusValue, type MessageBirdAdapterOptions } from 'botbuilder-adapter-messagebird-whatsapp';
      import { createSimulator, type RunningSimulator } from 'botbuilder-adapter-messagebird-whatsapp/simulator';
      import { verifySignatureJwt, WebhookPayload } from 'botbuilder-adapter-messagebird-whatsapp/messagebird';
      const options: MessageBirdAdapterOptions = { accessKey: 'k', signingKey: 's', channelId: 'c', redis: { url: 'redis://x' } };
      export const used = [new MessageBirdAdapter(options), createSimulator(), verifySignatureJwt, WebhookPayload];
      export type Used = [StatusValue, RunningSimulator];`,
    );
    expect(await typeCheck('bot.ts')).toBe('');
  });

  it('type-checks a botbuilder bot’s test with the test kit, without skipLibCheck or the Agents SDK: the context is botbuilder’s', async () => {
    writeFileSync(
      join(app, 'bot.test.ts'),
      `import { ActivityHandler } from 'botbuilder';
      import type { MessageBirdAdapter } from 'botbuilder-adapter-messagebird-whatsapp';
      import { createTestChat, type ReceivedMessage } from 'botbuilder-adapter-messagebird-whatsapp/testing';
      const bot = new ActivityHandler();
      export async function test(): Promise<ReceivedMessage | undefined> {
        const chat = await createTestChat({ logic: (context) => bot.run(context) });
        const adapter: MessageBirdAdapter = chat.adapter;
        // @ts-expect-error the context is botbuilder's TurnContext, not any
        await createTestChat({ logic: (context) => context.noSuchMethod() });
        await chat.contact('+5511987654321', { name: 'Ana' }).says('hi');
        await adapter.close();
        return chat.contact('+5511987654321').lastMessage();
      }`,
    );
    expect(await typeCheck('bot.test.ts')).toBe('');
  });

  it('serves the chat page, its script and stylesheet from the installed dist', async () => {
    const page = await fetch(`${simUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const installed = join(
      app,
      'node_modules/botbuilder-adapter-messagebird-whatsapp/dist/simulator/chat/static',
    );
    expect(html).toBe(readFileSync(join(installed, 'index.html'), 'utf8'));
    for (const [path, type] of [
      ['/chat/chat.js', /^text\/javascript/],
      ['/chat/chat.css', /^text\/css/],
    ] as const) {
      expect(html).toContain(path);
      const res = await fetch(`${simUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect((await res.text()).length).toBeGreaterThan(1000);
    }
  });

  it("takes a message from MessageBird's official Node client (messagebird@4)", async () => {
    const https = require('node:https') as typeof import('node:https');
    const http = require('node:http') as typeof import('node:http');
    const { initClient } = require('messagebird') as {
      initClient: (key: string) => { conversations: Record<string, (...a: unknown[]) => void> };
    };
    const original = https.request;
    // The client calls https://conversations.messagebird.com: send it to the bin over plain HTTP.
    (https as { request: unknown }).request = (options: object, callback?: never) =>
      http.request(
        {
          ...options,
          protocol: 'http:',
          host: '127.0.0.1',
          hostname: '127.0.0.1',
          port: new URL(simUrl).port,
        },
        callback,
      );
    try {
      const conversations = initClient(SIM_KEY).conversations;
      const call = (name: string, ...args: unknown[]) =>
        new Promise<Record<string, unknown>>((resolve, reject) =>
          conversations[name]?.(...args, (error: unknown, result: Record<string, unknown>) =>
            error ? reject(error) : resolve(result),
          ),
        );
      const sent = await call('send', SENDS.text());
      expect(sent).toMatchObject({ status: 'accepted', id: expect.any(String) });
      const listed = await fetch(`${simUrl}/v1/conversations`, {
        headers: { Authorization: `AccessKey ${SIM_KEY}` },
      });
      const page = (await listed.json()) as { items: { contact: { msisdn: number } }[] };
      expect(page.items.map((c) => c.contact.msisdn)).toContain(Number(IDS.msisdn));
    } finally {
      (https as { request: unknown }).request = original;
    }
  });
});

describe('with the Agents SDK installed', () => {
  beforeAll(async () => {
    await npm(['install', ...AGENTS_SDK, '--prefer-offline', '--no-audit', '--no-fund'], app);
  }, 120_000);

  /** A webhook MessageBird would send: the contact writes now, so the window is open. */
  const inbound = () => {
    const now = new Date().toISOString();
    return messageEvent('message.created', {
      ...INBOUND.text(),
      content: { text: 'ping' },
      createdDatetime: now,
      updatedDatetime: now,
    });
  };
  const program = (load: (specifier: string) => string) => `
    const out = {};
    const agents = ${load(JSON.stringify(AGENTS_ENTRY))};
    out.exports = Object.keys(agents).sort();
    const { AgentApplication, CloudAdapter, MemoryStorage } = ${load("'@microsoft/agents-hosting'")};
    try {
      new CloudAdapter();
      out.plainCloudAdapter = 'constructed';
    } catch (error) {
      out.plainCloudAdapter = error.message;
    }
    const webhookUrl = 'https://bot.example.com/api/messages';
    const adapter = new agents.MessageBirdAgentsAdapter({
      accessKey: process.env.SIM_KEY,
      signingKey: 'packaging_signing_key_51c',
      channelId: ${JSON.stringify(IDS.channelId)},
      apiBaseUrl: process.env.SIM_URL + '/v1',
      webhookUrl,
    });
    out.cloudAdapter = adapter instanceof CloudAdapter;
    const app = new AgentApplication({ adapter, storage: new MemoryStorage() });
    app.onActivity('message', async (context) => {
      await context.sendActivity('pong: ' + context.activity.text);
    });
    out.botbuilderFiles = ${loadedMatching(BOTBUILDER_FILES)};
    const { signSignatureJwt } = ${load("'botbuilder-adapter-messagebird-whatsapp/messagebird'")};
    const body = process.env.WEBHOOK;
    const jwt = await signSignatureJwt({ url: webhookUrl, body, signingKey: 'packaging_signing_key_51c' });
    const request = new Request(webhookUrl, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', 'MessageBird-Signature-JWT': jwt },
    });
    const response = await adapter.handle(request, async (context) => {
      await app.run(context);
    });
    out.webhookStatus = response.status;
    out.credentials = await adapter.verifyCredentials();
    await adapter.close();
    console.log(JSON.stringify(out));`;
  const env = () => ({
    SIM_URL: simUrl,
    SIM_KEY,
    NODE_ENV: 'production',
    WEBHOOK: JSON.stringify(inbound()),
  });
  const agentsEntry = ENTRIES.find((e) => e.subpath === './agents');

  for (const [kind, file, source] of [
    ['imported (ESM)', 'agent.mjs', `${program((s) => `(await import(${s}))`)}`],
    [
      'required (CommonJS)',
      'agent.cjs',
      `(async () => {${program((s) => `require(${s})`)}})().catch((e) => { console.error(e); process.exit(1); });`,
    ],
  ] as const) {
    it(`${kind}: ./agents runs an AgentApplication with NODE_ENV=production and no Azure settings, loading no botbuilder`, async () => {
      const out = await node(file, source, env());
      expect(out.exports).toEqual(agentsEntry?.values);
      // The premise: the SDK's own CloudAdapter refuses this environment.
      expect(out.plainCloudAdapter).toMatch(/ClientId required in production/);
      expect(out.cloudAdapter).toBe(true);
      expect(out.botbuilderFiles).toEqual([]);
      expect(out.webhookStatus).toBe(200);
      expect(out.credentials).toMatchObject({ accessKey: 'valid' });
      const listed = await fetch(
        `${simUrl}/_sim/messages?contact=${encodeURIComponent(IDS.phone)}&direction=sent`,
      );
      const items = ((await listed.json()) as { items: { content: { text?: string } }[] }).items;
      expect(items.map((m) => m.content.text)).toContain('pong: ping');
    });
  }

  it('type-checks an Agents SDK bot against the declarations of ./agents, without skipLibCheck', async () => {
    writeFileSync(
      join(app, 'agent.ts'),
      `import { AgentApplication, MemoryStorage, type TurnState } from '@microsoft/agents-hosting';
      import { MessageBirdAgentsAdapter, WindowClosedError, type AgentLogic, type MessageBirdAgentsAdapterOptions } from 'botbuilder-adapter-messagebird-whatsapp/agents';
      const options: MessageBirdAgentsAdapterOptions = { accessKey: 'k', signingKey: 's', channelId: 'c' };
      const adapter = new MessageBirdAgentsAdapter(options);
      const app = new AgentApplication<TurnState>({ adapter, storage: new MemoryStorage() });
      app.onTurn('afterTurn', async () => true);
      const logic: AgentLogic = async (context) => { await app.run(context); };
      export const used = [adapter.process(null as never, null as never, logic), adapter.continueConversation('', { channelId: 'whatsapp', conversation: { id: 'c' } }, logic), WindowClosedError];`,
    );
    expect(await typeCheck('agent.ts')).toBe('');
  });

  it('the root entry still loads no Agents SDK module, now that the SDK is installed', async () => {
    const out = await node(
      'root.mjs',
      `await import(${JSON.stringify(ROOT_ENTRY)});
      console.log(JSON.stringify({ agentsSdkFiles: ${loadedMatching(AGENTS_SDK_FILES)}, botbuilderFiles: ${loadedMatching(BOTBUILDER_FILES)}.length }));`,
    );
    expect(out.agentsSdkFiles).toEqual([]);
    expect(out.botbuilderFiles).toBeGreaterThan(0);
  });
  it('type-checks an agent’s test with the test kit once botbuilder is uninstalled, without skipLibCheck: the context is the Agents SDK’s', async () => {
    await npm(['uninstall', 'botbuilder', '--no-audit', '--no-fund'], app);
    writeFileSync(
      join(app, 'agent.test.ts'),
      `import { AgentApplication, MemoryStorage } from '@microsoft/agents-hosting';
      import type { MessageBirdAgentsAdapter } from 'botbuilder-adapter-messagebird-whatsapp/agents';
      import { createTestChat } from 'botbuilder-adapter-messagebird-whatsapp/testing';
      export async function test(): Promise<string | undefined> {
        let app: AgentApplication<never> | undefined;
        const chat = await createTestChat({ front: 'agents', logic: (context) => app?.run(context) });
        const adapter: MessageBirdAgentsAdapter = chat.adapter;
        app = new AgentApplication({ adapter, storage: new MemoryStorage() });
        // @ts-expect-error the context is the Agents SDK's TurnContext, not any
        await createTestChat({ front: 'agents', logic: (context) => context.noSuchMethod() });
        await chat.contact('+5511987654321').sendsLocation(52.37, 4.89);
        return chat.contact('+5511987654321').lastMessage()?.text;
      }`,
    );
    expect(await typeCheck('agent.test.ts')).toBe('');
  });
});
