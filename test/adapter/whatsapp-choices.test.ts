import {
  ActivityHandler,
  ConversationState,
  MemoryStorage,
  type StatePropertyAccessor,
  TestAdapter,
  type TurnContext,
} from 'botbuilder';
import {
  ChoiceFactory,
  ChoicePrompt,
  ComponentDialog,
  ConfirmPrompt,
  DialogSet,
  type DialogState,
  DialogTurnStatus,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageBirdAdapter } from '../../src/adapter/index.js';
import { installWhatsAppChoices } from '../../src/adapter/whatsapp-choices.js';
import { silentLogger } from '../../src/core/logger.js';
import { type RunningSimulator, startSimulator } from '../../src/simulator/index.js';
import { IDS } from '../payloads/index.js';
import { KEYS } from '../support/adapter.js';
import { type Listening, listen } from '../support/servers.js';

const TRAVEL = () => ['Car', 'Bus', 'Bicycle'];
const ELEVEN = () => Array.from({ length: 11 }, (_, i) => `Stop ${i + 1}`);
const LONG = () => ['Car', 'A bus that takes the scenic route']; // 33 characters

// botbuilder-dialogs' own output, taken before anything in this file installs the hook.
const original = ChoiceFactory.forChannel;
const before = {
  emulator: ChoiceFactory.forChannel('emulator', TRAVEL(), 'How do you travel?'),
  msteams: ChoiceFactory.forChannel('msteams', TRAVEL(), 'How do you travel?'),
  test: ChoiceFactory.forChannel('test', TRAVEL(), 'How do you travel?'),
  eleven: ChoiceFactory.forChannel('whatsapp', ELEVEN(), 'Where do you get off?'),
  long: ChoiceFactory.forChannel('whatsapp', LONG(), 'How do you travel?'),
};

describe('installWhatsAppChoices: ChoiceFactory.forChannel', () => {
  beforeAll(() => {
    expect(installWhatsAppChoices()).toBe(true);
  });

  it('gives the whatsapp channel its choices as suggested actions, which the adapter sends as buttons', () => {
    const message = ChoiceFactory.forChannel('whatsapp', TRAVEL(), 'How do you travel?');
    expect(message.text).toBe('How do you travel?');
    expect(message.suggestedActions?.actions).toEqual([
      expect.objectContaining({ type: 'imBack', title: 'Car', value: 'Car' }),
      expect.objectContaining({ type: 'imBack', title: 'Bus', value: 'Bus' }),
      expect.objectContaining({ type: 'imBack', title: 'Bicycle', value: 'Bicycle' }),
    ]);
  });

  it('reads the channel from a TurnContext as botbuilder-dialogs does', () => {
    const context = { activity: { channelId: 'whatsapp' } } as TurnContext;
    const message = ChoiceFactory.forChannel(context, TRAVEL(), 'How do you travel?');
    expect(message.suggestedActions?.actions.map((a) => a.title)).toEqual(TRAVEL());
    const teams = { activity: { channelId: 'msteams' } } as TurnContext;
    expect(ChoiceFactory.forChannel(teams, TRAVEL(), 'How do you travel?')).toEqual(before.msteams);
  });

  it('gives a prompt without text the body "Choose one:", as WhatsApp needs one', () => {
    expect(ChoiceFactory.forChannel('whatsapp', TRAVEL()).text).toBe('Choose one:');
    expect(ChoiceFactory.forChannel('whatsapp', TRAVEL(), '  ').text).toBe('Choose one:');
  });

  it('leaves other channels exactly as botbuilder-dialogs renders them', () => {
    for (const channel of ['emulator', 'msteams', 'test'] as const) {
      expect(ChoiceFactory.forChannel(channel, TRAVEL(), 'How do you travel?'), channel).toEqual(
        before[channel],
      );
    }
    expect(before.test.text).toBe('How do you travel? (1) Car, (2) Bus, or (3) Bicycle');
  });

  it('falls back to botbuilder-dialogs’ text for more than 10 choices or a title over 24 characters', () => {
    const eleven = ChoiceFactory.forChannel('whatsapp', ELEVEN(), 'Where do you get off?');
    expect(eleven).toEqual(before.eleven);
    expect(eleven.suggestedActions).toBeUndefined();
    expect(eleven.text).toContain('11. Stop 11');
    const long = ChoiceFactory.forChannel('whatsapp', LONG(), 'How do you travel?');
    expect(long).toEqual(before.long);
    expect(long.suggestedActions).toBeUndefined();
  });

  it('falls back for a choice whose action is not a reply (WhatsApp cannot show a link button)', () => {
    const choices = [
      { value: 'Timetable', action: { type: 'openUrl', title: 'Timetable', value: 'https://x.y' } },
    ];
    const message = ChoiceFactory.forChannel('whatsapp', choices, 'More?');
    expect(message.suggestedActions).toBeUndefined();
    expect(message.text).toBe('More? (1) Timetable');
  });

  it('wraps once, however often it is installed and however many adapters are made', async () => {
    const wrapped = ChoiceFactory.forChannel;
    expect(wrapped).not.toBe(original);
    expect(installWhatsAppChoices(silentLogger)).toBe(true);
    const adapter = new MessageBirdAdapter({
      ...KEYS,
      channelId: IDS.channelId,
      logger: silentLogger,
    });
    await adapter.close();
    expect(ChoiceFactory.forChannel).toBe(wrapped);
  });
});

