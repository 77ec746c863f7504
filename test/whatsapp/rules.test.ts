import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  type Logger,
  MessageBirdAdapter,
  MessageBirdApiError,
  type TemplateDefinitionInput,
  TemplateError,
  UnsupportedActivityError,
  WindowClosedError,
  type WindowStore,
} from '../../src/adapter/index.js';
import {
  createClock,
  createSimulator,
  DEFAULT_ACCESS_KEY,
  DEFAULT_CHANNEL_ID,
  DEFAULT_SIGNING_KEY,
  DEFAULT_TEMPLATE_NAMESPACE,
  type RunningSimulator,
  type Simulator,
  startSimulator,
} from '../../src/simulator/index.js';

/**
 * WhatsApp's rules, one table, run against both sides: the simulator in process (as MessageBird
 * would answer: a 422 naming the parameter, or accepted then `failed` with WhatsApp's code) and
 * the adapter through its public API against a simulator on a socket (refused means the adapter
 * threw its own error before any HTTP call). Each row says what WhatsApp does; both sides must
 * agree with it: both take their rules from src/whatsapp.
 */

type Outcome = 'allowed' | 'refused';

interface Row {
  /** The rule, as src/whatsapp names it. */
  rule: string;
  /** The input, in a few words. */
  input: string;
  /** What WhatsApp does with it. */
  whatsapp: Outcome;
  /** How the simulator reports a refusal: `422 <parameter>` or `failed <code>`. */
  reported?: string;
}

interface TemplateRow extends Row {
  kind: 'template';
  template: { content: string; name?: string; language?: string; category?: string };
  /** How many parameters the send gives. */
  params: number;
  /** The category the name is read as, and whether an older name warns. */
  reads?: { category: string; warns: boolean };
}

interface SendRow extends Row {
  kind: 'send';
  /** What goes to MessageBird: the simulator gets it as `POST /v1/send`. */
  message: { type: string; content: Record<string, unknown> };
  /** What the bot sends; `channelData.messagebird` with `message` when not given. */
  activity?: Partial<Activity>;
}

interface WindowRow extends Row {
  kind: 'window';
  /** Hours since the contact last wrote. */
  hours: number;
  /** A template instead of a free-form text. */
  template?: boolean;
}

type Case = TemplateRow | SendRow | WindowRow;

const PHONE = '+31612345678';
const HOUR = 60 * 60 * 1000;
const x = (n: number) => 'x'.repeat(n);

const TEMPLATE = { name: 'order_update', language: 'en', category: 'UTILITY' };
const template = (
  content: string,
  rest: Partial<Omit<TemplateRow, 'kind' | 'template'>> & {
    template?: Partial<TemplateRow['template']>;
  } = {},
): Pick<TemplateRow, 'kind' | 'template' | 'params'> & Partial<TemplateRow> => ({
  kind: 'template',
  params: 0,
  ...rest,
  template: { content, ...rest.template },
});

/** A reply-buttons message; `over` replaces parts of it. */
function buttons(over: {
  n?: number;
  title?: string;
  id?: string;
  body?: string;
  header?: string;
  footer?: string;
}): SendRow['message'] {
  const list = Array.from({ length: over.n ?? 2 }, (_, i) => ({
    id: i === 0 && over.id !== undefined ? over.id : `b${i}`,
    type: 'reply',
    title: i === 0 && over.title !== undefined ? over.title : `Option ${i + 1}`,
  }));
  return {
    type: 'interactive',
    content: {
      interactive: {
        type: 'button',
        ...(over.header === undefined ? {} : { header: { type: 'text', text: over.header } }),
        body: { text: over.body ?? 'Pick one' },
        ...(over.footer === undefined ? {} : { footer: { text: over.footer } }),
        action: { buttons: list },
      },
    },
  };
}

interface ListRow {
  id: string;
  title: string;
  description?: string;
}

/** A list message with sections of `rows` rows each (titled "Section n" when there are several). */
function list(over: {
  rows?: number[];
  row?: Partial<ListRow>;
  button?: string;
  sectionTitle?: string | null;
}): SendRow['message'] {
  const counts = over.rows ?? [3];
  let n = 0;
  const sections = counts.map((count, s) => {
    const rows = Array.from({ length: count }, () => {
      const row: ListRow = { id: `r${n}`, title: `Row ${n + 1}` };
      if (n === 0 && over.row) Object.assign(row, over.row);
      n++;
      return row;
    });
    const title =
      s === 0 && over.sectionTitle !== undefined
        ? over.sectionTitle
        : counts.length > 1
          ? `Section ${s + 1}`
          : null;
    return title === null ? { rows } : { title, rows };
  });
  return {
    type: 'interactive',
    content: {
      interactive: {
        type: 'list',
        body: { text: 'Pick one' },
        action: { button: over.button ?? 'Choose', sections },
      },
    },
  };
}