// ---- The bot, written as Microsoft's samples write a waterfall dialog. ----

class TravelDialog extends ComponentDialog {
  constructor() {
    super('travel');
    this.addDialog(new ChoicePrompt('choice'))
      .addDialog(new ConfirmPrompt('confirm'))
      .addDialog(
        new WaterfallDialog('steps', [
          async (step: WaterfallStepContext) =>
            step.prompt('choice', {
              prompt: 'How do you travel?',
              choices: ChoiceFactory.toChoices(TRAVEL()),
            }),
          async (step: WaterfallStepContext) => {
            (step.values as Record<string, string>).mode = step.result.value;
            await step.context.sendActivity(`You chose ${step.result.value}`);
            return step.prompt('choice', {
              prompt: 'Which day?',
              choices: ChoiceFactory.toChoices(['Monday', 'Tuesday', 'Wednesday', 'Thursday']),
            });
          },
          async (step: WaterfallStepContext) => {
            (step.values as Record<string, string>).day = step.result.value;
            return step.prompt('confirm', { prompt: `${step.result.value} it is. Book it?` });
          },
          async (step: WaterfallStepContext) => {
            const { mode, day } = step.values as Record<string, string>;
            await step.context.sendActivity(
              step.result ? `Booked: ${mode} on ${day}.` : 'Nothing booked.',
            );
            return step.endDialog();
          },
        ]),
      );
    this.initialDialogId = 'steps';
  }
}

class DialogBot extends ActivityHandler {
  constructor(conversationState: ConversationState, dialog: ComponentDialog) {
    super();
    const dialogState: StatePropertyAccessor<DialogState> =
      conversationState.createProperty('DialogState');
    const dialogs = new DialogSet(dialogState).add(dialog);
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(dialog.id);
      await next();
    });
    this.onDialog(async (context, next) => {
      await conversationState.saveChanges(context, false);
      await next();
    });
  }
}

// ---- The bot on a MessageBirdAdapter, against the simulator on a socket. ----