/** A text whose choices the adapter turns into a list (more than 3 of them). */
function choices(titles: string[]): Partial<Activity> {
  return {
    type: 'message',
    text: 'Pick one',
    suggestedActions: {
      to: [],
      actions: titles.map((title) => ({ type: 'imBack', title, value: title })),
    },
  };
}

/** The list the adapter sends for those choices. */
function choicesList(titles: string[]): SendRow['message'] {
  return {
    type: 'interactive',
    content: {
      interactive: {
        type: 'list',
        body: { text: 'Pick one' },
        action: {
          button: 'Choose',
          sections: [{ rows: titles.map((t, i) => ({ id: `c${i}`, title: t })) }],
        },
      },
    },
  };
}

const ROW_24 = ['Option one', x(24), 'Option three', 'Option four'];
const ROW_30 = ['Option one', x(30), 'Option three', 'Option four'];

const ROWS: Case[] = [
  // Template grammar: placeholders.
  {
    rule: 'template.placeholders',
    input: 'Hi {{1}}, order {{2}} is ready',
    whatsapp: 'allowed',
    ...template('Hi {{1}}, order {{2}} is ready.', { params: 2 }),
  },
  {
    rule: 'template.placeholders',
    input: 'Order {{2}} for {{1}} (any order)',
    whatsapp: 'allowed',
    // The adapter refuses placeholders out of order of appearance; WhatsApp only wants no gaps.
    ...template('Order {{2}} for {{1}} is ready.', { params: 2 }),
  },
  {
    rule: 'template.placeholders',
    input: 'a gap: {{1}} and {{3}}',
    whatsapp: 'refused',
    reported: '422 content',
    ...template('Hi {{1}}, your order {{3}} is ready.', { params: 2 }),
  },
  {
    rule: 'template.placeholders',
    input: 'a named placeholder {{ name }}',
    whatsapp: 'refused',
    reported: '422 content',
    // The adapter reads {{ name }} as text and the template as taking no parameters.
    ...template('Hi {{ name }}, your order is ready.'),
  },
  {
    rule: 'template.placeholders',
    input: 'a number twice: {{1}} … {{1}}',
    whatsapp: 'allowed',
    ...template('Hi {{1}}, your order is ready, {{1}}.', { params: 1 }),
  },
  {
    rule: 'template.placeholders',
    input: 'numbered from 0: {{0}}',
    whatsapp: 'refused',
    reported: '422 content',
    ...template('Your code is {{0}}, keep it safe.', { params: 1 }),
  },
  {
    rule: 'template.placeholders',
    input: 'a leading zero: {{01}}',
    whatsapp: 'refused',
    reported: '422 content',
    // The adapter reads {{01}} as {{1}}.
    ...template('Your code is {{01}}, keep it safe.', { params: 1 }),
  },
  {
    rule: 'template.placeholders',
    input: 'a brace that closes nothing: {{1}',
    whatsapp: 'refused',
    reported: '422 content',
    // The adapter reads "{{1}" as text and the template as taking no parameters.
    ...template('Hi {{1}, your order is ready.'),
  },
  {
    rule: 'template.placeholders',
    input: 'spaces inside: {{ 1 }}',
    whatsapp: 'allowed',
    ...template('Hi {{ 1 }}, your order is ready.', { params: 1 }),
  },
  // Template sends: one parameter per distinct placeholder.
  {
    rule: 'template.parameters',
    input: '2 placeholders, 1 parameter',
    whatsapp: 'refused',
    reported: 'failed 2000',
    ...template('Hi {{1}}, order {{2}} is ready.', { params: 1 }),
  },
  {
    rule: 'template.parameters',
    input: '2 placeholders, 3 parameters',
    whatsapp: 'refused',
    reported: 'failed 2000',
    ...template('Hi {{1}}, order {{2}} is ready.', { params: 3 }),
  },
  // Template body, name, language.
  {
    rule: 'template.body',
    input: '1024 characters',
    whatsapp: 'allowed',
    ...template(x(1024)),
  },
  {
    rule: 'template.body',
    input: '1025 characters',
    whatsapp: 'refused',
    reported: '422 content',
    ...template(x(1025)),
  },
  {
    rule: 'template.name',
    input: 'Order-Ready',
    whatsapp: 'refused',
    reported: '422 name',
    ...template('Your order is ready.', { template: { name: 'Order-Ready' } }),
  },
  {
    rule: 'template.name',
    input: '512 characters',
    whatsapp: 'allowed',
    ...template('Your order is ready.', { template: { name: 'a'.repeat(512) } }),
  },
  {
    rule: 'template.name',
    input: '513 characters',
    whatsapp: 'refused',
    reported: '422 name',
    ...template('Your order is ready.', { template: { name: 'a'.repeat(513) } }),
  },
  {
    rule: 'template.language',
    input: 'en_US',
    whatsapp: 'allowed',
    ...template('Your order is ready.', { template: { language: 'en_US' } }),
  },
  {
    rule: 'template.language',
    input: 'english',
    whatsapp: 'refused',
    reported: '422 language',
    ...template('Your order is ready.', { template: { language: 'english' } }),
  },
  // Template categories and their older names.
  ...(
    [
      ['UTILITY', 'UTILITY', false],
      ['marketing', 'MARKETING', false],
      ['Transactional', 'UTILITY', true],
      ['One-time password', 'AUTHENTICATION', true],
      ['one_time_password', 'AUTHENTICATION', true],
      ['OTP', 'AUTHENTICATION', true],
    ] as const
  ).map(
    ([category, reads, warns]): TemplateRow => ({
      rule: 'template.category',
      input: category,
      whatsapp: 'allowed',
      // The adapter knows "one-time password" and "one time password", not the snake-case spelling.
      ...template('Your code is {{1}}.', { params: 1, template: { category } }),
      reads: { category: reads, warns },
    }),
  ),
  {
    rule: 'template.category',
    input: 'NEWSLETTER',
    whatsapp: 'refused',
    reported: '422 category',
    ...template('Your order is ready.', { template: { category: 'NEWSLETTER' } }),
  },

  // Limits of what a business sends (the contact wrote an hour ago).
  {
    rule: 'text',
    input: '4096 characters',
    whatsapp: 'allowed',
    kind: 'send',
    message: { type: 'text', content: { text: x(4096) } },
    activity: { type: 'message', text: x(4096), textFormat: 'plain' },
  },
  {
    rule: 'text',
    input: '4097 characters',
    whatsapp: 'refused',
    reported: '422 content.text',
    kind: 'send',
    message: { type: 'text', content: { text: x(4097) } },
    activity: { type: 'message', text: x(4097), textFormat: 'plain' },
  },
  {
    rule: 'text',
    input: '5000 characters',
    whatsapp: 'refused',
    reported: '422 content.text',
    kind: 'send',
    message: { type: 'text', content: { text: x(5000) } },
    activity: { type: 'message', text: x(5000), textFormat: 'plain' },
  },
  ...([1024, 1025] as const).map(
    (n): SendRow => ({
      rule: 'caption',
      input: `${n} characters`,
      whatsapp: n <= 1024 ? 'allowed' : 'refused',
      ...(n > 1024 ? { reported: '422 content.image.caption' } : {}),
      kind: 'send',
      message: {
        type: 'image',
        content: { image: { url: 'https://example.com/a.jpg', caption: x(n) } },
      },
    }),
  ),
  ...limitRows('interactiveBody', 1024, 'content.interactive.body.text', (s) =>
    buttons({ body: s }),
  ),
  ...limitRows('headerText', 60, 'content.interactive.header.text', (s) => buttons({ header: s })),
  ...limitRows('footer', 60, 'content.interactive.footer.text', (s) => buttons({ footer: s })),
  {
    rule: 'buttons',
    input: '3 reply buttons',
    whatsapp: 'allowed',
    kind: 'send',
    message: buttons({ n: 3 }),
  },
  {
    rule: 'buttons',
    input: '4 reply buttons',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.buttons',
    kind: 'send',
    message: buttons({ n: 4 }),
  },
  ...limitRows('buttonTitle', 20, 'content.interactive.action.buttons.0.title', (s) =>
    buttons({ title: s }),
  ),
  ...limitRows('buttonId', 256, 'content.interactive.action.buttons.0.id', (s) =>
    buttons({ id: s }),
  ),
  ...limitRows('listButton', 20, 'content.interactive.action.button', (s) => list({ button: s })),
  {
    rule: 'listSections',
    input: '10 sections',
    whatsapp: 'allowed',
    kind: 'send',
    message: list({ rows: Array(10).fill(1) }),
  },
  {
    rule: 'listSections',
    input: '11 sections',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.sections',
    kind: 'send',
    message: list({ rows: Array(11).fill(1) }),
  },
  {
    rule: 'listRows',
    input: '10 rows',
    whatsapp: 'allowed',
    kind: 'send',
    message: list({ rows: [10] }),
  },
  {
    rule: 'listRows',
    input: '11 rows',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.sections',
    kind: 'send',
    message: list({ rows: [11] }),
  },
  {
    rule: 'listRows',
    input: '6 + 6 rows in two sections',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.sections',
    kind: 'send',
    message: list({ rows: [6, 6] }),
  },
  ...limitRows('rowTitle', 24, 'content.interactive.action.sections.0.rows.0.title', (s) =>
    list({ row: { title: s } }),
  ),
  {
    rule: 'rowTitle',
    input: '24 characters, from suggested actions',
    whatsapp: 'allowed',
    kind: 'send',
    message: choicesList(ROW_24),
    activity: choices(ROW_24),
  },
  {
    rule: 'rowTitle',
    input: '30 characters, from suggested actions',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.sections.0.rows.1.title',
    kind: 'send',
    message: choicesList(ROW_30),
    activity: choices(ROW_30),
  },
  ...limitRows(
    'rowDescription',
    72,
    'content.interactive.action.sections.0.rows.0.description',
    (s) => list({ row: { description: s } }),
  ),
  ...limitRows('rowId', 200, 'content.interactive.action.sections.0.rows.0.id', (s) =>
    list({ row: { id: s } }),
  ),
  ...limitRows('sectionTitle', 24, 'content.interactive.action.sections.0.title', (s) =>
    list({ sectionTitle: s }),
  ),
  {
    rule: 'sectionTitle',
    input: 'two sections, the first untitled',
    whatsapp: 'refused',
    reported: '422 content.interactive.action.sections',
    kind: 'send',
    message: list({ rows: [2, 2], sectionTitle: null }),
  },

  // The 24-hour window.
  {
    rule: 'window',
    input: 'a text 23 hours after',
    whatsapp: 'allowed',
    kind: 'window',
    hours: 23,
  },
  {
    rule: 'window',
    input: 'a text 24 hours after',
    whatsapp: 'refused',
    reported: 'failed 470',
    kind: 'window',
    hours: 24,
  },
  {
    rule: 'window',
    input: 'a text 25 hours after',
    whatsapp: 'refused',
    reported: 'failed 470',
    kind: 'window',
    hours: 25,
  },
  {
    rule: 'window',
    input: 'a template 25 hours after',
    whatsapp: 'allowed',
    kind: 'window',
    hours: 25,
    template: true,
  },
];