/** A promise settled from outside. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('a waterfall dialog with default-style prompts on WhatsApp, against the simulator', () => {
  let sim: RunningSimulator;
  let server: Listening;
  let adapter: MessageBirdAdapter;
  /** Each inbound message's turn, by message id (the activity id), settled when the bot is done. */
  const turns = new Map<string, ReturnType<typeof deferred>>();
  const turn = (id: string) => {
    let t = turns.get(id);
    if (!t) {
      t = deferred();
      turns.set(id, t);
    }
    return t;
  };
  const turnErrors: unknown[] = [];
  const contact = '+31687654321';

  beforeAll(async () => {
    sim = await startSimulator({ ...KEYS, channelId: IDS.channelId });
    const bot = new DialogBot(new ConversationState(new MemoryStorage()), new TravelDialog());
    server = await listen((req, res) => {
      void adapter.process(req, res, async (context) => {
        const id = context.activity.id as string;
        try {
          await bot.run(context);
          turn(id).resolve();
        } catch (error) {
          turn(id).reject(error);
          throw error;
        }
      });
    });
    adapter = new MessageBirdAdapter({
      ...KEYS,
      channelId: IDS.channelId,
      apiBaseUrl: `${sim.url}/v1`,
      webhookUrl: `${server.url}/api/messages`,
      logger: silentLogger,
    });
    adapter.onTurnError = async (_context, error) => {
      turnErrors.push(error);
      throw error;
    };
    const response = await fetch(`${sim.url}/v1/webhooks`, {
      method: 'POST',
      headers: { Authorization: `AccessKey ${KEYS.accessKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        channelId: IDS.channelId,
        url: `${server.url}/api/messages`,
        events: ['message.created'],
      }),
    });
    expect(response.status).toBe(201);
  });

  afterAll(async () => {
    await server?.close();
    await adapter?.close();
    await sim?.close();
    expect(turnErrors).toEqual([]);
  });

  let seen = 0;
  /** The contact sends a message; answers what the bot sent in that turn, from the simulator. */
  async function send(message: Record<string, unknown>): Promise<any[]> {
    const response = await fetch(`${sim.url}/_sim/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: contact, ...message }),
    });
    const created = (await response.json()) as { id: string };
    expect(response.status, JSON.stringify(created)).toBe(201);
    await turn(created.id).promise;
    const sent = await fetch(
      `${sim.url}/_sim/messages?contact=${encodeURIComponent(contact)}&direction=sent`,
    );
    const { items } = (await sent.json()) as { items: any[] };
    const fresh = items.slice(seen);
    seen = items.length;
    return fresh;
  }
  const text = (body: string) => send({ type: 'text', content: { text: body } });
  const tap = (on: any, kind: 'button_reply' | 'list_reply', id: string, title: string) =>
    send({
      type: 'interactive',
      content: { interactive: { type: kind, reply: { id, text: title } } },
      replyTo: on.id,
    });

  it('shows choices as reply buttons or a list, and the tapped answer moves the dialog on', async () => {
    const [travel] = await text('Hi');
    expect(travel).toMatchObject({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'How do you travel?' },
          action: {
            buttons: [
              { id: 'Car', type: 'reply', title: 'Car' },
              { id: 'Bus', type: 'reply', title: 'Bus' },
              { id: 'Bicycle', type: 'reply', title: 'Bicycle' },
            ],
          },
        },
      },
    });

    const [chosen, day] = await tap(travel, 'button_reply', 'Bus', 'Bus');
    expect(chosen).toMatchObject({ type: 'text', content: { text: 'You chose Bus' } });
    expect(day).toMatchObject({
      type: 'interactive',
      content: {
        interactive: {
          type: 'list',
          body: { text: 'Which day?' },
          action: {
            sections: [
              {
                rows: [
                  { id: 'Monday', title: 'Monday' },
                  { id: 'Tuesday', title: 'Tuesday' },
                  { id: 'Wednesday', title: 'Wednesday' },
                  { id: 'Thursday', title: 'Thursday' },
                ],
              },
            ],
          },
        },
      },
    });

    const [confirm] = await tap(day, 'list_reply', 'Thursday', 'Thursday');
    expect(confirm).toMatchObject({
      type: 'interactive',
      content: {
        interactive: {
          type: 'button',
          body: { text: 'Thursday it is. Book it?' },
          action: {
            buttons: [
              { id: 'Yes', type: 'reply', title: 'Yes' },
              { id: 'No', type: 'reply', title: 'No' },
            ],
          },
        },
      },
    });

    expect(await tap(confirm, 'button_reply', 'Yes', 'Yes')).toEqual([
      expect.objectContaining({ type: 'text', content: { text: 'Booked: Bus on Thursday.' } }),
    ]);
  });

  it('answers a typed reply the same way, and a No to the confirm buttons', async () => {
    await text('Hi again');
    const [chosen] = await text('bicycle');
    expect(chosen).toMatchObject({ content: { text: 'You chose Bicycle' } });
    const [confirm] = await text('Monday');
    expect(confirm?.content.interactive.action.buttons.map((b: any) => b.title)).toEqual([
      'Yes',
      'No',
    ]);
    expect(await tap(confirm, 'button_reply', 'No', 'No')).toEqual([
      expect.objectContaining({ content: { text: 'Nothing booked.' } }),
    ]);
  });
});

describe('another channel in the same process', () => {
  it('still gets botbuilder-dialogs’ own rendering on a TestAdapter (channel "test")', async () => {
    installWhatsAppChoices();
    expect(ChoiceFactory.forChannel).not.toBe(original); // the hook is in place
    const conversationState = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState'))
      .add(new ChoicePrompt('choice'))
      .add(new ConfirmPrompt('confirm'));
    const channels = new Set<string>();
    const testAdapter = new TestAdapter(async (context) => {
      channels.add(context.activity.channelId);
      const dc = await dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.prompt('choice', { prompt: 'How do you travel?', choices: TRAVEL() });
      } else if (result.status === DialogTurnStatus.complete && result.result?.value) {
        await context.sendActivity(`You chose ${result.result.value}`);
        await dc.prompt('confirm', 'Book it?');
      }
      await conversationState.saveChanges(context);
    });
    await testAdapter
      .send('Hi')
      .assertReply((activity) => {
        expect(activity.text).toBe('How do you travel? (1) Car, (2) Bus, or (3) Bicycle');
        expect(activity.suggestedActions).toBeUndefined();
      })
      .send('Bus')
      .assertReply('You chose Bus')
      .assertReply((activity) => {
        expect(activity.text).toBe('Book it? (1) Yes or (2) No');
        expect(activity.suggestedActions).toBeUndefined();
      })
      .startTest();
    expect([...channels]).toEqual(['test']);
  });
});