/** Two rows for a limit: at it (allowed) and one over (refused, a 422 naming `parameter`). */
function limitRows(
  rule: string,
  limit: number,
  parameter: string,
  message: (s: string) => SendRow['message'],
): SendRow[] {
  return [
    {
      rule,
      input: `${limit} characters`,
      whatsapp: 'allowed',
      kind: 'send',
      message: message(x(limit)),
    },
    {
      rule,
      input: `${limit + 1} characters`,
      whatsapp: 'refused',
      reported: `422 ${parameter}`,
      kind: 'send',
      message: message(x(limit + 1)),
    },
  ];
}

/** What one side did with a row. */
interface Result {
  outcome: Outcome;
  /** The simulator's `422 <parameter>` or `failed <code>`; the adapter's error. */
  reported?: string;
  /** The category a template was read as (simulator), and the older-name warnings. */
  category?: string;
  warnings: string[];
}

// ---- the simulator, in process, as MessageBird answers ----

const SCHEDULE = { pending: 0, sent: 0, delivered: 0, read: null, failed: 0 };

async function call(sim: Simulator, method: string, path: string, body?: unknown) {
  const res = await sim.app.request(path, {
    method,
    headers: {
      Authorization: `AccessKey ${DEFAULT_ACCESS_KEY}`,
      'Content-Type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Sends and reads the message's final status (the schedule makes it final at once). */
async function sendOnSimulator(sim: Simulator, message: SendRow['message']): Promise<Result> {
  const sent = await call(sim, 'POST', '/v1/send', {
    to: PHONE,
    from: DEFAULT_CHANNEL_ID,
    ...message,
  });
  if (sent.status === 422) {
    return { outcome: 'refused', reported: `422 ${sent.body.errors[0].parameter}`, warnings: [] };
  }
  expect(sent.status, JSON.stringify(sent.body)).toBe(202);
  const { body } = await call(sim, 'GET', `/v1/messages/${sent.body.id}`);
  if (body.status === 'failed') {
    return { outcome: 'refused', reported: `failed ${body.error.code}`, warnings: [] };
  }
  expect(body.status).toBe('delivered');
  return { outcome: 'allowed', warnings: [] };
}

function hsm(name: string, language: string, params: number): SendRow['message'] {
  return {
    type: 'hsm',
    content: {
      hsm: {
        namespace: DEFAULT_TEMPLATE_NAMESPACE,
        templateName: name,
        language: { policy: 'deterministic', code: language },
        params: Array.from({ length: params }, (_, i) => ({ default: `value ${i + 1}` })),
      },
    },
  };
}

async function onSimulator(row: Case): Promise<Result> {
  const sim = createSimulator({
    clock: createClock({ mode: 'manual', start: '2026-03-02T09:00:00Z' }),
    schedule: SCHEDULE,
  });
  try {
    if (row.kind === 'template') {
      const t = { ...TEMPLATE, ...row.template };
      const submitted = await call(sim, 'POST', '/_sim/templates', t);
      if (submitted.status === 422) {
        const parameter = submitted.body.errors[0].parameter;
        return { outcome: 'refused', reported: `422 ${parameter}`, warnings: [] };
      }
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
      const approved = await call(sim, 'POST', `/_sim/templates/${t.name}/${t.language}/approve`);
      expect(approved.status).toBe(200);
      const result = await sendOnSimulator(sim, hsm(t.name, t.language, row.params));
      return { ...result, category: submitted.body.category, warnings: submitted.body.warnings };
    }
    expect((await call(sim, 'POST', '/_sim/inbound', inbound)).status).toBe(201);
    if (row.kind === 'send') return await sendOnSimulator(sim, row.message);
    if (row.template) {
      await call(sim, 'POST', '/_sim/templates', { ...TEMPLATE, content: 'Your order is ready.' });
      await call(sim, 'POST', `/_sim/templates/${TEMPLATE.name}/${TEMPLATE.language}/approve`);
    }
    await call(sim, 'POST', '/_sim/clock/advance', { seconds: row.hours * 3600 });
    return await sendOnSimulator(
      sim,
      row.template
        ? hsm(TEMPLATE.name, TEMPLATE.language, 0)
        : { type: 'text', content: { text: 'Still there?' } },
    );
  } finally {
    await sim.close();
  }
}

const inbound = { from: PHONE, displayName: 'Ada', type: 'text', content: { text: 'Hi' } };

// ---- the adapter, through its public API, sending to a simulator on a socket ----

let server: RunningSimulator;

beforeAll(async () => {
  server = await startSimulator({ port: 0 });
  server.inbound(inbound); // the contact wrote, as a real one would have
});

afterAll(async () => {
  await server?.close();
});

const reference: Partial<ConversationReference> = {
  channelId: 'whatsapp',
  user: { id: PHONE, name: 'Ada' },
  bot: { id: DEFAULT_CHANNEL_ID, name: 'Acme' },
  conversation: { id: PHONE, isGroup: false, conversationType: 'personal', name: 'Ada' },
};

/** A window store that says the contact last wrote at `at` (ms since the epoch). */
function lastWroteAt(at: number): WindowStore {
  return { recordInbound: () => {}, lastInbound: () => at, close: () => {} };
}

async function sentCount(): Promise<number> {
  const res = await server.app.request(
    `/_sim/messages?contact=${encodeURIComponent(PHONE)}&direction=sent`,
  );
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/** Errors the adapter throws before any HTTP call when it refuses a send. */
const OWN_REFUSALS = [
  ConfigurationError,
  TemplateError,
  UnsupportedActivityError,
  WindowClosedError,
];
const isOwnRefusal = (error: unknown) => OWN_REFUSALS.some((type) => error instanceof type);

async function onAdapter(row: Case): Promise<Result> {
  const warnings: string[] = [];
  const noop = () => {};
  const logger: Logger = { debug: noop, info: noop, warn: (m) => warnings.push(m), error: noop };
  const t = row.kind === 'template' ? { ...TEMPLATE, ...row.template } : TEMPLATE;
  const definition: TemplateDefinitionInput = {
    ...t,
    content: row.kind === 'template' ? row.template.content : 'Your order is ready.',
    namespace: DEFAULT_TEMPLATE_NAMESPACE,
  };
  const hours = row.kind === 'window' ? row.hours : 1;
  let adapter: MessageBirdAdapter;
  try {
    adapter = new MessageBirdAdapter({
      accessKey: DEFAULT_ACCESS_KEY,
      signingKey: DEFAULT_SIGNING_KEY,
      channelId: DEFAULT_CHANNEL_ID,
      apiBaseUrl: `${server.url}/v1`,
      templates: [definition],
      window: { store: lastWroteAt(Date.now() - hours * HOUR) },
      retry: { retries: 1, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
      rateLimit: { perSecond: 1000, maxConcurrent: 10 },
      logger,
    });
  } catch (error) {
    if (!isOwnRefusal(error)) throw error;
    return { outcome: 'refused', reported: (error as Error).message, warnings };
  }
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  const send = (context: TurnContext): Promise<unknown> => {
    if (row.kind === 'template') {
      const params = Array.from({ length: row.params }, (_, i) => `value ${i + 1}`);
      return adapter.sendTemplate(context, { name: t.name, language: t.language, params });
    }
    if (row.kind === 'window') {
      return row.template
        ? adapter.sendTemplate(context, { name: t.name, params: [] })
        : context.sendActivity('Still there?');
    }
    return context.sendActivity(
      row.activity ?? { type: 'message', channelData: { messagebird: row.message } },
    );
  };
  try {
    const before = await sentCount();
    let thrown: unknown;
    await adapter.continueConversationAsync('', reference, async (context) => {
      try {
        await send(context);
      } catch (error) {
        thrown = error;
      }
    });
    const sent = (await sentCount()) - before;
    if (thrown === undefined) {
      expect(sent, 'an allowed send reaches MessageBird').toBeGreaterThan(0);
      return { outcome: 'allowed', warnings };
    }
    // The adapter sent it and MessageBird refused: the adapter itself allowed it.
    if (thrown instanceof MessageBirdApiError) return { outcome: 'allowed', warnings };
    if (!isOwnRefusal(thrown)) throw thrown;
    expect(sent, 'a refusal comes before any HTTP call').toBe(0);
    return { outcome: 'refused', reported: (thrown as Error).message, warnings };
  } finally {
    await adapter.close();
  }
}

// ---- the table ----

const ran = { simulator: new Set<Case>(), adapter: new Set<Case>() };

describe.each(ROWS.map((row) => [`${row.rule}: ${row.input} (${row.whatsapp})`, row] as const))(
  '%s',
  (_, row) => {
    it('the simulator does what WhatsApp does', async () => {
      const result = await onSimulator(row);
      ran.simulator.add(row);
      expect(result.outcome).toBe(row.whatsapp);
      if (row.whatsapp === 'refused') expect(result.reported).toBe(row.reported);
      if (row.kind === 'template' && row.reads) {
        expect(result.category).toBe(row.reads.category);
        expect(result.warnings).toHaveLength(row.reads.warns ? 1 : 0);
        if (row.reads.warns) expect(result.warnings[0]).toMatch(/older name/);
      }
    });

    it('the adapter does what WhatsApp does', async () => {
      const result = await onAdapter(row);
      ran.adapter.add(row);
      expect(result.outcome, result.reported).toBe(row.whatsapp);
      if (row.kind === 'template' && row.reads) {
        const older = result.warnings.filter((w) => /older name/.test(w));
        expect(older).toHaveLength(row.reads.warns ? 1 : 0);
        if (row.reads.warns) expect(older[0]).toContain(row.reads.category);
      }
    });
  },
);

describe('the table', () => {
  it('ran every row against both sides', () => {
    expect(ran.simulator.size).toBe(ROWS.length);
    expect(ran.adapter.size).toBe(ROWS.length);
  });

  it('covers the disagreements the two copies of the rules had', () => {
    const inputs = ROWS.map((r) => r.input);
    for (const input of [
      'Order {{2}} for {{1}} (any order)',
      'a named placeholder {{ name }}',
      'one_time_password',
      '5000 characters',
      '30 characters, from suggested actions',
    ]) {
      expect(inputs).toContain(input);
    }
  });
});
